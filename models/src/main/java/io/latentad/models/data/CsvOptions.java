package io.latentad.models.data;

import java.util.Set;

/**
 * How a CSV file becomes features.
 *
 * @param label       the class column (kept out of the features, its values become int codes), or null
 * @param exclude     columns kept out of the features (kept aside as text, e.g. a ground truth)
 * @param categorical columns declared categorical (otherwise inferred)
 * @param numeric     columns declared numeric (otherwise inferred)
 */
public record CsvOptions(String label, Set<String> exclude, Set<String> categorical, Set<String> numeric) {
    public CsvOptions {
        exclude = exclude == null ? Set.of() : Set.copyOf(exclude);
        categorical = categorical == null ? Set.of() : Set.copyOf(categorical);
        numeric = numeric == null ? Set.of() : Set.copyOf(numeric);
        for (String c : categorical) {
            if (numeric.contains(c)) {
                throw new IllegalArgumentException("column '" + c + "' declared both categorical and numeric");
            }
        }
        if (label != null && exclude.contains(label)) {
            throw new IllegalArgumentException("column '" + label + "' is both the label and excluded");
        }
    }

    /** Every column a feature, types inferred, no label. */
    public static CsvOptions defaults() {
        return new CsvOptions(null, Set.of(), Set.of(), Set.of());
    }

    public CsvOptions withLabel(String l) {
        return new CsvOptions(l, exclude, categorical, numeric);
    }

    public CsvOptions withExclude(Set<String> e) {
        return new CsvOptions(label, e, categorical, numeric);
    }
}
