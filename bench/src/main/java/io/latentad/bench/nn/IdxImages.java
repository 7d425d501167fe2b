package io.latentad.bench.nn;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A minimal reader of MNIST-format idx files (gzipped or raw) for the benchmarks: images as
 * floats in [0, 1], one row per image, and labels. A stop-gap until {@code models.data} has the
 * real reader; it validates only the magic numbers.
 */
public final class IdxImages {
    private IdxImages() {
    }

    public static float[][] images(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != 0x803) throw new IOException(file + ": not an idx3 image file (magic " + magic + ")");
            int n = in.readInt(), rows = in.readInt(), cols = in.readInt();
            byte[] buf = new byte[rows * cols];
            float[][] out = new float[n][rows * cols];
            for (int i = 0; i < n; i++) {
                in.readFully(buf);
                for (int j = 0; j < buf.length; j++) out[i][j] = (buf[j] & 0xff) / 255f;
            }
            return out;
        }
    }

    public static int[] labels(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != 0x801) throw new IOException(file + ": not an idx1 label file (magic " + magic + ")");
            int n = in.readInt();
            int[] out = new int[n];
            for (int i = 0; i < n; i++) out[i] = in.readUnsignedByte();
            return out;
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        if (file.toString().endsWith(".gz")) raw = new GZIPInputStream(raw, 1 << 16);
        return new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16));
    }
}
