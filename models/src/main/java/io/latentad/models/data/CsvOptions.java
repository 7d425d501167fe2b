package io.latentad.models.data;

import java.util.Set;

/**
 * How a CSV file becomes features.
 *
 * @param label         the class column (kept out of the features, its values become int codes), or null
 * @param exclude       columns kept out of the features (kept aside as text, e.g. a ground truth)
 * @param categorical   columns declared categorical (otherwise inferred)
 * @param numeric       columns declared numeric (otherwise inferred)
 * @param scale         how numeric columns are scaled (default {@link Scale#STANDARD})
 * @param maxCategories the most one-hot columns a categorical column gets (default
 *                      {@value #DEFAULT_MAX_CATEGORIES}); rarer categories share the {@code <unseen>} one
 * @param format        the file's layout (separator, encoding, comments, header)
 * @param logSkewed     whether a numeric column whose training values are strongly skewed (|sample skewness| above
 *                      {@value FeatureEncoder#SKEW_LIMIT}) is read as {@code sign(x) log(1 + |x|)} before it is
 *                      scaled (default false: every column as it is)
 */
public record CsvOptions(String label, Set<String> exclude, Set<String> categorical, Set<String> numeric,
                         Scale scale, int maxCategories, CsvFormat format, boolean logSkewed) {
    /** Default cap on the one-hot columns of one categorical column. */
    public static final int DEFAULT_MAX_CATEGORIES = 100;

    public CsvOptions {
        exclude = exclude == null ? Set.of() : Set.copyOf(exclude);
        categorical = categorical == null ? Set.of() : Set.copyOf(categorical);
        numeric = numeric == null ? Set.of() : Set.copyOf(numeric);
        scale = scale == null ? Scale.STANDARD : scale;
        format = format == null ? CsvFormat.defaults() : format;
        for (String c : categorical) {
            if (numeric.contains(c)) {
                throw new IllegalArgumentException("column '" + c + "' declared both categorical and numeric");
            }
        }
        if (label != null && exclude.contains(label)) {
            throw new IllegalArgumentException("column '" + label + "' is both the label and excluded");
        }
        if (maxCategories < 1 || maxCategories > 100_000) {
            throw new IllegalArgumentException("--max-categories " + maxCategories + ": expected 1..100000");
        }
    }

    /** Label, exclusions and declared types; standard scaling, the default category cap and layout. */
    public CsvOptions(String label, Set<String> exclude, Set<String> categorical, Set<String> numeric) {
        this(label, exclude, categorical, numeric, Scale.STANDARD, DEFAULT_MAX_CATEGORIES, CsvFormat.defaults());
    }

    /** As the canonical constructor, every column read as it is (no log of skewed columns). */
    public CsvOptions(String label, Set<String> exclude, Set<String> categorical, Set<String> numeric,
                      Scale scale, int maxCategories, CsvFormat format) {
        this(label, exclude, categorical, numeric, scale, maxCategories, format, false);
    }

    /** Every column a feature, types inferred, no label. */
    public static CsvOptions defaults() {
        return new CsvOptions(null, Set.of(), Set.of(), Set.of());
    }

    public CsvOptions withLabel(String l) {
        return new CsvOptions(l, exclude, categorical, numeric, scale, maxCategories, format, logSkewed);
    }

    public CsvOptions withExclude(Set<String> e) {
        return new CsvOptions(label, e, categorical, numeric, scale, maxCategories, format, logSkewed);
    }

    public CsvOptions withScale(Scale s) {
        return new CsvOptions(label, exclude, categorical, numeric, s, maxCategories, format, logSkewed);
    }

    public CsvOptions withMaxCategories(int m) {
        return new CsvOptions(label, exclude, categorical, numeric, scale, m, format, logSkewed);
    }

    public CsvOptions withFormat(CsvFormat f) {
        return new CsvOptions(label, exclude, categorical, numeric, scale, maxCategories, f, logSkewed);
    }

    /** These options with strongly skewed numeric columns read as {@code sign(x) log(1 + |x|)} ({@code true}) or not. */
    public CsvOptions withLogSkewed(boolean b) {
        return new CsvOptions(label, exclude, categorical, numeric, scale, maxCategories, format, b);
    }
}
