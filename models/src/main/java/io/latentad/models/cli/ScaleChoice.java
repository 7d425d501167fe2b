package io.latentad.models.cli;

import io.latentad.models.data.DataSpec;
import io.latentad.models.data.Scale;

/**
 * {@code --scale none|standard|robust} of detect and cluster. The default is {@code standard} for
 * CSV data (numeric columns to mean 0 and standard deviation 1, as before) and {@code none} for idx
 * and UCR data (pixels in [0, 1], series in their own units); the command says which it used.
 */
final class ScaleChoice {
    private ScaleChoice() {
    }

    /**
     * Sets {@code options.scale} for {@code spec} from {@code given} (null = the default) and tells
     * the user which scaling applies.
     */
    static void apply(String given, String spec, DataOptions options) {
        Scale s;
        boolean csv = DataSpec.parse(spec).kind() == DataSpec.Kind.CSV;
        if (given != null) s = Scale.of(given);
        else s = csv ? Scale.STANDARD : Scale.NONE;
        options.scale = s;
        String what = switch (s) {
            case STANDARD -> "numeric columns to mean 0 and standard deviation 1";
            case ROBUST -> "numeric columns minus the median, over the interquartile range";
            case NONE -> "values as they are";
        };
        options.tell("scale: " + s.cliName() + " (" + what + (given == null ? "; the default for " + (csv ? "CSV" : "idx and UCR")
                + " data" : "") + "; --scale none|standard|robust)");
    }
}
