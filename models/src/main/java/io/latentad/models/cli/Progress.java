package io.latentad.models.cli;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * Progress for long steps whose algorithms have no natural checkpoints to report from (a detector's
 * fit, a clustering): a daemon thread prints "still ..." with the elapsed time every
 * {@value #EVERY_SECONDS} seconds while the step runs, and the total once it ends (only if it ran
 * that long). It only reads the clock, so results do not depend on it; {@code --quiet} silences it.
 */
final class Progress {
    static final long EVERY_SECONDS = 10;

    private Progress() {
    }

    /** Runs {@code step}, described as {@code what}, reporting through {@code options}. */
    static <T> T during(DataOptions options, String what, Supplier<T> step) {
        Notes notes = Notes.current();
        long t0 = System.nanoTime();
        Object lock = new Object();
        boolean[] done = {false};
        boolean[] told = {false};
        Thread ticker = new Thread(() -> {
            synchronized (lock) {
                while (!done[0]) {
                    try {
                        lock.wait(EVERY_SECONDS * 1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (!done[0]) {
                        if (notes != null) notes.flushNow(); // a long step: say what the input became first
                        options.tell(String.format(Locale.ROOT, "still %s: %.0f s", what, (System.nanoTime() - t0) / 1e9));
                        told[0] = true;
                    }
                }
            }
        }, "latentad-progress");
        ticker.setDaemon(true);
        ticker.start();
        try {
            return step.get();
        } finally {
            synchronized (lock) {
                done[0] = true;
                lock.notifyAll();
            }
            try {
                ticker.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (told[0]) options.tell(String.format(Locale.ROOT, "%s: done in %.1f s", what, (System.nanoTime() - t0) / 1e9));
        }
    }
}
