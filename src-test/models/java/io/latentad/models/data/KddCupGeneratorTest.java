package io.latentad.models.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KddCupGeneratorTest {
    @TempDir
    Path tmp;

    private static String csv(int rows, long seed) throws IOException {
        StringWriter w = new StringWriter();
        KddCupGenerator.write(w, rows, seed);
        return w.toString();
    }

    @Test
    void rowsHaveTheKddShapeAndAboutOneFifthAreNormal() throws IOException {
        String[] lines = csv(5000, 3).split("\n");
        assertEquals(5001, lines.length);
        assertEquals(42, lines[0].split(",").length);
        assertTrue(lines[0].startsWith("duration,protocol_type,service,flag,src_bytes") && lines[0].endsWith(",label"));
        int normal = 0;
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            assertEquals(42, f.length, lines[i]);
            assertTrue(f[41].endsWith("."), f[41]);
            if (f[41].equals("normal.")) normal++;
        }
        assertEquals(0.20, normal / 5000.0, 0.02);
    }

    @Test
    void oneHotEncodingGivesAboutOneHundredTwentyFeatures() throws IOException {
        Path p = tmp.resolve("kdd.csv");
        KddCupGenerator.write(p, 5000, 1);
        Dataset d = DataSpec.parse("csv:" + p).load(CsvOptions.defaults().withExclude(Set.of("label")));
        assertEquals(5000, d.x().length);
        // 38 numeric + 3 + 66 + 11 one-hot, give or take values a 5,000-row sample never draws
        assertTrue(d.dimension() >= 110 && d.dimension() <= 125, "features " + d.dimension());
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherRows() throws IOException {
        assertEquals(csv(300, 9), csv(300, 9));
        assertNotEquals(csv(300, 9), csv(300, 10));
        assertThrows(IllegalArgumentException.class, () -> csv(-1, 1));
    }

    @Test
    void writesAFile() throws IOException {
        Path p = tmp.resolve("k.csv");
        KddCupGenerator.write(p, 10, 2);
        assertEquals(11, Files.readAllLines(p).size());
    }
}
