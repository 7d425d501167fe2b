package io.latentad.engine.kernel.simd;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The packed layouts, element by element, against their definition in {@link GemmPacking}'s javadoc: the
 * transposed-B panels (8 x 8 register transposes for full panels, the element loop for the rest), with blocks
 * that start inside B (row and column offsets, a leading dimension wider than the block) and depths that leave
 * 0-7 columns after the last whole 8-column block.
 */
class GemmPackingTest {
    /**
     * Every panel width the micro-kernel has on some machine (8 with 128-bit vectors, 16 with AVX2, 32 with
     * AVX-512), and one that is not a whole number of 8-row blocks.
     */
    @Test
    void transposedBPanelsHoldOpBRowByRowAndZerosPastTheEdge() {
        for (int nr : new int[] {GemmMicroKernel.NR, 8, 16, 32, 12}) transposedPanels(nr);
    }

    private static void transposedPanels(int NR) {
        Random rng = new Random(5);
        int[] widths = {NR, 2 * NR + 8, 3 * NR, 5, NR + 1};
        int[] depths = {1, 7, 8, 9, 63, 64, 200};
        for (int nc : widths) {
            for (int kc : depths) {
                int j0 = 3, p0 = 11, bOff = 7, ldb = p0 + kc + 13, rows = j0 + nc;
                float[] b = new float[bOff + rows * ldb];
                for (int i = 0; i < b.length; i++) b[i] = rng.nextFloat() - 0.5f;
                int panels = (nc + NR - 1) / NR;
                float[] got = new float[panels * kc * NR + 5];
                Arrays.fill(got, Float.NaN); // every slot of the panels must be written
                GemmPacking.packB(true, b, bOff, ldb, p0, kc, j0, nc, NR, got);
                for (int panel = 0; panel < panels; panel++) {
                    for (int p = 0; p < kc; p++) {
                        for (int c = 0; c < NR; c++) {
                            int j = panel * NR + c;
                            float want = j < nc ? b[bOff + (j0 + j) * ldb + p0 + p] : 0f;
                            int at = (panel * kc + p) * NR + c;
                            assertEquals(want, got[at], "nr " + NR + " nc " + nc + " kc " + kc + " panel " + panel + " p " + p + " c " + c);
                        }
                    }
                }
                for (int i = panels * kc * NR; i < got.length; i++) {
                    assertEquals(Float.NaN, got[i], "written past the panels at " + i + " (nc " + nc + ", kc " + kc + ")");
                }
            }
        }
    }
    /**
     * Row-major A panels of six rows: full panels go by 8 x 8 transposes whose two junk lanes the next store
     * overwrites; blocks in the middle of A (rows below them exist) and at its end (they do not: the element
     * loop), destinations with no spare room and with some (where at most two junk floats may land).
     */
    @Test
    void rowMajorAPanelsHoldOpAColumnByColumnAndZerosPastTheEdge() {
        Random rng = new Random(6);
        int MR = 6;
        for (int mc : new int[] {6, 12, 13, 128, 5}) {
            for (int kc : new int[] {1, 7, 8, 9, 63, 64, 200}) {
                for (boolean atEnd : new boolean[] {false, true}) {
                    for (int spare : new int[] {0, 5}) {
                        int i0 = 2, p0 = 9, aOff = 3, lda = p0 + kc + 11, rows = i0 + mc + (atEnd ? 0 : 4);
                        float[] a = new float[aOff + rows * lda];
                        for (int i = 0; i < a.length; i++) a[i] = rng.nextFloat() - 0.5f;
                        int panels = (mc + MR - 1) / MR, used = panels * kc * MR;
                        float[] got = new float[used + spare];
                        Arrays.fill(got, Float.NaN);
                        GemmPacking.packA(false, a, aOff, lda, i0, mc, p0, kc, MR, got);
                        String at = "mc " + mc + " kc " + kc + (atEnd ? " at the end" : "") + " spare " + spare;
                        for (int panel = 0; panel < panels; panel++) {
                            for (int p = 0; p < kc; p++) {
                                for (int r = 0; r < MR; r++) {
                                    int i = panel * MR + r;
                                    float want = i < mc ? a[aOff + (i0 + i) * lda + p0 + p] : 0f;
                                    assertEquals(want, got[(panel * kc + p) * MR + r], at + " panel " + panel + " p " + p + " r " + r);
                                }
                            }
                        }
                        for (int i = used + 2; i < got.length; i++) assertEquals(Float.NaN, got[i], at + ": written at " + i);
                    }
                }
            }
        }
    }
}
