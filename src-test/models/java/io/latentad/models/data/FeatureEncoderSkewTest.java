package io.latentad.models.data;

import io.latentad.models.detect.Fixture;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --skew log}: strongly skewed numeric columns read as sign(x) log(1 + |x|), against SciPy / NumPy (make_skew.py). */
class FeatureEncoderSkewTest {
    private static final Fixture F = Fixture.load("/fixtures/data/skew.json");

    private static String csv(boolean missing) {
        double[] h = F.vector("heavy"), m = F.vector("mild"), l = F.vector("left");
        StringBuilder b = new StringBuilder("heavy,mild,left\n");
        for (int i = 0; i < h.length; i++) {
            b.append(missing && i == 3 ? "" : Double.toString(h[i])).append(',').append(m[i]).append(',').append(l[i]).append('\n');
        }
        return b.toString();
    }

    @Test
    void skewnessEqualsScipys() {
        for (String k : new String[] {"heavy", "mild", "left"}) {
            assertEquals(F.number(k + "_skew"), ColumnStats.skewness(F.vector(k)), 1e-12, k);
        }
        assertEquals(0.0, ColumnStats.skewness(new double[] {3, 3, 3, 3}));
        assertEquals(0.0, ColumnStats.skewness(new double[] {1, 2}));
        double[] huge = {1e306, 2e306, 9e306, -1e306};
        double[] small = {1, 2, 9, -1};
        assertEquals(ColumnStats.skewness(small), ColumnStats.skewness(huge), 1e-12, "scale free, no overflow");
    }

    @Test
    void onlyStronglySkewedColumnsAreLoggedAndOnlyWhenAsked() {
        CsvTable t = CsvTable.parse("s.csv", csv(false));
        FeatureEncoder plain = FeatureEncoder.fit(t, CsvOptions.defaults());
        for (int f = 0; f < 3; f++) assertFalse(plain.isLogged(f));
        FeatureEncoder e = FeatureEncoder.fit(t, CsvOptions.defaults().withLogSkewed(true));
        assertTrue(e.isLogged(0));
        assertFalse(e.isLogged(1), "|skew| 0.42 < 1");
        assertTrue(e.isLogged(2), "skewed to the left");
        String notes = String.join("\n", e.notes());
        assertTrue(notes.contains(String.format(Locale.ROOT, "column 'heavy' is skewed (sample skewness %.2f)", F.number("heavy_skew"))), notes);
        assertTrue(notes.contains("column 'left' is skewed (sample skewness -4.59)"), notes);
        assertFalse(notes.contains("'mild'"), notes);
        assertTrue(e.describe().contains("heavy (log), mild, left (log)"), e.describe());
    }

    @Test
    void theEncodedColumnEqualsNumpysWithTheMissingCellAtTheLoggedMedian() {
        CsvTable t = CsvTable.parse("s.csv", csv(true));
        FeatureEncoder e = FeatureEncoder.fit(t, CsvOptions.defaults().withLogSkewed(true));
        double[][] x = e.transform(t).x();
        double[] want = F.vector("heavy_missing_encoded");
        assertEquals("heavy_missing", e.featureNames()[1]);
        for (int i = 0; i < want.length; i++) assertEquals(want[i], x[i][0], 1e-12, "row " + i);
        assertEquals(1.0, x[3][1]);
        // a new value far outside the training range still encodes finitely (the log tames it)
        CsvTable far = CsvTable.parse("n.csv", "heavy,mild,left\n-1e300,5,-3\n");
        double[] row = e.transform(far).x()[0];
        assertTrue(Double.isFinite(row[0]) && row[0] < -10, Arrays.toString(row));
    }

    @Test
    void theLoggedColumnsSurviveTheFileAndOldFilesReadAsNotLogged() throws IOException {
        CsvTable t = CsvTable.parse("s.csv", csv(false));
        FeatureEncoder e = FeatureEncoder.fit(t, CsvOptions.defaults().withLogSkewed(true));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        e.write(new DataOutputStream(bytes));
        FeatureEncoder back = FeatureEncoder.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertTrue(back.isLogged(0) && !back.isLogged(1) && back.isLogged(2));
        assertArrayEquals(e.transform(t).x()[5], back.transform(t).x()[5], 0.0);
        // version 1 (written before this option): no logged flags in the bytes
        FeatureEncoder plain = FeatureEncoder.fit(t, CsvOptions.defaults());
        ByteArrayOutputStream v2 = new ByteArrayOutputStream();
        plain.write(new DataOutputStream(v2));
        byte[] v1 = version1(v2.toByteArray(), 3);
        FeatureEncoder old = FeatureEncoder.read(new DataInputStream(new ByteArrayInputStream(v1)));
        for (int f = 0; f < 3; f++) assertFalse(old.isLogged(f));
        assertArrayEquals(plain.transform(t).x()[7], old.transform(t).x()[7], 0.0);
    }

    /** The version-2 bytes of an encoder of {@code numeric} plain numeric columns rewritten as version 1. */
    private static byte[] version1(byte[] v2, int numeric) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(v2));
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        out.writeInt(in.readInt());
        in.readInt();
        out.writeInt(1);
        int m = in.readInt();
        out.writeInt(m);
        for (int f = 0; f < m; f++) {
            out.writeUTF(in.readUTF());
            boolean cat = in.readBoolean();
            assertFalse(cat);
            out.writeBoolean(false);
            for (int k = 0; k < 3; k++) out.writeDouble(in.readDouble());
            out.writeBoolean(in.readBoolean());
            in.readBoolean(); // the logged flag: not in version 1
        }
        out.write(in.readAllBytes());
        assertEquals(numeric, m);
        return b.toByteArray();
    }
}
