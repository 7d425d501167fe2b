package io.latentad.engine.kernel;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Looks up GEMM providers by name ({@code simd}, {@code jblas}, {@code ejml}, {@code scalar}).
 * Providers that need an optional module or native library are loaded reflectively, so a JVM
 * without {@code jdk.incubator.vector} (or a machine where jblas's native code does not load)
 * still runs on the others.
 */
public final class GemmProviders {
    private static final String VECTOR_KERNELS = "io.latentad.engine.kernel.simd.VectorKernels";
    private static final Map<String, String> CLASSES = Map.of(
            "simd", VECTOR_KERNELS,
            "jblas", "io.latentad.engine.kernel.blas.JblasGemm",
            "ejml", "io.latentad.engine.kernel.blas.EjmlGemm");
    private static final Map<String, Gemm> LOADED = new ConcurrentHashMap<>();

    private GemmProviders() {
    }

    /** The names {@code -Dlatentad.blas} accepts. */
    public static String[] names() {
        return new String[] {"simd", "jblas", "ejml", "scalar"};
    }

    /**
     * The provider with this name.
     *
     * @throws IllegalArgumentException for an unknown name, or one that cannot load here
     */
    public static Gemm byName(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (key.equals("scalar")) return ScalarKernels.INSTANCE;
        String cls = CLASSES.get(key);
        if (cls == null) {
            throw new IllegalArgumentException("GEMM provider '" + name
                    + "' is unknown: expected one of simd, jblas, ejml, scalar");
        }
        return LOADED.computeIfAbsent(key, k -> {
            Object o = instantiate(cls);
            if (o == null) {
                throw new IllegalArgumentException("GEMM provider '" + k + "' is not available on this JVM"
                        + (k.equals("simd") ? " (run java with --add-modules jdk.incubator.vector)" : ""));
            }
            return (Gemm) o;
        });
    }

    /** Whether the named provider loads here. */
    public static boolean available(String name) {
        try {
            byName(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The Vector API kernel set, or null when the incubator module is absent. */
    static KernelSet loadVectorKernels() {
        Object o = instantiate(VECTOR_KERNELS);
        return o instanceof KernelSet k ? k : null;
    }

    private static Object instantiate(String cls) {
        try {
            Class<?> c = Class.forName(cls);
            try {
                return c.getField("INSTANCE").get(null);
            } catch (NoSuchFieldException e) {
                return c.getDeclaredConstructor().newInstance();
            }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return null;
        }
    }
}
