package io.latentad.bench.detect;

import io.latentad.models.data.CsvOptions;
import io.latentad.models.data.CsvTable;
import io.latentad.models.data.Dataset;
import io.latentad.models.data.FeatureEncoder;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Set;

/**
 * Writes the feature matrix that {@code detect --data csv:IN --exclude COLS} sees (one-hot
 * categories, standardised numbers, missing indicators), one row per line without a header, so a
 * peer (scikit-learn) runs on exactly the same numbers:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *     io.latentad.bench.detect.EncodeCsv IN.csv OUT.csv [EXCLUDED,COLUMNS]
 * </pre>
 */
public final class EncodeCsv {
    private EncodeCsv() {
    }

    public static void main(String[] args) throws IOException {
        CsvTable t = CsvTable.read(Path.of(args[0]));
        CsvOptions o = CsvOptions.defaults();
        if (args.length > 2) o = o.withExclude(Set.of(args[2].split(",")));
        Dataset d = FeatureEncoder.fit(t, o).transform(t);
        try (PrintWriter w = new PrintWriter(args[1])) {
            StringBuilder b = new StringBuilder();
            for (double[] r : d.x()) {
                b.setLength(0);
                for (int j = 0; j < r.length; j++) {
                    if (j > 0) b.append(',');
                    b.append(r[j]);
                }
                w.println(b);
            }
        }
        System.out.println(args[1] + ": " + d.rows() + " x " + d.dimension());
    }
}
