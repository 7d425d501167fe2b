package io.latentad.models.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Seeded random mutations of valid CSV, idx (raw and gzipped) and UCR files: bit flips, bytes set
 * to the characters parsers care about, deleted, duplicated and inserted ranges, truncations. Each
 * mutated file must either load into finite rows of one width or be refused with the reader's own
 * {@link IllegalArgumentException} naming the file; any other exception, a non-finite value or a
 * hang fails, with the seed and iteration to reproduce it.
 */
class ReaderFuzzTest {
    static final int CASES = 2500;
    static final byte[] SPECIAL = ",;\"\n\r\t 0123456789.-+eE#\u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);

    @TempDir
    Path tmp;

    static byte[] mutate(byte[] in, SplittableRandom rnd) {
        byte[] b = in.clone();
        int ops = 1 + rnd.nextInt(4);
        for (int o = 0; o < ops; o++) {
            int n = b.length;
            int at = n == 0 ? 0 : rnd.nextInt(n);
            switch (rnd.nextInt(7)) {
                case 0 -> { if (n > 0) b[at] ^= (byte) (1 << rnd.nextInt(8)); }
                case 1 -> { if (n > 0) b[at] = SPECIAL[rnd.nextInt(SPECIAL.length)]; }
                case 2 -> { if (n > 0) b[at] = (byte) rnd.nextInt(256); }
                case 3 -> { // delete a range
                    int len = Math.min(n - at, 1 + rnd.nextInt(8));
                    byte[] c = new byte[n - len];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + len, c, at, n - at - len);
                    b = c;
                }
                case 4 -> { // duplicate a range
                    int len = Math.min(n - at, 1 + rnd.nextInt(16));
                    byte[] c = new byte[n + len];
                    System.arraycopy(b, 0, c, 0, at + len);
                    System.arraycopy(b, at, c, at + len, n - at);
                    b = c;
                }
                case 5 -> { // insert special bytes
                    int len = 1 + rnd.nextInt(4);
                    byte[] c = new byte[n + len];
                    System.arraycopy(b, 0, c, 0, at);
                    for (int i = 0; i < len; i++) c[at + i] = SPECIAL[rnd.nextInt(SPECIAL.length)];
                    System.arraycopy(b, at, c, at + len, n - at);
                    b = c;
                }
                default -> b = Arrays.copyOf(b, at); // truncate
            }
        }
        return b;
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(o)) {
            g.write(b);
        }
        return o.toByteArray();
    }

    /** Loads each mutation of {@code valid} written to {@code file}; {@code load} returns the dataset. */
    void fuzz(String what, long seed, byte[] valid, Path file, Function<Path, Dataset> load, boolean alsoGzipMutated) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] outcomes = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < CASES; i++) {
                byte[] m = mutate(valid, rnd);
                if (alsoGzipMutated && i % 3 == 0) m = gzip(m); // a sound gzip of bad content
                Files.write(file, m);
                try {
                    Dataset d = load.apply(file);
                    for (int k = 0; k < d.rows(); k++) {
                        double[] row = d.x()[k];
                        // sequences of unequal length hold their own steps, as their lengths say
                        int width = d.lengths() == null ? d.dimension() : d.lengths()[k] * d.shape().size() / ((SampleShape.Sequence) d.shape()).steps();
                        if (row.length != width) fail(what + " seed " + seed + " case " + i + ": ragged rows accepted");
                        for (double v : row) if (!Double.isFinite(v)) fail(what + " seed " + seed + " case " + i + ": value " + v + " accepted");
                    }
                    outcomes[0]++;
                } catch (IllegalArgumentException e) {
                    assertTrue(e.getMessage() != null && e.getMessage().contains(file.getFileName().toString()),
                            what + " seed " + seed + " case " + i + ": message does not name the file: " + e.getMessage());
                    assertTrue(!e.getMessage().contains("\n"), what + " case " + i + ": message of more than one line: " + e.getMessage());
                    outcomes[1]++;
                } catch (RuntimeException | Error e) {
                    throw new AssertionError(what + " seed " + seed + " case " + i + ": " + e + " on "
                            + new String(m, StandardCharsets.ISO_8859_1), e);
                }
            }
        });
        // both outcomes occur, so the mutations neither all break the file nor all miss it
        assertTrue(outcomes[0] > 0 && outcomes[1] > 0, what + ": " + outcomes[0] + " loaded, " + outcomes[1] + " refused");
    }

    @Test
    void mutatedCsvFilesLoadOrAreRefusedByTheReader() throws IOException {
        byte[] valid = Files.readAllBytes(TestData.path("mixed.csv"));
        Path f = tmp.resolve("fuzz.csv");
        fuzz("csv", 18, valid, f, p -> DataSpec.parse("csv:" + p).load(CsvOptions.defaults().withLabel(null)), true);
        byte[] semi = "a;b;c\n1;x;2.5\n2;y;\n3;\"z;w\";1e3\n".getBytes(StandardCharsets.UTF_8);
        Path g = tmp.resolve("fuzz-semi.csv");
        fuzz("csv ;", 19, semi, g, p -> DataSpec.parse("csv:" + p).load(CsvOptions.defaults()
                .withFormat(CsvFormat.defaults().withSeparator(';').withComment('#').withHeader(false))), false);
    }

    @Test
    void mutatedIdxFilesLoadOrAreRefusedByTheReader() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("idx"));
        Path src = TestData.path("idx");
        Files.copy(src.resolve("train-labels-idx1-ubyte"), dir.resolve("train-labels-idx1-ubyte"));
        byte[] raw = Files.readAllBytes(src.resolve("train-images-idx3-ubyte"));
        fuzz("idx raw", 20, raw, dir.resolve("train-images-idx3-ubyte"), p -> IdxReader.readPair(dir, false), true);

        Path gz = Files.createDirectories(tmp.resolve("idx-gz"));
        Files.copy(src.resolve("t10k-images-idx3-ubyte.gz"), gz.resolve("t10k-images-idx3-ubyte.gz"));
        byte[] labels = Files.readAllBytes(src.resolve("t10k-labels-idx1-ubyte.gz"));
        fuzz("idx gz labels", 21, labels, gz.resolve("t10k-labels-idx1-ubyte.gz"), p -> IdxReader.readPair(gz, true), false);
    }

    @Test
    void mutatedUcrFilesLoadOrAreRefusedByTheReader() throws IOException {
        byte[] valid = Files.readAllBytes(TestData.path("ucr-space.txt"));
        fuzz("ucr", 22, valid, tmp.resolve("fuzz.ucr"), UcrReader::read, false);
        byte[] comma = Files.readAllBytes(TestData.path("ucr-comma.tsv"));
        fuzz("ucr comma", 23, comma, tmp.resolve("fuzz-comma.tsv"), UcrReader::read, false);
    }
}
