package io.latentad.models.cli;

import io.latentad.models.data.CsvOptions;
import io.latentad.models.data.DataSpec;
import io.latentad.models.data.Dataset;
import io.latentad.models.data.FeatureEncoder;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** The data options shared by the commands that read data ({@code --label}, {@code --exclude}). */
final class DataOptions {
    @Option(names = "--label", paramLabel = "COL", description = "CSV class column (kept out of the features).")
    String label;

    @Option(names = "--exclude", paramLabel = "COL", split = ",",
            description = "CSV columns kept out of the features, e.g. a ground truth (comma separated).")
    List<String> exclude = new ArrayList<>();

    CsvOptions csv() {
        return new CsvOptions(label, new LinkedHashSet<>(exclude), null, null);
    }

    /** Loads a spec, fitting a CSV encoder on it. */
    Dataset load(String spec) {
        return DataSpec.parse(spec).load(csv());
    }

    /** Loads a spec with the encoder of the training data (CSV) or as is (other formats). */
    Dataset load(String spec, FeatureEncoder encoder) {
        DataSpec s = DataSpec.parse(spec);
        return encoder != null && s.kind() == DataSpec.Kind.CSV ? s.load(encoder) : s.load(csv());
    }
}
