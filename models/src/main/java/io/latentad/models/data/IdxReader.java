package io.latentad.models.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * MNIST-format idx files (LeCun's format: two zero bytes, a type byte, the number of dimensions,
 * the dimensions as big-endian ints, then the data), raw or gzipped (detected by the gzip magic
 * bytes, not the name). Only unsigned bytes (type 0x08) are read: images as pixels scaled to
 * [0, 1], labels as the digits.
 *
 * <p>{@code idx:DIR} reads the training pair {@code train-images-idx3-ubyte} +
 * {@code train-labels-idx1-ubyte}, {@code idx-test:DIR} the test pair {@code t10k-...}; each
 * name may end in {@code .gz}, and the older spelling {@code train-images.idx3-ubyte} is found
 * too.
 */
public final class IdxReader {
    private IdxReader() {
    }

    /** Reads the training ({@code test = false}) or test pair in {@code dir}. */
    public static Dataset readPair(Path dir, boolean test) {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException(dir + ": directory not found");
        String prefix = test ? "t10k" : "train";
        Path images = find(dir, prefix, "images", 3);
        Path labels = find(dir, prefix, "labels", 1);
        double[][] x = readImages(images);
        int[] y = readLabels(labels);
        if (y.length != x.length) {
            throw new IllegalArgumentException(labels + ": " + y.length + " labels for the " + x.length + " images of " + images);
        }
        int d = x.length == 0 ? 0 : x[0].length;
        String[] names = new String[d];
        for (int i = 0; i < d; i++) names[i] = "px" + i;
        String[] classes = new String[10];
        for (int k = 0; k < 10; k++) classes[k] = Integer.toString(k);
        return new Dataset(images.toString(), x, names, y, classes, null, null, imageShape(images), null);
    }

    private static Path find(Path dir, String prefix, String kind, int dims) {
        for (String sep : new String[] {"-", "."}) {
            for (String gz : new String[] {"", ".gz"}) {
                Path p = dir.resolve(prefix + "-" + kind + sep + "idx" + dims + "-ubyte" + gz);
                if (Files.isRegularFile(p)) return p;
            }
        }
        throw new IllegalArgumentException(dir + ": no " + prefix + "-" + kind + "-idx" + dims + "-ubyte[.gz] file");
    }

    /** Images (n x rows x cols ubytes) as n rows of rows*cols pixels in [0, 1]. */
    public static double[][] readImages(Path file) {
        try (DataInputStream in = open(file)) {
            int[] dims = header(file, in, 3);
            int n = dims[0], size = Math.multiplyExact(dims[1], dims[2]);
            double[][] x = new double[n][size];
            byte[] buf = new byte[size];
            for (int i = 0; i < n; i++) {
                readFully(file, in, buf, i, n);
                for (int j = 0; j < size; j++) x[i][j] = (buf[j] & 0xff) / 255.0;
            }
            return x;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** Labels (n ubytes). */
    public static int[] readLabels(Path file) {
        try (DataInputStream in = open(file)) {
            int[] dims = header(file, in, 1);
            byte[] buf = new byte[dims[0]];
            readFully(file, in, buf, 0, 1);
            int[] y = new int[buf.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = buf[i] & 0xff;
                if (y[i] > 9) throw new IllegalArgumentException(file + ": label " + y[i] + " at item " + i + ": expected a digit 0-9");
            }
            return y;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** The {@code 1 x rows x cols} shape from the header of an images file (read before, so it is valid). */
    private static SampleShape imageShape(Path images) {
        try (DataInputStream in = open(images)) {
            int[] d = header(images, in, 3);
            return SampleShape.image(1, Math.max(1, d[1]), Math.max(1, d[2]));
        } catch (IOException e) {
            throw new IllegalArgumentException(images + ": cannot read: " + e.getMessage());
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read(), b1 = raw.read();
        raw.reset();
        boolean gz = b0 == 0x1f && b1 == 0x8b;
        return new DataInputStream(gz ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw);
    }

    private static int[] header(Path file, DataInputStream in, int dims) throws IOException {
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + ": empty or truncated idx header");
        }
        int type = (magic >>> 8) & 0xff, nd = magic & 0xff;
        if ((magic >>> 16) != 0 || type != 0x08 || nd != dims) {
            throw new IllegalArgumentException(String.format("%s: idx magic 0x%08x: expected 0x%08x (unsigned bytes, %d dimensions)",
                    file, magic, 0x0800 | dims, dims));
        }
        int[] d = new int[dims];
        for (int i = 0; i < dims; i++) {
            d[i] = in.readInt();
            if (d[i] < 0) throw new IllegalArgumentException(file + ": dimension " + i + " = " + d[i] + ": expected >= 0");
        }
        return d;
    }

    private static void readFully(Path file, DataInputStream in, byte[] buf, int item, int n) throws IOException {
        try {
            in.readFully(buf);
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + ": truncated at item " + item + " of " + n);
        }
    }
}
