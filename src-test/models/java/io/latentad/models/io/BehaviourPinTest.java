package io.latentad.models.io;

import io.latentad.engine.kernel.Kernels;
import io.latentad.engine.tensor.Tensor;
import io.latentad.models.ae.AeTrainer;
import io.latentad.models.ae.TrainedAutoencoder;
import io.latentad.models.data.Dataset;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Behaviour pinned to main before the composable-network change (commit 9628935): the fixture in
 * {@code fixtures/model-v1} was written by {@link V1FixtureWriter} on that code. For every member
 * of the family, (1) its version-1 model file still loads and gives the recorded scores and codes to
 * the last bit; (2) training it again with the same options and seed gives the same parameters to
 * the last bit and the same scores; (3) a version-2 file of it reads back to the same bits.
 *
 * <p>The recorded bits come from the 256-bit vector kernels ({@code kernels.txt}): float sums over
 * lanes depend on the lane count, so on a machine with another vector width (AVX-512, or the scalar
 * kernels) the comparisons with recorded values are skipped, saying so, and only the
 * machine-independent ones run (a version-1 file and its version-2 copy score alike). JDK 17 and 25
 * give the same bits (since float lane sums have a fixed order, {@code VectorMath.sumLanes}).
 */
class BehaviourPinTest {

    @TempDir
    Path tmp;

    static Stream<Arguments> models() {
        return Arrays.stream(V1FixtureWriter.MODELS).map(m -> Arguments.of(m[0], m));
    }

    static Path dir() {
        Path p = Path.of(System.getProperty("user.dir")).resolve("../src-test/models/resources/fixtures/model-v1").normalize();
        return Files.isDirectory(p) ? p : Path.of("src-test/models/resources/fixtures/model-v1");
    }

    /**
     * The recorded outputs, with one intended change since: recon-prob is refused for deterministic
     * models (issue 18: it silently ranked rows as recon does).
     */
    static String recorded(String name) throws IOException {
        String csv = Files.readString(dir().resolve(name + ".scores.csv"), StandardCharsets.UTF_8);
        String[] kind = Arrays.stream(V1FixtureWriter.MODELS).filter(m -> m[0].equals(name)).findFirst().orElseThrow();
        if (io.latentad.models.ae.ModelKind.of(kind[1]).variational()) return csv;
        StringBuilder b = new StringBuilder();
        for (String line : csv.split("\n", -1)) {
            if (line.isEmpty()) {
                b.append(line);
                continue;
            }
            String[] f = line.split(",", -1);
            if (!f[0].equals("recon")) f[2] = "refused"; // column 2 is recon-prob
            b.append(String.join(",", f)).append('\n');
        }
        return b.toString();
    }

    /** The same kernel set gives the same bits, on JDK 17 and 25 alike (checked). */
    static boolean sameKernels() throws IOException {
        return Files.readAllLines(dir().resolve("kernels.txt")).get(0).trim().equals(Kernels.active().name());
    }

    static String skipped() throws IOException {
        return "fixture recorded with " + Files.readAllLines(dir().resolve("kernels.txt")).get(0).trim()
                + "; this JVM runs " + Kernels.active().name();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void version1FileLoadsAndScoresLikeItsVersion2Copy(String name, String[] m) throws IOException {
        Dataset data = V1FixtureWriter.load(dir());
        TrainedAutoencoder old = ModelFile.read(dir().resolve(m[0] + ".lam"));
        String scores = V1FixtureWriter.outputs(old, data);
        Path f = tmp.resolve(m[0] + ".v2.lam");
        ModelFile.write(old, f);
        TrainedAutoencoder v2 = ModelFile.read(f);
        assertEquals(old.options(), v2.options());
        assertEquals(old.spec(), v2.spec());
        assertEquals(scores, V1FixtureWriter.outputs(v2, data));
        assumeTrue(sameKernels(), BehaviourPinTest::skippedMessage);
        assertEquals(recorded(m[0]), scores);
    }

    static String skippedMessage() {
        try {
            return skipped();
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void trainingAgainGivesTheSameBits(String name, String[] m) throws IOException {
        assumeTrue(sameKernels(), BehaviourPinTest::skippedMessage);
        Dataset data = V1FixtureWriter.load(dir());
        TrainedAutoencoder old = ModelFile.read(dir().resolve(m[0] + ".lam"));
        TrainedAutoencoder now = AeTrainer.fit(V1FixtureWriter.options(m), data, null);
        Map<String, Tensor> a = old.parameters(), b = now.parameters();
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) assertArrayEquals(a.get(k).toArray(), b.get(k).toArray(), m[0] + " " + k);
        assertEquals(recorded(m[0]), V1FixtureWriter.outputs(now, data));

        Path f = tmp.resolve(m[0] + ".lam");
        ModelFile.write(now, f);
        TrainedAutoencoder back = ModelFile.read(f);
        assertEquals(now.options(), back.options());
        assertEquals(now.spec().parameterCount(), b.values().stream().mapToLong(Tensor::size).sum());
        assertEquals(recorded(m[0]), V1FixtureWriter.outputs(back, data));
        assertArrayEquals(ModelFile.toBytes(now), ModelFile.toBytes(back));
    }
}
