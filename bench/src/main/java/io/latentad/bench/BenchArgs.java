package io.latentad.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** The experiments' one parser of {@code k=v} lists on the command line. */
public final class BenchArgs {
    private BenchArgs() {
    }

    /**
     * {@code k=v;k=v} or {@code k=v,k=v} (a comma splits only where a new {@code key=} follows, so {@code
     * hidden=512,256} stays one value) as an ordered map; a blank spec is empty. An entry without {@code =} is refused,
     * naming it.
     */
    public static Map<String, String> params(String spec) {
        Map<String, String> p = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) return p;
        for (String kv : spec.split(";|,(?=[a-z_0-9]+=)")) {
            int eq = kv.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("parameter '" + kv + "' in '" + spec + "': expected key=value");
            p.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        return p;
    }

    /** The {@code k=v} list inside the braces of {@code NAME{k=v;k=v}} (empty without braces). */
    public static Map<String, String> braceParams(String spec) {
        int brace = spec.indexOf('{');
        return brace < 0 ? new LinkedHashMap<>() : params(spec.substring(brace + 1, spec.length() - 1));
    }

    /** {@code NAME} of {@code NAME{k=v;k=v}}. */
    public static String braceName(String spec) {
        int brace = spec.indexOf('{');
        return brace < 0 ? spec : spec.substring(0, brace);
    }
}
