package io.latentad.models.data;

import java.nio.file.Path;

/**
 * A data source named on the command line: {@code csv:PATH}, {@code idx:DIR} (the MNIST
 * training pair), {@code idx-test:DIR} (the test pair) or {@code ucr:PATH}. A bare path ending in
 * {@code .csv} or {@code .csv.gz} (any case) is a CSV file, as a user would type it; any other bare path is refused with
 * the prefixes it could take, since a UCR file and a CSV file can both end in {@code .txt}.
 *
 * @param kind the format
 * @param path the file or directory
 */
public record DataSpec(Kind kind, Path path) {
    /** Source formats. */
    public enum Kind { CSV, IDX, IDX_TEST, UCR }

    /**
     * Parses a spec; an unknown prefix, a bare path not ending in {@code .csv} / {@code .csv.gz} or an empty path is an
     * {@link IllegalArgumentException}.
     */
    public static DataSpec parse(String spec) {
        if (spec == null) throw new IllegalArgumentException("data spec missing: expected csv:PATH, idx:DIR, idx-test:DIR or ucr:PATH");
        int colon = spec.indexOf(':');
        String prefix = colon < 0 ? "" : spec.substring(0, colon), rest = colon < 0 ? "" : spec.substring(colon + 1);
        Kind k = switch (prefix) {
            case "csv" -> Kind.CSV;
            case "idx" -> Kind.IDX;
            case "idx-test" -> Kind.IDX_TEST;
            case "ucr" -> Kind.UCR;
            default -> null;
        };
        if (k == null) {
            String lower = spec.toLowerCase(java.util.Locale.ROOT);
            if (lower.endsWith(".csv") || lower.endsWith(".csv.gz")) return new DataSpec(Kind.CSV, Path.of(spec));
            throw new IllegalArgumentException("data spec '" + spec + "': expected csv:PATH, idx:DIR, idx-test:DIR or ucr:PATH"
                    + (colon < 0 ? " (a bare path is read as CSV only when it ends in .csv or .csv.gz)" : ""));
        }
        if (rest.isEmpty()) throw new IllegalArgumentException("data spec '" + spec + "': the path is empty");
        return new DataSpec(k, Path.of(rest));
    }

    /** Loads the rows; a CSV file gets an encoder fitted on it with {@code options}. */
    public Dataset load(CsvOptions options) {
        return switch (kind) {
            case CSV -> {
                CsvTable t = CsvTable.read(path, options.format());
                yield FeatureEncoder.fit(t, options).transform(t);
            }
            case IDX -> IdxReader.readPair(path, false);
            case IDX_TEST -> IdxReader.readPair(path, true);
            case UCR -> UcrReader.read(path);
        };
    }

    /**
     * Loads the rows encoding a CSV file with an encoder fitted elsewhere (the training data);
     * other formats need no encoder and ignore it.
     */
    public Dataset load(FeatureEncoder encoder) {
        return load(encoder, CsvFormat.defaults());
    }

    /** {@link #load(FeatureEncoder)} for a CSV file in the given layout. */
    public Dataset load(FeatureEncoder encoder, CsvFormat format) {
        if (kind == Kind.CSV && encoder != null) return encoder.transform(CsvTable.read(path, format));
        return load(CsvOptions.defaults().withFormat(format));
    }

    @Override
    public String toString() {
        return switch (kind) {
            case CSV -> "csv:";
            case IDX -> "idx:";
            case IDX_TEST -> "idx-test:";
            case UCR -> "ucr:";
        } + path;
    }
}
