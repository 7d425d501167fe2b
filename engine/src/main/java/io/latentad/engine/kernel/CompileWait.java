package io.latentad.engine.kernel;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes the JIT's optimising compiler (C2) compile the engine's code and the Vector API's in the foreground: a
 * thread that makes one of these methods hot waits for its compiled code instead of going on in the slow tiers.
 *
 * <p>Why: until C2 compiles a Vector API loop, each vector operation runs through the API's Java fallback (a
 * lane loop on boxed vectors, ~70-350 ns an operation against a fraction of a nanosecond compiled). A training
 * run's first steps spent most of their time there: the first CL-VAE step cost 1.1-1.8 s of its thread's CPU and
 * allocated ~1 GB, steps 1-10 together 2.0-2.7 s, while C2 worked through a queue of hot methods on its own
 * thread. With this wait the training thread sleeps through its compiles rather than running the boxed code
 * alongside them: steps 1-10 cost 1.0-1.2 s, with the same loss to the last digit and no more CPU in the
 * compiler threads (bench/notes/perf.md, "Session 16"; a /tmp harness printing each step's thread CPU).
 * C1's compiles stay in the background, and so does everything outside the matched packages.
 *
 * <p>How: a compiler directive ({@code BackgroundCompilation: false} for C2, JEP 165) added at run time through
 * HotSpot's {@code DiagnosticCommand} MBean, the same as {@code jcmd <pid> Compiler.directives_add}. It lasts for
 * the JVM's life and matches only {@code io/latentad/engine/} and the Vector API's own packages. On a JVM without
 * that MBean (not HotSpot, or no {@code jdk.management}) nothing happens. {@code -Dlatentad.jitWait=false}
 * turns it off.
 */
final class CompileWait {
    /** The directive: C2 compiles of the engine's and the Vector API's methods block the thread that asked. */
    static final String DIRECTIVE = "[ { match: [\"io/latentad/engine/*.*\", \"jdk/incubator/vector/*.*\","
            + " \"jdk/internal/vm/vector/*.*\"], c2: { BackgroundCompilation: false } } ]\n";

    private CompileWait() {
    }

    /**
     * Adds the directive from a daemon thread unless {@code -Dlatentad.jitWait=false}, and returns at once: the
     * platform MBean server it goes through costs ~0.2 s of CPU to start, which the calling thread (the one that
     * is about to train) should not pay. Compiles asked for before the directive is in place run in the
     * background as usual. Returns {@code "on"} or {@code "off"}, for the start-up log line.
     */
    static String start() {
        if (!KernelSettings.jitWait()) return "off";
        Thread t = new Thread(CompileWait::install, "latentad-jit-directive");
        t.setDaemon(true);
        t.start();
        return "on";
    }

    /**
     * Adds the directive unless {@code -Dlatentad.jitWait=false}; returns what happened ({@code "on"},
     * {@code "off"} or {@code "unavailable (reason)"}, logged at debug level). Never throws.
     */
    static String install() {
        String result = tryInstall();
        System.getLogger(CompileWait.class.getName()).log(System.Logger.Level.DEBUG, "latentad: jitWait=" + result);
        return result;
    }

    private static String tryInstall() {
        if (!KernelSettings.jitWait()) return "off";
        Path file = null;
        try {
            file = Files.createTempFile("latentad-jit", ".json");
            Files.writeString(file, DIRECTIVE, StandardCharsets.US_ASCII);
            Object reply = ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "compilerDirectivesAdd", new Object[] {new String[] {file.toString()}},
                    new String[] {String[].class.getName()});
            String text = String.valueOf(reply).trim();
            return text.startsWith("1 compiler directives added") ? "on" : "unavailable (" + text + ")";
        } catch (Exception | LinkageError e) {
            return "unavailable (" + e.getClass().getSimpleName() + ")";
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (Exception ignored) {
                    // a temporary file left behind is harmless
                }
            }
        }
    }
}
