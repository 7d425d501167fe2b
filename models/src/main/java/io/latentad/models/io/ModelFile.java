package io.latentad.models.io;

import io.latentad.engine.tensor.Tensor;
import io.latentad.models.ae.AeOptions;
import io.latentad.models.ae.ModelKind;
import io.latentad.models.ae.TrainedAutoencoder;
import io.latentad.models.data.FeatureEncoder;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The binary model file of a {@link TrainedAutoencoder} (big-endian, {@link DataOutputStream}):
 *
 * <pre>
 * int    magic 0x4C41414D ("LAAM")
 * int    format version (1)
 * long   payload length in bytes
 * bytes  payload:
 *          UTF model kind (cli name); int n, n x (UTF key, UTF value) options ({@link AeOptions#toParams})
 *          int input width
 *          boolean + FeatureEncoder (its own versioned block) when trained on CSV
 *          boolean + int k + k x UTF class names when trained with labels
 *          int p, p x (UTF name, int rank, rank x int dim, size x float) codec parameters
 *          boolean + double matrix: class means
 *          double matrix: kept training codes mu; boolean + double matrix: their log-variances
 *          boolean + int n + n x int: their labels
 * int    CRC32 of every byte before it
 * </pre>
 *
 * Reading checks, in this order, the magic, the version (a newer one is refused: "written by a
 * newer latentad"), the length (a short file is "truncated"), and the checksum (a changed byte is
 * "corrupted"), each with an {@link IllegalArgumentException} that names the file. Parameters are
 * stored as their exact float bits, so a loaded model scores bit-identically to the saved one.
 */
public final class ModelFile {
    static final int MAGIC = 0x4C41414D;
    /** The format version this build writes and the newest it reads. */
    public static final int VERSION = 1;
    private static final int HEADER = 16, TRAILER = 4;

    private ModelFile() {
    }

    /** Writes {@code model} to {@code file} (replacing it). */
    public static void write(TrainedAutoencoder model, Path file) {
        try {
            Files.write(file, toBytes(model));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the model: " + e.getMessage(), e);
        }
    }

    /** Reads a model written by {@link #write}. */
    public static TrainedAutoencoder read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such model file");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the model: " + e.getMessage(), e);
        }
        return fromBytes(bytes, file.toString());
    }

    /** The file contents of {@code model}. */
    public static byte[] toBytes(TrainedAutoencoder model) {
        try {
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            writePayload(model, new DataOutputStream(payload));
            byte[] p = payload.toByteArray();
            ByteBuffer b = ByteBuffer.allocate(HEADER + p.length + TRAILER);
            b.putInt(MAGIC).putInt(VERSION).putLong(p.length).put(p);
            CRC32 crc = new CRC32();
            crc.update(b.array(), 0, HEADER + p.length);
            b.putInt((int) crc.getValue());
            return b.array();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory streams do not fail
        }
    }

    /** Parses file contents; {@code source} names the file in messages. */
    public static TrainedAutoencoder fromBytes(byte[] bytes, String source) {
        if (bytes.length < 8) throw new IllegalArgumentException(source + ": truncated model file (" + bytes.length + " bytes)");
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int magic = b.getInt();
        if (magic != MAGIC) {
            throw new IllegalArgumentException(String.format("%s: not a latentad model file (magic 0x%08x, expected 0x%08x)",
                    source, magic, MAGIC));
        }
        int version = b.getInt();
        if (version > VERSION) {
            throw new IllegalArgumentException(source + ": model format version " + version
                    + " was written by a newer latentad; this build reads versions up to " + VERSION);
        }
        if (version < 1) throw new IllegalArgumentException(source + ": model format version " + version + " is not valid");
        if (bytes.length < HEADER) throw new IllegalArgumentException(source + ": truncated model file (" + bytes.length + " bytes)");
        long length = b.getLong();
        long expected = HEADER + length + TRAILER;
        if (length < 0 || bytes.length < expected) {
            throw new IllegalArgumentException(source + ": truncated model file: " + bytes.length + " bytes, expected " + expected);
        }
        if (bytes.length > expected) {
            throw new IllegalArgumentException(source + ": corrupted model file: " + (bytes.length - expected) + " extra bytes at the end");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, (int) (HEADER + length));
        int stored = ByteBuffer.wrap(bytes, (int) (HEADER + length), TRAILER).getInt();
        if (stored != (int) crc.getValue()) {
            throw new IllegalArgumentException(String.format("%s: corrupted model file: checksum 0x%08x, expected 0x%08x",
                    source, (int) crc.getValue(), stored));
        }
        try {
            return readPayload(new DataInputStream(new ByteArrayInputStream(bytes, HEADER, (int) length)));
        } catch (EOFException e) {
            throw new IllegalArgumentException(source + ": corrupted model file: the payload ends early");
        } catch (IOException | IllegalArgumentException | NegativeArraySizeException e) {
            throw new IllegalArgumentException(source + ": corrupted model file: " + e.getMessage());
        }
    }

    private static void writePayload(TrainedAutoencoder m, DataOutputStream out) throws IOException {
        out.writeUTF(m.kind().cliName());
        Map<String, String> opts = m.options().toParams();
        out.writeInt(opts.size());
        for (Map.Entry<String, String> e : opts.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeUTF(e.getValue());
        }
        out.writeInt(m.dimension());
        out.writeBoolean(m.encoder() != null);
        if (m.encoder() != null) m.encoder().write(out);
        String[] classes = m.classes();
        out.writeBoolean(classes != null);
        if (classes != null) {
            out.writeInt(classes.length);
            for (String c : classes) out.writeUTF(c);
        }
        Map<String, Tensor> params = m.parameters();
        out.writeInt(params.size());
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            out.writeUTF(e.getKey());
            Tensor t = e.getValue();
            out.writeInt(t.rank());
            for (int d : t.shape()) out.writeInt(d);
            for (float v : t.toArray()) out.writeFloat(v);
        }
        double[][] means = m.classMeans();
        out.writeBoolean(means != null);
        if (means != null) writeMatrix(out, means);
        TrainedAutoencoder.Codes codes = m.trainingCodes();
        writeMatrix(out, codes.mu());
        out.writeBoolean(codes.logVar() != null);
        if (codes.logVar() != null) writeMatrix(out, codes.logVar());
        int[] labels = m.trainingLabels();
        out.writeBoolean(labels != null);
        if (labels != null) {
            out.writeInt(labels.length);
            for (int y : labels) out.writeInt(y);
        }
    }

    private static TrainedAutoencoder readPayload(DataInputStream in) throws IOException {
        ModelKind kind = ModelKind.of(in.readUTF());
        int n = in.readInt();
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) opts.put(in.readUTF(), in.readUTF());
        AeOptions options = AeOptions.fromParams(kind, opts);
        int inputs = in.readInt();
        FeatureEncoder encoder = in.readBoolean() ? FeatureEncoder.read(in) : null;
        String[] classes = null;
        if (in.readBoolean()) {
            classes = new String[in.readInt()];
            for (int i = 0; i < classes.length; i++) classes[i] = in.readUTF();
        }
        int p = in.readInt();
        Map<String, Tensor> params = new LinkedHashMap<>();
        for (int i = 0; i < p; i++) {
            String name = in.readUTF();
            int[] shape = new int[in.readInt()];
            int size = 1;
            for (int d = 0; d < shape.length; d++) size *= shape[d] = in.readInt();
            float[] v = new float[size];
            for (int k = 0; k < size; k++) v[k] = in.readFloat();
            params.put(name, Tensor.wrap(v, shape));
        }
        double[][] means = in.readBoolean() ? readMatrix(in) : null;
        double[][] mu = readMatrix(in);
        double[][] logVar = in.readBoolean() ? readMatrix(in) : null;
        int[] labels = null;
        if (in.readBoolean()) {
            labels = new int[in.readInt()];
            for (int i = 0; i < labels.length; i++) labels[i] = in.readInt();
        }
        if (in.available() > 0) throw new IOException(in.available() + " unread bytes after the last field");
        return TrainedAutoencoder.restore(options, inputs, encoder, classes, params, means,
                new TrainedAutoencoder.Codes(mu, logVar), labels);
    }

    private static void writeMatrix(DataOutputStream out, double[][] m) throws IOException {
        out.writeInt(m.length);
        out.writeInt(m.length == 0 ? 0 : m[0].length);
        for (double[] row : m) for (double v : row) out.writeDouble(v);
    }

    private static double[][] readMatrix(DataInputStream in) throws IOException {
        int r = in.readInt(), c = in.readInt();
        if (r < 0 || c < 0) throw new IOException("matrix of " + r + " x " + c);
        double[][] m = new double[r][c];
        for (double[] row : m) for (int j = 0; j < c; j++) row[j] = in.readDouble();
        return m;
    }
}
