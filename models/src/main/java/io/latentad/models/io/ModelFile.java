package io.latentad.models.io;

import io.latentad.engine.tensor.Tensor;
import io.latentad.models.ae.AeOptions;
import io.latentad.models.ae.ModelKind;
import io.latentad.models.ae.TrainedAutoencoder;
import io.latentad.models.ae.net.DenseNetwork;
import io.latentad.models.ae.net.NetworkSpec;
import io.latentad.models.ae.net.Networks;
import io.latentad.models.data.FeatureEncoder;
import io.latentad.models.data.SampleShape;
import io.latentad.models.detect.Threshold;

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
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The binary model file of a {@link TrainedAutoencoder} (big-endian, {@link DataOutputStream}):
 *
 * <pre>
 * int    magic 0x4C41414D ("LAAM")
 * int    format version (3)
 * long   payload length in bytes
 * bytes  payload:
 *          UTF model kind (cli name); int n, n x (UTF key, UTF value) options ({@link AeOptions#toParams})
 *          UTF network name; int m, m x (UTF key, UTF value) its spec ({@link NetworkSpec#toParams})
 *          sample shape: UTF row | sequence | image, int r, r x int sizes
 *          boolean + FeatureEncoder (its own versioned block) when trained on CSV
 *          boolean + int k + k x UTF class names when trained with labels
 *          int p, p x (UTF name, int rank, rank x int dim, size x float) network parameters
 *          boolean + double matrix: class means
 *          double matrix: kept training codes mu; boolean + double matrix: their log-variances
 *          boolean + int n + n x int: their labels
 *          (version 3) int q, q x (UTF name, tensor as above) the objective's own tensors
 *                      ({@link TrainedAutoencoder#objectiveState()}: aemlp's predictor, dagmm's mixture)
 *          (version 3) boolean + (UTF scorer, double contamination, double value) the stored threshold
 * int    CRC32 of every byte before it
 * </pre>
 *
 * Version 2 files (no objective tensors, no threshold) are still read: they load with an empty
 * objective state and no threshold.
 *
 * Version 1 (written before the network seam) had {@code int input width} in place of the network
 * and shape fields, every option of every model, and a dense network implied; it is still read,
 * and its models score bit-identically.
 *
 * <p>Reading checks, in this order, the magic, the version (a newer one is refused: "written by a
 * newer latentad"), the length (a short file is "truncated"), and the checksum (a changed byte is
 * "corrupted"), each with an {@link IllegalArgumentException} that names the file. Every count in
 * the payload is checked against the bytes that remain before anything is allocated, and
 * parameters, means and codes must be finite, so a crafted file with a valid checksum is refused
 * with a message, not an OutOfMemoryError. Parameters are stored as their exact float bits, so a
 * loaded model scores bit-identically to the saved one. {@link #write} writes a temporary file
 * beside the target and moves it into place, so a failed write never leaves half a model.
 */
public final class ModelFile {
    static final int MAGIC = 0x4C41414D;
    /** The format version this build writes and the newest it reads. */
    public static final int VERSION = 3;
    private static final int HEADER = 16, TRAILER = 4;
    /** Sanity limits beyond the byte count: tensor rank, shape rank. */
    private static final int MAX_RANK = 8;

    private ModelFile() {
    }

    /** Writes {@code model} to {@code file} (replacing it atomically: a temporary file is moved into place). */
    public static void write(TrainedAutoencoder model, Path file) {
        byte[] bytes = toBytes(model);
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the model: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the move succeeded or the directory is gone; nothing to clean
                }
            }
        }
    }

    /** Reads a model written by {@link #write} (format version 1, 2 or 3). */
    public static TrainedAutoencoder read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such model file");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read the model: " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw new IllegalArgumentException(file + ": too large to be a model file");
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
            return readPayload(new DataInputStream(new ByteArrayInputStream(bytes, HEADER, (int) length)), version);
        } catch (EOFException e) {
            throw new IllegalArgumentException(source + ": corrupted model file: the payload ends early");
        } catch (IOException | IllegalArgumentException | NegativeArraySizeException | ArithmeticException e) {
            throw new IllegalArgumentException(source + ": corrupted model file: " + e.getMessage());
        }
    }

    private static void writePayload(TrainedAutoencoder m, DataOutputStream out) throws IOException {
        out.writeUTF(m.kind().cliName());
        writeMap(out, m.options().toParams());
        NetworkSpec spec = m.spec();
        out.writeUTF(spec.name());
        writeMap(out, spec.toParams());
        writeShape(out, spec.input());
        out.writeBoolean(m.encoder() != null);
        if (m.encoder() != null) m.encoder().write(out);
        String[] classes = m.classes();
        out.writeBoolean(classes != null);
        if (classes != null) {
            out.writeInt(classes.length);
            for (String c : classes) out.writeUTF(c);
        }
        writeTensors(out, m.parameters());
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
        writeTensors(out, m.objectiveState());
        Threshold t = m.threshold();
        out.writeBoolean(t != null);
        if (t != null) {
            out.writeUTF(t.scorer());
            out.writeDouble(t.contamination());
            out.writeDouble(t.value());
        }
    }

    private static void writeTensors(DataOutputStream out, Map<String, Tensor> tensors) throws IOException {
        out.writeInt(tensors.size());
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            out.writeUTF(e.getKey());
            Tensor t = e.getValue();
            out.writeInt(t.rank());
            for (int d : t.shape()) out.writeInt(d);
            for (float v : t.toArray()) out.writeFloat(v);
        }
    }

    private static Map<String, Tensor> readTensors(DataInputStream in, String what) throws IOException {
        int p = count(in, 8, what);
        Map<String, Tensor> params = new LinkedHashMap<>();
        for (int i = 0; i < p; i++) {
            String name = in.readUTF();
            int rank = in.readInt();
            if (rank < 0 || rank > MAX_RANK) throw new IOException("parameter " + name + " has rank " + rank + ": expected 0.." + MAX_RANK);
            int[] shape = new int[rank];
            long size = 1;
            for (int d = 0; d < rank; d++) {
                shape[d] = in.readInt();
                if (shape[d] < 0) throw new IOException("parameter " + name + " has dimension " + shape[d]);
                size *= shape[d];
                if (size * 4 > in.available()) {
                    throw new IOException("parameter " + name + " claims more values than the " + in.available() + " bytes left");
                }
            }
            float[] v = new float[(int) size];
            for (int k = 0; k < size; k++) {
                v[k] = in.readFloat();
                if (!Float.isFinite(v[k])) throw new IOException("parameter " + name + " holds " + v[k] + ": expected finite values");
            }
            if (params.put(name, Tensor.wrap(v, shape)) != null) throw new IOException(what + ": " + name + " appears twice");
        }
        return params;
    }

    /**
     * {@code opts} with every key whose default changed since ({@link ModelKind#formerDefaults}) and that the file
     * lacks set to the value the file was trained with (e.g. a gmvae file without {@code prior} holds a diagonal one).
     */
    static Map<String, String> withKeysOfTheirDay(ModelKind kind, Map<String, String> opts) {
        if (opts.keySet().containsAll(kind.formerDefaults().keySet())) return opts;
        Map<String, String> m = new java.util.LinkedHashMap<>(opts);
        kind.formerDefaults().forEach(m::putIfAbsent);
        return m;
    }

    private static TrainedAutoencoder readPayload(DataInputStream in, int version) throws IOException {
        ModelKind kind = ModelKind.of(in.readUTF());
        Map<String, String> opts = readMap(in, "options");
        AeOptions options;
        NetworkSpec spec;
        if (version == 1) {
            options = AeOptions.fromVersion1Params(kind, opts).resolveAuto(false); // keys it lacks: their values then
            int inputs = in.readInt();
            if (inputs < 1) throw new IOException("input width " + inputs + ": expected >= 1");
            if (!(options.net() instanceof DenseNetwork.Options net)) throw new IOException("version 1 holds dense networks only");
            spec = net.spec(SampleShape.row(inputs), kind.variational());
        } else {
            // a file holds every key of its day, resolved; a key added since reads as auto and takes the value it
            // had before auto existed (ModelKind#autoValues without the Bernoulli choices)
            options = AeOptions.fromParams(kind, withKeysOfTheirDay(kind, opts)).resolveAuto(false);
            String netName = in.readUTF();
            Map<String, String> netParams = readMap(in, "network settings");
            spec = Networks.spec(netName, netParams, readShape(in), kind.variational());
        }
        FeatureEncoder encoder = in.readBoolean() ? FeatureEncoder.read(in) : null;
        String[] classes = null;
        if (in.readBoolean()) {
            classes = new String[count(in, 2, "class names")];
            for (int i = 0; i < classes.length; i++) classes[i] = in.readUTF();
        }
        Map<String, Tensor> params = readTensors(in, "parameters");
        double[][] means = in.readBoolean() ? readMatrix(in, "class means") : null;
        double[][] mu = readMatrix(in, "training codes");
        double[][] logVar = in.readBoolean() ? readMatrix(in, "training log-variances") : null;
        int[] labels = null;
        if (in.readBoolean()) {
            labels = new int[count(in, 4, "training labels")];
            for (int i = 0; i < labels.length; i++) labels[i] = in.readInt();
        }
        Map<String, Tensor> state = Map.of();
        Threshold threshold = null;
        if (version >= 3) {
            state = readTensors(in, "objective tensors");
            if (in.readBoolean()) threshold = new Threshold(in.readUTF(), in.readDouble(), in.readDouble());
        }
        if (in.available() > 0) throw new IOException(in.available() + " unread bytes after the last field");
        long stored = 0;
        for (Tensor t : params.values()) stored += t.size();
        if (spec.parameterCount() != stored) {
            throw new IOException("network " + spec.name() + " of " + spec.input().describe() + " needs " + spec.parameterCount()
                    + " parameter values, the file holds " + stored);
        }
        check(kind, spec, classes, means, mu, logVar, labels);
        return TrainedAutoencoder.restore(options, spec, encoder, classes, params, means,
                new TrainedAutoencoder.Codes(mu, logVar), labels, state, threshold);
    }

    /** The parts must fit together: code widths, class counts, label codes. */
    private static void check(ModelKind kind, NetworkSpec spec, String[] classes, double[][] means, double[][] mu,
                              double[][] logVar, int[] labels) throws IOException {
        int d = spec.latent();
        if (mu.length > 0 && mu[0].length != d) throw new IOException("training codes of width " + mu[0].length + ": expected " + d);
        if (logVar != null && (logVar.length != mu.length || (mu.length > 0 && logVar[0].length != d))) {
            throw new IOException("training log-variances do not match the training codes");
        }
        if (logVar == null && kind.variational()) throw new IOException(kind.cliName() + " without training log-variances");
        if (means != null) {
            if (classes == null || means.length != classes.length) throw new IOException("class means of " + means.length + " classes do not match the class list");
            if (means.length > 0 && means[0].length != d) throw new IOException("class means of width " + means[0].length + ": expected " + d);
        }
        if (labels != null) {
            if (labels.length != mu.length) throw new IOException(labels.length + " training labels for " + mu.length + " codes");
            int k = classes == null ? 0 : classes.length;
            for (int y : labels) if (y < 0 || y >= k) throw new IOException("training label " + y + ": expected 0.." + (k - 1));
        }
    }

    private static void writeMap(DataOutputStream out, Map<String, String> m) throws IOException {
        out.writeInt(m.size());
        for (Map.Entry<String, String> e : m.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeUTF(e.getValue());
        }
    }

    private static Map<String, String> readMap(DataInputStream in, String what) throws IOException {
        int n = count(in, 4, what);
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) m.put(in.readUTF(), in.readUTF());
        return m;
    }

    private static void writeShape(DataOutputStream out, SampleShape s) throws IOException {
        if (s instanceof SampleShape.Row r) {
            out.writeUTF("row");
            out.writeInt(1);
            out.writeInt(r.features());
        } else if (s instanceof SampleShape.Sequence q) {
            out.writeUTF("sequence");
            out.writeInt(2);
            out.writeInt(q.steps());
            out.writeInt(q.channels());
        } else if (s instanceof SampleShape.Image i) {
            out.writeUTF("image");
            out.writeInt(3);
            out.writeInt(i.channels());
            out.writeInt(i.height());
            out.writeInt(i.width());
        } else {
            throw new IOException("unknown sample shape " + s);
        }
    }

    private static SampleShape readShape(DataInputStream in) throws IOException {
        String kind = in.readUTF();
        int r = in.readInt();
        if (r < 1 || r > 3) throw new IOException("sample shape of rank " + r + ": expected 1..3");
        int[] d = new int[r];
        for (int i = 0; i < r; i++) d[i] = in.readInt();
        return switch (kind + r) {
            case "row1" -> SampleShape.row(d[0]);
            case "sequence2" -> SampleShape.sequence(d[0], d[1]);
            case "image3" -> SampleShape.image(d[0], d[1], d[2]);
            default -> throw new IOException("sample shape '" + kind + "' of rank " + r + ": expected row, sequence or image");
        };
    }

    /** A count of items of at least {@code bytesEach} bytes, refused when the bytes left cannot hold it. */
    private static int count(DataInputStream in, int bytesEach, String what) throws IOException {
        int n = in.readInt();
        if (n < 0 || (long) n * bytesEach > in.available()) {
            throw new IOException(what + " count " + n + " does not fit in the " + in.available() + " bytes left");
        }
        return n;
    }

    private static void writeMatrix(DataOutputStream out, double[][] m) throws IOException {
        out.writeInt(m.length);
        out.writeInt(m.length == 0 ? 0 : m[0].length);
        for (double[] row : m) for (double v : row) out.writeDouble(v);
    }

    private static double[][] readMatrix(DataInputStream in, String what) throws IOException {
        int r = in.readInt(), c = in.readInt();
        if (r < 0 || c < 0 || (long) r * c * 8 > in.available() || (r > 0 && c == 0 && r > in.available())) {
            throw new IOException(what + " of " + r + " x " + c + " does not fit in the " + in.available() + " bytes left");
        }
        double[][] m = new double[r][c];
        for (double[] row : m) {
            for (int j = 0; j < c; j++) {
                row[j] = in.readDouble();
                if (!Double.isFinite(row[j])) throw new IOException(what + " hold " + row[j] + ": expected finite values");
            }
        }
        return m;
    }
}
