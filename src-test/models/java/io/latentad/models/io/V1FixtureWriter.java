package io.latentad.models.io;

import io.latentad.engine.random.Rng;
import io.latentad.models.ae.AeOptions;
import io.latentad.models.ae.AeScorers;
import io.latentad.models.ae.AeTrainer;
import io.latentad.models.ae.ModelKind;
import io.latentad.models.ae.TrainedAutoencoder;
import io.latentad.models.data.CsvOptions;
import io.latentad.models.data.DataSpec;
import io.latentad.models.data.Dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the fixture of {@code ModelFileV1Test} and {@code BehaviourPinTest}: a small labelled CSV,
 * one model file per member of the family (format version 1, as main wrote them before the
 * composable-network change, commit 9628935) and every scorer's output and the codes of each model
 * as exact decimal doubles, and {@code kernels.txt}, the kernel set they were computed with (float
 * sums over vector lanes depend on the lane count, so the recorded bits hold on machines with the
 * same vector width). Run once on the old code; the tests read the files.
 *
 * <pre>java -cp ... io.latentad.models.io.V1FixtureWriter src-test/models/resources/fixtures/model-v1</pre>
 */
public final class V1FixtureWriter {
    /** Model name, kind and params beyond {@link #COMMON}. */
    static final String[][] MODELS = {
            {"ae", "ae", ""},
            {"dae", "dae", ""},
            {"dae-masking", "dae", "corruption=masking"},
            {"dae-saltpepper", "dae", "corruption=saltpepper"},
            {"sae", "sae", ""},
            {"sae-kl", "sae", "sparsity=kl,activation=sigmoid"},
            {"cae", "cae", ""},
            {"vae", "vae", "warmup=5,input_dropout=0.1"},
            {"clvae", "clvae", ""},
            {"clvae-learned", "clvae", "centers=learned,class_weight=balanced,amsgrad=true,clip=1"},
            {"aae", "aae", ""},
            {"aae-mixture", "aae", "prior=mixture"},
    };
    static final String COMMON = "hidden=8;4,latent=2,epochs=4,batch=16,seed=5,codes=60";
    static final String[] SCORERS = {"recon", "recon-l1", "recon-prob", "prior", "misclass", "wasserstein", "latent:iforest"};

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        writeData(dir.resolve("data.csv"));
        Files.writeString(dir.resolve("kernels.txt"), io.latentad.engine.kernel.Kernels.active().name() + "\n");
        Dataset data = load(dir);
        for (String[] m : MODELS) {
            TrainedAutoencoder model = AeTrainer.fit(options(m), data, null);
            ModelFile.write(model, dir.resolve(m[0] + ".lam"));
            Files.writeString(dir.resolve(m[0] + ".scores.csv"), outputs(model, data), StandardCharsets.UTF_8);
        }
    }

    static Dataset load(Path dir) {
        return DataSpec.parse("csv:" + dir.resolve("data.csv")).load(CsvOptions.defaults().withLabel("cls"));
    }

    static AeOptions options(String[] m) {
        Map<String, String> p = new LinkedHashMap<>();
        for (String kv : (COMMON + (m[2].isEmpty() ? "" : "," + m[2])).split(",")) {
            String[] s = kv.split("=");
            p.put(s[0], s[1].replace(';', ','));
        }
        return AeOptions.fromParams(ModelKind.of(m[1]), p);
    }

    /** Every scorer's scores (or "refused") and the codes, one column each, exact decimal doubles. */
    static String outputs(TrainedAutoencoder model, Dataset data) {
        List<String> names = new ArrayList<>();
        List<double[]> cols = new ArrayList<>();
        for (String s : SCORERS) {
            names.add(s);
            try {
                // the pins were recorded with the paper's Wasserstein score, before its default cleaned the references
                Map<String, String> p = s.equals("wasserstein") ? Map.of("clean", "none") : Map.of();
                cols.add(AeScorers.create(s, p, 1).score(model, data.x(), data.labels()));
            } catch (IllegalArgumentException e) {
                cols.add(null);
            }
        }
        TrainedAutoencoder.Codes c = model.encode(data.x());
        for (int j = 0; j < model.latent(); j++) {
            names.add("mu" + j);
            cols.add(column(c.mu(), j));
            if (c.logVar() != null) {
                names.add("logvar" + j);
                cols.add(column(c.logVar(), j));
            }
        }
        StringBuilder b = new StringBuilder(String.join(",", names)).append('\n');
        for (int i = 0; i < data.rows(); i++) {
            for (int k = 0; k < cols.size(); k++) {
                if (k > 0) b.append(',');
                b.append(cols.get(k) == null ? "refused" : Double.toString(cols.get(k)[i]));
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static double[] column(double[][] m, int j) {
        double[] c = new double[m.length];
        for (int i = 0; i < m.length; i++) c[i] = m[i][j];
        return c;
    }

    /** 150 rows: three classes, four numeric columns around class centres, one categorical column. */
    private static void writeData(Path file) throws IOException {
        Rng r = new Rng(11);
        String[] cats = {"red", "green", "blue"};
        StringBuilder b = new StringBuilder("a,b,c,d,colour,cls\n");
        for (int i = 0; i < 150; i++) {
            int y = i % 3;
            for (int j = 0; j < 4; j++) b.append(String.format(Locale.ROOT, "%.5f,", (y - 1) * (j + 1) + r.nextGaussian()));
            b.append(cats[(y + (r.nextDouble() < 0.2 ? 1 : 0)) % 3]).append(",c").append(y).append('\n');
        }
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    }
}
