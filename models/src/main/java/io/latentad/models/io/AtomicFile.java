package io.latentad.models.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes output files all or nothing: the content goes to a temporary file in the target's own
 * directory (so the move stays on one file system), which then replaces the target with an atomic
 * move ({@link StandardCopyOption#ATOMIC_MOVE}, falling back to {@link StandardCopyOption#REPLACE_EXISTING}
 * where the file system cannot move atomically). A write that fails leaves the target as it was and
 * removes the temporary file, so a reader never sees half a file.
 */
public final class AtomicFile {
    /** Writes a whole file to the path it is given. */
    @FunctionalInterface
    public interface PathWriter {
        void write(Path tmp) throws IOException;
    }

    /** Writes text to the writer it is given. */
    @FunctionalInterface
    public interface TextWriter {
        void write(Writer w) throws IOException;
    }

    private AtomicFile() {
    }

    /** Writes {@code target} as UTF-8 text, atomically. */
    public static void writeText(Path target, TextWriter body) {
        write(target, tmp -> {
            try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(tmp), StandardCharsets.UTF_8), 1 << 16)) {
                body.write(w);
            }
        });
    }

    /**
     * Lets {@code body} write a temporary file beside {@code target}, then moves it into place.
     *
     * @throws UncheckedIOException naming the target when the directory is missing or the write or move fails
     */
    public static void write(Path target, PathWriter body) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw failure(target + ": cannot write: directory " + dir + " does not exist");
        }
        if (Files.isDirectory(abs)) {
            throw failure(target + ": cannot write: it is a directory: expected a file name");
        }
        Path tmp = null;
        try {
            tmp = newTemporary(dir, abs.getFileName().toString());
            body.write(tmp);
            move(tmp, abs);
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": cannot write: " + reason(e), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the target itself is untouched
                }
            }
        }
    }

    /** A new empty staging directory beside {@code target} (a directory of several outputs, e.g. a report). */
    public static Path stagingDirectory(Path target) {
        Path abs = target.toAbsolutePath();
        Path parent = abs.getParent();
        try {
            if (parent != null) Files.createDirectories(parent);
            return Files.createTempDirectory(parent, "." + abs.getFileName() + ".");
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": cannot create a directory beside it: " + reason(e), e);
        }
    }

    /**
     * Moves every file of {@code staging} into {@code target} (created if needed), each with an
     * atomic replace, and removes {@code staging}. Files of {@code target} that {@code staging} does
     * not hold are left alone.
     */
    public static void publishDirectory(Path staging, Path target) {
        try {
            Files.createDirectories(target);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(staging)) {
                for (Path f : files) {
                    if (Files.isDirectory(f)) {
                        publishDirectory(f, target.resolve(f.getFileName().toString()));
                    } else {
                        move(f, target.resolve(f.getFileName().toString()));
                    }
                }
            }
            Files.delete(staging);
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": cannot write: " + reason(e), e);
        }
    }

    /** Removes a staging directory and what it holds (after a failure). */
    public static void discard(Path staging) {
        if (staging == null || !Files.exists(staging)) return;
        try (var walk = Files.walk(staging)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    /**
     * An empty new file {@code .NAME.<random>.tmp} in {@code dir}, created with the ordinary
     * permissions of new files (the umask's), unlike {@link Files#createTempFile}'s owner-only ones.
     */
    private static Path newTemporary(Path dir, String name) throws IOException {
        java.util.concurrent.ThreadLocalRandom rnd = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; ; attempt++) {
            Path p = dir.resolve("." + name + "." + Long.toHexString(rnd.nextLong() & Long.MAX_VALUE) + ".tmp");
            try {
                Files.newOutputStream(p, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE).close();
                return p;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt > 100) throw e;
            }
        }
    }

    /** A short reason for an I/O failure (the file system's own words where it gives them). */
    public static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file or directory: " + e.getMessage();
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) return f.getReason();
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static UncheckedIOException failure(String message) {
        return new UncheckedIOException(message, new IOException(message));
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
