package io.latentad.models.data;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureEncoderTest {
    private static final CsvOptions MIXED = CsvOptions.defaults().withLabel("kind").withExclude(Set.of("truth", "note"));

    @Test
    void encodesNumericAndCategoricalColumnsWithImputationAndIndicators() {
        CsvTable t = CsvTable.read(TestData.path("mixed.csv"));
        Dataset d = FeatureEncoder.fit(t, MIXED).transform(t);
        assertArrayEquals(new String[] {"age", "age_missing", "city=Lyon", "city=Nice", "city=Paris", "city=<unseen>",
                "income", "income_missing"}, d.featureNames());
        // age: 30, 40, missing, 50 -> median 40 imputed; mean 40; population sd sqrt(50)
        double sd = Math.sqrt(50);
        assertEquals((30 - 40) / sd, d.x()[0][0], 1e-12);
        assertEquals(0.0, d.x()[2][0], 1e-12);
        assertEquals(1.0, d.x()[2][1]);
        assertEquals(0.0, d.x()[0][1]);
        // city one-hot (sorted categories), Paris for rows 0 and 2
        assertArrayEquals(new double[] {0, 0, 1, 0}, java.util.Arrays.copyOfRange(d.x()[0], 2, 6));
        assertArrayEquals(new double[] {1, 0, 0, 0}, java.util.Arrays.copyOfRange(d.x()[1], 2, 6));
        // income: 1000, missing, 3000, 2000 -> median 2000, mean 2000, sd sqrt(500000)
        assertEquals((1000 - 2000) / Math.sqrt(500000), d.x()[0][6], 1e-12);
        assertEquals(1.0, d.x()[1][7]);
        assertArrayEquals(new String[] {"cat", "dog"}, d.classes());
        assertArrayEquals(new int[] {0, 1, 0, 1}, d.labels());
        assertArrayEquals(new String[] {"0", "0", "1", "0"}, d.excluded().get("truth"));
    }

    @Test
    void unseenCategoryGoesToTheUnseenBucketAndStatisticsAreTheTrainingOnes() {
        FeatureEncoder enc = FeatureEncoder.fit(CsvTable.read(TestData.path("mixed.csv")), MIXED);
        CsvTable test = CsvTable.parse("test.csv", "kind,city,income,age\ncat,Rome,2000,40\n");
        Dataset d = enc.transform(test);
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, 1, 0, 0}, d.x()[0], 1e-12);
        assertArrayEquals(new int[] {0}, d.labels());
        CsvTable bad = CsvTable.parse("test.csv", "kind,city,income,age\nbird,Rome,2000,40\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> enc.transform(bad));
        assertTrue(e.getMessage().contains("test.csv line 2, column 1 ('kind'): unknown label 'bird'"), e.getMessage());
        CsvTable noLabel = CsvTable.parse("t.csv", "city,income,age\nNice,1,2\n");
        assertNull(enc.transform(noLabel).labels());
        CsvTable missing = CsvTable.parse("t.csv", "city,age\nNice,2\n");
        e = assertThrows(IllegalArgumentException.class, () -> enc.transform(missing));
        assertTrue(e.getMessage().contains("column 'income'"), e.getMessage());
    }

    @Test
    void declaredTypesOverrideInference() {
        CsvTable t = CsvTable.parse("s", "zip,v\n75001,1\n69001,2\n75001,3\n");
        FeatureEncoder enc = FeatureEncoder.fit(t, new CsvOptions(null, null, Set.of("zip"), null));
        assertArrayEquals(new String[] {"zip=69001", "zip=75001", "zip=<unseen>", "v"}, enc.featureNames());
        CsvTable u = CsvTable.parse("s", "a\n1\nx\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureEncoder.fit(u, new CsvOptions(null, null, null, Set.of("a"))));
        assertTrue(e.getMessage().contains("s line 3, column 1 ('a'): 'x' is not a number"), e.getMessage());
    }

    @Test
    void numericLabelsAreCodedInNumericOrder() {
        CsvTable t = CsvTable.parse("s", "y,v\n10,1\n2,2\n1,3\n");
        Dataset d = FeatureEncoder.fit(t, CsvOptions.defaults().withLabel("y")).transform(t);
        assertArrayEquals(new String[] {"1", "2", "10"}, d.classes());
        assertArrayEquals(new int[] {2, 1, 0}, d.labels());
    }

    @Test
    void nonFiniteTextIsAnErrorNamingFileLineAndColumn() {
        CsvTable nan = CsvTable.read(TestData.path("nan.csv"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureEncoder.fit(nan, CsvOptions.defaults()));
        assertTrue(e.getMessage().contains("nan.csv line 3, column 2 ('y'): 'NaN' is not a finite number"), e.getMessage());
        CsvTable inf = CsvTable.read(TestData.path("inf.csv"));
        e = assertThrows(IllegalArgumentException.class, () -> FeatureEncoder.fit(inf, CsvOptions.defaults()));
        assertTrue(e.getMessage().contains("inf.csv line 3, column 1 ('x'): '-inf'"), e.getMessage());
    }

    @Test
    void unknownLabelOrExcludedColumnIsAnError() {
        CsvTable t = CsvTable.read(TestData.path("blobs.csv"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureEncoder.fit(t, CsvOptions.defaults().withLabel("class")));
        assertTrue(e.getMessage().contains("--label column 'class' is not in the header"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FeatureEncoder.fit(t, CsvOptions.defaults().withExclude(Set.of("nope"))));
        assertThrows(IllegalArgumentException.class,
                () -> FeatureEncoder.fit(t, CsvOptions.defaults().withExclude(Set.of("x0", "x1", "outlier"))));
    }

    @Test
    void writeThenReadGivesTheSameEncoding() throws IOException {
        CsvTable t = CsvTable.read(TestData.path("mixed.csv"));
        FeatureEncoder enc = FeatureEncoder.fit(t, MIXED);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        enc.write(new DataOutputStream(bytes));
        FeatureEncoder back = FeatureEncoder.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        Dataset a = enc.transform(t), b = back.transform(t);
        assertArrayEquals(a.featureNames(), b.featureNames());
        for (int i = 0; i < a.rows(); i++) assertArrayEquals(a.x()[i], b.x()[i], 0.0);
        assertArrayEquals(a.labels(), b.labels());
        assertEquals(a.excluded().keySet(), b.excluded().keySet());
        byte[] corrupt = bytes.toByteArray();
        corrupt[7] = 9; // version
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureEncoder.read(new DataInputStream(new ByteArrayInputStream(corrupt))));
        assertTrue(e.getMessage().contains("version 9"), e.getMessage());
        corrupt[0] = 1;
        assertThrows(IllegalArgumentException.class, () -> FeatureEncoder.read(new DataInputStream(new ByteArrayInputStream(corrupt))));
    }

    @Test
    void constantColumnIsCentredNotScaled() {
        CsvTable t = CsvTable.parse("s", "a,b\n5,1\n5,2\n");
        Dataset d = FeatureEncoder.fit(t, CsvOptions.defaults()).transform(t);
        assertEquals(0.0, d.x()[0][0]);
        assertEquals(-1.0, d.x()[0][1], 1e-12);
    }

    @Test
    void hugeFiniteValuesKeepTheirColumn() {
        // 1e300 squares to infinity: the plain standard deviation overflowed and the column became zeros
        CsvTable t = CsvTable.parse("s", "a\n1e300\n-1e300\n0\n");
        double[][] x = FeatureEncoder.fit(t, CsvOptions.defaults()).transform(t).x();
        double sd = Math.sqrt(2.0 / 3); // of {1, -1, 0} in units of 1e300
        assertEquals(1 / sd, x[0][0], 1e-12);
        assertEquals(-1 / sd, x[1][0], 1e-12);
        assertEquals(0, x[2][0], 0.0);
        // and tiny values no longer underflow to a zero spread
        CsvTable u = CsvTable.parse("s", "a\n1e-200\n-1e-200\n");
        double[][] y = FeatureEncoder.fit(u, CsvOptions.defaults()).transform(u).x();
        assertEquals(1, y[0][0], 1e-12);
        assertEquals(-1, y[1][0], 1e-12);
        // near the top of the double range: a population sd never exceeds the largest magnitude, so it is finite
        CsvTable w = CsvTable.parse("s", "a\n1.7e308\n-1.7e308\n-1.7e308\n1.7e308\n");
        assertEquals(1, FeatureEncoder.fit(w, CsvOptions.defaults()).transform(w).x()[0][0], 1e-12);
        // but an interquartile range of 3.4e308 is not: refused, the column named
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureEncoder.fit(w, CsvOptions.defaults().withScale(Scale.ROBUST)));
        assertTrue(e.getMessage().contains("column 'a'") && e.getMessage().contains("spread too widely"), e.getMessage());
        CsvTable inf = CsvTable.parse("s", "a\n1e400\n1\n");
        e = assertThrows(IllegalArgumentException.class, () -> FeatureEncoder.fit(inf, CsvOptions.defaults()));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("'1e400'"), e.getMessage());
    }

    @Test
    void scaleModes() {
        CsvTable t = CsvTable.parse("s", "a\n1\n2\n3\n4\n100\n");
        double[][] none = FeatureEncoder.fit(t, CsvOptions.defaults().withScale(Scale.NONE)).transform(t).x();
        assertEquals(100, none[4][0], 0.0);
        // robust: (x - median 3) / (q75 4 - q25 2), NumPy's linear percentiles (scikit-learn's RobustScaler)
        double[][] robust = FeatureEncoder.fit(t, CsvOptions.defaults().withScale(Scale.ROBUST)).transform(t).x();
        assertEquals(-1, robust[0][0], 0.0);
        assertEquals(48.5, robust[4][0], 0.0);
    }

    @Test
    void constantColumnsAreNamedInANoteAndCommaNamesQuoted() {
        CsvTable t = CsvTable.parse("s", "\"a, b\",k,c,v\n1,x,7,1\n2,x,7,2\n3,x,7,\n");
        FeatureEncoder e = FeatureEncoder.fit(t, CsvOptions.defaults());
        java.util.List<String> notes = e.notes();
        assertEquals(2, notes.size(), notes.toString());
        assertTrue(notes.get(0).contains("column 'k' has the same value ('x') in every row") && notes.get(0).contains("--exclude k"),
                notes.get(0));
        assertTrue(notes.get(1).contains("column 'c' has the same value (7) in every row"), notes.get(1));
        assertTrue(e.describe().endsWith("encoded): 'a, b', k (categorical, 1), c, v"), e.describe());
        // a column with a missing cell, or one that varies, gets no note; nor does a single row
        assertTrue(FeatureEncoder.fit(CsvTable.parse("s", "v,w\n1,2\n,2\n3,5\n"), CsvOptions.defaults()).notes().isEmpty());
        assertTrue(FeatureEncoder.fit(CsvTable.parse("s", "v\n1\n"), CsvOptions.defaults()).notes().isEmpty());
    }

    @Test
    void highCardinalityColumnsAreCappedWithANote() {
        StringBuilder b = new StringBuilder("id,v\n");
        for (int i = 0; i < 50; i++) b.append(i < 10 ? "common" : "u" + i).append(',').append(i).append('\n');
        CsvTable t = CsvTable.parse("s", b.toString());
        FeatureEncoder e = FeatureEncoder.fit(t, CsvOptions.defaults().withMaxCategories(5));
        assertEquals(5 + 1 + 1, e.dimension()); // 5 kept, <unseen>, v
        assertTrue(e.notes().get(0).contains("column 'id' has 41 distinct values") && e.notes().get(0).contains("5 most frequent"),
                e.notes().get(0));
        double[][] x = e.transform(t).x();
        assertEquals(1, x[0][java.util.Arrays.asList(e.featureNames()).indexOf("id=common")], 0.0);
        assertEquals(1, x[49][java.util.Arrays.asList(e.featureNames()).indexOf("id=<unseen>")], 0.0);
    }

    @Test
    void columnsAreCheckedByName() {
        CsvTable t = CsvTable.parse("s", "a,b,y\n1,2,p\n3,4,q\n");
        FeatureEncoder e = FeatureEncoder.fit(t, CsvOptions.defaults().withLabel("y"));
        assertTrue(e.checkColumns(t, java.util.Set.of()).isEmpty());
        CsvTable swapped = CsvTable.parse("s", "b,a\n2,1\n");
        assertTrue(e.checkColumns(swapped, java.util.Set.of()).get(0).contains("matched by name"));
        assertArrayEquals(e.transform(t).x()[0], e.transform(swapped).x()[0], 0.0);
        CsvTable extra = CsvTable.parse("s", "a,b,z\n1,2,3\n");
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> e.checkColumns(extra, java.util.Set.of()));
        assertTrue(x.getMessage().contains("'z'") && x.getMessage().contains("not in the training data"), x.getMessage());
        assertTrue(e.checkColumns(extra, java.util.Set.of("z")).isEmpty());
    }
}
