package io.latentad.models.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomicFileTest {
    @TempDir
    Path tmp;

    @Test
    void aFailedWriteLeavesTheTargetAsItWasAndNoTemporaryFile() throws IOException {
        Path out = Files.writeString(tmp.resolve("scores.csv"), "old\n");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFile.writeText(out, w -> {
            w.write("half a file");
            throw new IOException("No space left on device");
        }));
        assertTrue(e.getMessage().contains("scores.csv") && e.getMessage().contains("No space left"), e.getMessage());
        assertEquals("old\n", Files.readString(out));
        try (var s = Files.list(tmp)) {
            assertEquals(1, s.count());
        }
        AtomicFile.writeText(out, w -> w.write("new\n"));
        assertEquals("new\n", Files.readString(out));
    }

    @Test
    void aMissingDirectoryIsNamed() {
        Path out = tmp.resolve("no/such/dir/x.csv");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFile.writeText(out, w -> w.write("x")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void aStagedDirectoryIsPublishedFileByFile() throws IOException {
        Path target = tmp.resolve("report");
        Files.createDirectories(target);
        Files.writeString(target.resolve("keep.txt"), "mine");
        Path staging = AtomicFile.stagingDirectory(target);
        Files.writeString(staging.resolve("report.md"), "# report");
        Files.createDirectories(staging.resolve("plots"));
        Files.writeString(staging.resolve("plots").resolve("a.svg"), "<svg/>");
        AtomicFile.publishDirectory(staging, target);
        assertEquals("# report", Files.readString(target.resolve("report.md")));
        assertEquals("<svg/>", Files.readString(target.resolve("plots").resolve("a.svg")));
        assertEquals("mine", Files.readString(target.resolve("keep.txt")));
        assertFalse(Files.exists(staging));
    }
}
