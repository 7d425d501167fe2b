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

    /** The largest image accepted (pixels): 4096 x 4096. */
    static final int MAX_IMAGE_PIXELS = 1 << 24;
    /** The most a deflate stream can expand (1032:1), plus slack for the gzip framing. */
    static final long MAX_GZIP_RATIO = 1100;

    /** Images (n x rows x cols ubytes) as n rows of rows*cols pixels in [0, 1]. */
    public static double[][] readImages(Path file) {
        try (DataInputStream in = open(file)) {
            int[] dims = header(file, in, 3);
            int n = dims[0];
            long pixels = (long) dims[1] * dims[2];
            if (pixels > MAX_IMAGE_PIXELS) {
                throw new IllegalArgumentException(file + ": images of " + dims[1] + " x " + dims[2] + " pixels in the header: expected at most "
                        + MAX_IMAGE_PIXELS + " pixels per image");
            }
            int size = (int) pixels;
            requireBytes(file, 16, n, size, (long) n * (size * 8L + 16));
            double[][] x = new double[n][];
            byte[] buf = new byte[size];
            for (int i = 0; i < n; i++) {
                readFully(file, in, buf, i, n);
                double[] row = new double[size];
                for (int j = 0; j < size; j++) row[j] = (buf[j] & 0xff) / 255.0;
                x[i] = row;
            }
            requireEnd(file, in, n);
            return x;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + reason(e));
        }
    }

    /** Labels (n ubytes). */
    public static int[] readLabels(Path file) {
        try (DataInputStream in = open(file)) {
            int[] dims = header(file, in, 1);
            requireBytes(file, 8, dims[0], 1, dims[0] * 5L);
            byte[] buf = new byte[dims[0]];
            readFully(file, in, buf, 0, 1);
            int[] y = new int[buf.length];
            for (int i = 0; i < y.length; i++) {
                y[i] = buf[i] & 0xff;
                if (y[i] > 9) throw new IllegalArgumentException(file + ": label " + y[i] + " at item " + i + ": expected a digit 0-9");
            }
            requireEnd(file, in, dims[0]);
            return y;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + reason(e));
        }
    }

    /**
     * Checks, before anything is allocated, that the file can hold the {@code data} bytes its header
     * claims (exactly, for a raw file; within the largest deflate ratio, for a gzipped one) and that
     * the {@code heap} bytes they become fit in the Java heap.
     */
    private static void requireBytes(Path file, int headerBytes, int n, int itemBytes, long heap) throws IOException {
        long data = (long) n * itemBytes;
        long stored = Files.size(file);
        if (isGzip(file)) {
            if (data > stored * MAX_GZIP_RATIO) {
                throw new IllegalArgumentException(file + ": the header claims " + data + " bytes of data, more than "
                        + stored + " gzipped bytes can hold: expected a header that matches the data");
            }
        } else if (data > stored - headerBytes) {
            long whole = itemBytes == 0 ? n : (stored - headerBytes) / itemBytes;
            throw new IllegalArgumentException(file + ": truncated at item " + whole + " of " + n + ": the header claims "
                    + data + " bytes of data, the file holds " + (stored - headerBytes) + " after the header");
        } else if (data < stored - headerBytes) {
            throw new IllegalArgumentException(file + ": " + (stored - headerBytes - data) + " bytes after the " + n
                    + " items the header declares: expected the file to end there");
        }
        long max = Runtime.getRuntime().maxMemory();
        if (heap > max / 2) {
            throw new IllegalArgumentException(file + ": " + data + " bytes of data need about " + (heap >> 20)
                    + " MB of heap as doubles, more than half the " + (max >> 20) + " MB available: give Java more heap (-Xmx)");
        }
    }

    /**
     * Reads to the end of the stream: a gzipped file's trailer (CRC-32 and length) is checked only
     * there, and bytes beyond the items the header declares are an error.
     */
    private static void requireEnd(Path file, DataInputStream in, int n) throws IOException {
        if (in.read() >= 0) {
            throw new IllegalArgumentException(file + ": data continues after the " + n
                    + " items the header declares: expected the file to end there");
        }
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file)) {
            return raw.read() == 0x1f && raw.read() == 0x8b;
        }
    }

    private static String reason(IOException e) {
        if (e instanceof java.util.zip.ZipException) return "corrupt gzip data (" + e.getMessage() + ")";
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
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
            throw new IllegalArgumentException(file + ": truncated at item " + item + " of " + n + " (or corrupt gzip data)");
        }
    }
}
