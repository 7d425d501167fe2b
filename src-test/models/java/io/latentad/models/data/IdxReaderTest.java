package io.latentad.models.data;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxReaderTest {
    // the files are written by src-test/models/resources/data/idx/make_idx.py
    @Test
    void readsTheRawTrainingPair() {
        Path dir = TestData.path("idx");
        Dataset d = DataSpec.parse("idx:" + dir).load(CsvOptions.defaults());
        assertEquals(3, d.rows());
        assertEquals(6, d.dimension());
        assertArrayEquals(new double[] {0, 1, 0.2, 0.4, 0, 0}, d.x()[0], 1e-15);
        assertArrayEquals(new int[] {7, 0, 9}, d.labels());
        assertEquals("7", d.classes()[7]);
    }

    @Test
    void readsTheGzippedTestPair() {
        Dataset d = DataSpec.parse("idx-test:" + TestData.path("idx")).load(CsvOptions.defaults());
        assertEquals(2, d.rows());
        assertArrayEquals(new double[] {1, 0, 1, 0, 1, 0}, d.x()[1], 0.0);
        assertArrayEquals(new int[] {3, 1}, d.labels());
    }

    @Test
    void badMagicTruncationAndMissingFilesAreErrors() throws IOException {
        Path tmp = Files.createTempDirectory("idx");
        try {
            Path img = tmp.resolve("train-images-idx3-ubyte");
            Files.write(img, new byte[] {0, 0, 8, 1, 0, 0, 0, 1});
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxReader.readImages(img));
            assertTrue(e.getMessage().contains("magic 0x00000801") && e.getMessage().contains("expected 0x00000803"), e.getMessage());
            Files.write(img, new byte[] {0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 1, 5});
            e = assertThrows(IllegalArgumentException.class, () -> IdxReader.readImages(img));
            assertTrue(e.getMessage().contains("truncated at item 1 of 2"), e.getMessage());
            Files.write(img, new byte[0]);
            assertThrows(IllegalArgumentException.class, () -> IdxReader.readImages(img));
            e = assertThrows(IllegalArgumentException.class, () -> IdxReader.readPair(tmp, false));
            assertTrue(e.getMessage().contains("train-labels"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> IdxReader.readPair(tmp.resolve("nope"), false));
        } finally {
            try (var s = Files.list(tmp)) {
                for (Path p : (Iterable<Path>) s::iterator) Files.delete(p);
            }
            Files.delete(tmp);
        }
    }
}
