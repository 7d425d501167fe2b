package io.latentad.models.ae;

import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;
import io.latentad.models.data.Dataset;
import io.latentad.models.data.SampleShape;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code augment=shiftS}: training images moved by a random offset in [-S, S]^2, zero fill, training steps only. */
class ImageShiftTest {
    private static final int H = 6, W = 6;

    /** 90 images 1 x 6 x 6 in [0, 1]: a bright 2 x 2 square at one of three places (the class), faint noise. */
    private static Dataset images() {
        Rng r = new Rng(5);
        int n = 90;
        double[][] x = new double[n][H * W];
        int[] labels = new int[n];
        int[][] at = {{1, 1}, {1, 3}, {3, 2}};
        for (int i = 0; i < n; i++) {
            int c = i % 3;
            labels[i] = c;
            for (int j = 0; j < H * W; j++) x[i][j] = 0.1 * r.nextDouble();
            for (int dy = 0; dy < 2; dy++) for (int dx = 0; dx < 2; dx++) x[i][(at[c][0] + dy) * W + at[c][1] + dx] = 0.8 + 0.2 * r.nextDouble();
        }
        String[] names = new String[H * W];
        for (int j = 0; j < names.length; j++) names[j] = "p" + j;
        return new Dataset("squares", x, names, labels, new String[] {"a", "b", "c"}, null, null, SampleShape.image(1, H, W), null);
    }

    private static final Dataset DATA = images();

    private static AeOptions small(ModelKind kind) {
        return AeOptions.fromParams(kind, Map.of("hidden", "16", "epochs", "3", "batch", "16", "lr", "0.01", "patience", "0",
                "seed", "3"));
    }

    private static boolean sameParameters(TrainedAutoencoder a, TrainedAutoencoder b) {
        for (Map.Entry<String, Tensor> e : a.parameters().entrySet()) {
            if (!Arrays.equals(e.getValue().toArray(), b.parameters().get(e.getKey()).toArray())) return false;
        }
        return true;
    }

    @Test
    void offIsThePlainRunToTheBitAndIsNotWritten() {
        AeOptions o = small(ModelKind.CLVAE);
        TrainedAutoencoder plain = AeTrainer.fit(o, DATA, null);
        for (String off : new String[] {"none", "0", "NONE"}) {
            TrainedAutoencoder m = AeTrainer.fit(o.with("augment", off), DATA, null);
            assertTrue(sameParameters(plain, m), off + ": the plain run to the bit");
            assertArrayEquals(plain.history().validLoss(), m.history().validLoss(), 0, off);
            assertFalse(m.options().toParams().containsKey("augment"), "off is not written: older models' maps unchanged");
        }
    }

    @Test
    void onIsSeededReproducibleAndKeptInTheModel() {
        for (ModelKind kind : new ModelKind[] {ModelKind.CLVAE, ModelKind.AE}) {
            AeOptions o = small(kind), s = o.with("augment", "shift1");
            TrainedAutoencoder plain = AeTrainer.fit(o, DATA, null), a = AeTrainer.fit(s, DATA, null), b = AeTrainer.fit(s, DATA, null);
            assertTrue(sameParameters(a, b), kind + ": the same seed, the same shifts");
            assertFalse(sameParameters(plain, a), kind + ": the shifts change the training");
            assertFalse(sameParameters(a, AeTrainer.fit(s.with("augment", "shift2"), DATA, null)), kind + ": the range matters");
            assertFalse(sameParameters(a, AeTrainer.fit(s.with("seed", "4"), DATA, null)), kind + ": the shifts follow the seed");
            assertEquals("shift1", a.options().toParams().get("augment"));
            AeOptions back = AeOptions.fromParams(kind, a.options().toParams());
            assertEquals(a.options(), back);
            assertEquals(1, back.training().augmentShift());
        }
    }

    @Test
    void theConvNetworksImageKeyGivesTheShapeOfRowsOfPixels() {
        Dataset rows = DATA.withShape(SampleShape.row(H * W), null);
        AeOptions o = AeOptions.fromParams(ModelKind.AE, Map.of("net", "conv", "image", "1x6x6", "epochs", "2", "batch", "16",
                "patience", "0", "seed", "3"));
        TrainedAutoencoder plain = AeTrainer.fit(o, rows, null), a = AeTrainer.fit(o.with("augment", "shift1"), rows, null);
        assertFalse(sameParameters(plain, a), "rows of pixels read as images by net=conv are moved");
        assertTrue(sameParameters(a, AeTrainer.fit(o.with("augment", "shift1"), rows, null)));
    }

    @Test
    void theShiftMovesTheContentAndFillsWithZeros() {
        // 2 channels of 3 x 4, pixel value = 1 + index: moved right by 1 and up by 1 (dx = 1, dy = -1)
        SampleShape.Image img = SampleShape.image(2, 3, 4);
        float[] in = new float[24];
        for (int i = 0; i < in.length; i++) in[i] = 1 + i;
        float[] out = new float[26];
        Arrays.fill(out, -7f);
        ImageShift.move(in, out, 1, img, 1, -1);
        float[] want = {
                0, 5, 6, 7, 0, 9, 10, 11, 0, 0, 0, 0,       // channel 0: rows 1, 2 of the input, one step right; bottom row empty
                0, 17, 18, 19, 0, 21, 22, 23, 0, 0, 0, 0};  // channel 1 alike
        assertArrayEquals(want, Arrays.copyOfRange(out, 1, 25));
        assertEquals(-7f, out[0], "nothing written before the row");
        assertEquals(-7f, out[25], "nor after it");
        float[] same = new float[24];
        ImageShift.move(in, same, 0, img, 0, 0);
        assertArrayEquals(in, same, "offset 0: the image itself");
        ImageShift.move(in, same, 0, img, -2, 2);
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 15, 16, 0, 0}, same,
                "left 2, down 2");
    }

    @Test
    void offsetsAreDrawnFromTheWholeRangeAndNoFurther() {
        // one lit pixel at the centre of 7 x 7 images: after the shift it lies at the centre plus (dx, dy)
        SampleShape.Image img = SampleShape.image(1, 7, 7);
        int n = 1000, s = 2;
        Tensor x = Tensor.zeros(n, 49);
        for (int i = 0; i < n; i++) x.setAt(i * 49 + 3 * 7 + 3, 1f);
        ImageShift.apply(x, img, s, new Rng(11));
        int[][] hits = new int[2 * s + 1][2 * s + 1];
        float[] d = x.toArray();
        for (int i = 0; i < n; i++) {
            int lit = -1, count = 0;
            for (int j = 0; j < 49; j++) {
                if (d[i * 49 + j] != 0f) {
                    lit = j;
                    count++;
                }
            }
            assertEquals(1, count, "row " + i + ": the pixel moved, not lost or doubled");
            assertEquals(1f, d[i * 49 + lit]);
            int dy = lit / 7 - 3, dx = lit % 7 - 3;
            assertTrue(Math.abs(dx) <= s && Math.abs(dy) <= s, "row " + i + ": offset (" + dx + ", " + dy + ") within [-2, 2]");
            hits[dy + s][dx + s]++;
        }
        for (int[] row : hits) for (int h : row) assertTrue(h > 15, "every offset drawn (" + Arrays.deepToString(hits) + ")");
        Tensor again = Tensor.zeros(n, 49);
        for (int i = 0; i < n; i++) again.setAt(i * 49 + 3 * 7 + 3, 1f);
        ImageShift.apply(again, img, s, new Rng(11));
        assertArrayEquals(d, again.toArray(), "the same stream, the same shifts");
    }

    @Test
    void badValuesAreRefusedNamingTheKey() {
        AeOptions o = small(ModelKind.CLVAE);
        for (String bad : new String[] {"shift0", "shift-1", "shift", "shiftx", "1", "-1", "lots", "shift1.5", "shift99999"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.with("augment", bad));
            assertTrue(e.getMessage().contains("augment") && e.getMessage().contains(bad), e.getMessage());
        }
        // a shift that moves every pixel out of a 6 x 6 frame
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AeTrainer.fit(o.with("augment", "shift6"), DATA, null));
        assertTrue(e.getMessage().contains("augment") && e.getMessage().contains("1 x 6 x 6"), e.getMessage());
        AeTrainer.fit(o.with(Map.of("augment", "shift5", "epochs", "1")), DATA, null); // the largest that keeps a pixel
    }

    @Test
    void tabularDataAndTheRecurrentNetworkAreRefused() {
        Blobs rows = AeTrainerTest.DATA;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AeTrainerTest.fit(AeTrainerTest.small(ModelKind.CLVAE, 2).with("augment", "shift1"), rows));
        assertTrue(e.getMessage().contains("augment") && e.getMessage().contains("row 8"), e.getMessage());
        double[][] x = new double[20][12];
        for (int i = 0; i < x.length; i++) for (int t = 0; t < 12; t++) x[i][t] = Math.sin(0.5 * t + i);
        String[] names = new String[12];
        for (int t = 0; t < 12; t++) names[t] = "t" + t;
        Dataset seqs = new Dataset("waves", x, names, null, null, null, null, SampleShape.sequence(12, 1), null);
        AeOptions vrae = AeOptions.fromParams(ModelKind.VRAE, Map.of("epochs", "1", "augment", "shift1"));
        e = assertThrows(IllegalArgumentException.class, () -> AeTrainer.fit(vrae, seqs, null));
        assertTrue(e.getMessage().contains("augment") && e.getMessage().contains("lstm"), e.getMessage());
    }
}
