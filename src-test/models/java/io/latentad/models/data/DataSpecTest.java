package io.latentad.models.data;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataSpecTest {
    @Test
    void parsesEveryKind() {
        assertEquals(new DataSpec(DataSpec.Kind.CSV, Path.of("a/b.csv")), DataSpec.parse("csv:a/b.csv"));
        assertEquals(DataSpec.Kind.IDX, DataSpec.parse("idx:mnist").kind());
        assertEquals(DataSpec.Kind.IDX_TEST, DataSpec.parse("idx-test:mnist").kind());
        assertEquals(DataSpec.Kind.UCR, DataSpec.parse("ucr:x/ECG200_TRAIN.tsv").kind());
        assertEquals("idx-test:mnist", DataSpec.parse("idx-test:mnist").toString());
    }

    @Test
    void unknownOrEmptySpecIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataSpec.parse("parquet:x"));
        assertTrue(e.getMessage().contains("data spec 'parquet:x'"), e.getMessage());
        IllegalArgumentException bare = assertThrows(IllegalArgumentException.class, () -> DataSpec.parse("data.txt"));
        assertTrue(bare.getMessage().contains("ends in .csv"), bare.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DataSpec.parse("mnist"));
        assertThrows(IllegalArgumentException.class, () -> DataSpec.parse("csv:"));
        assertThrows(IllegalArgumentException.class, () -> DataSpec.parse(null));
    }

    @Test
    void aBarePathEndingInCsvIsACsvFile() {
        assertEquals(new DataSpec(DataSpec.Kind.CSV, Path.of("a/b.csv")), DataSpec.parse("a/b.csv"));
        assertEquals(new DataSpec(DataSpec.Kind.CSV, Path.of("DATA.CSV")), DataSpec.parse("DATA.CSV"));
        assertEquals(new DataSpec(DataSpec.Kind.CSV, Path.of("x.csv.gz")), DataSpec.parse("x.csv.gz"));
        // a drive letter is not a prefix
        assertEquals(DataSpec.Kind.CSV, DataSpec.parse("C:/data/x.csv").kind());
        assertEquals("csv:a/b.csv", DataSpec.parse("a/b.csv").toString());
    }

    @Test
    void loadsCsvAndAppliesATrainingEncoder() {
        DataSpec s = DataSpec.parse("csv:" + TestData.path("blobs.csv"));
        Dataset d = s.load(CsvOptions.defaults().withExclude(java.util.Set.of("outlier")));
        assertEquals(11, d.rows());
        assertEquals(2, d.dimension());
        assertNull(d.labels());
        Dataset again = s.load(d.encoder());
        for (int i = 0; i < d.rows(); i++) assertArrayEquals(d.x()[i], again.x()[i], 0.0);
    }
}
