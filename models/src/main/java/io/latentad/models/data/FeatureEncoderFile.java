package io.latentad.models.data;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The binary form of a fitted {@link FeatureEncoder} inside a model file: magic, version, then per column its
 * name and kind with the categories or the median, mean, scale and missing indicator, then the label's classes and
 * the excluded columns. Counts are checked against the bytes left, so a corrupt file is an error, not an
 * allocation of gigabytes.
 */
final class FeatureEncoderFile {
    private FeatureEncoderFile() {
    }

    /** Writes the fitted state (versioned; read back with {@link #read}). */
    static void write(FeatureEncoder e, DataOutput out) throws IOException {
        out.writeInt(FeatureEncoder.MAGIC);
        out.writeInt(FeatureEncoder.VERSION);
        out.writeInt(e.columns.length);
        for (int f = 0; f < e.columns.length; f++) {
            out.writeUTF(e.columns[f]);
            out.writeBoolean(e.categorical[f]);
            if (e.categorical[f]) {
                out.writeInt(e.categories[f].length);
                for (String k : e.categories[f]) out.writeUTF(k);
            } else {
                out.writeDouble(e.median[f]);
                out.writeDouble(e.mean[f]);
                out.writeDouble(e.scale[f]);
                out.writeBoolean(e.indicator[f]);
                out.writeBoolean(e.logged[f]);
            }
        }
        out.writeBoolean(e.label != null);
        if (e.label != null) {
            out.writeUTF(e.label);
            out.writeInt(e.classes.length);
            for (String c : e.classes) out.writeUTF(c);
        }
        out.writeInt(e.excluded.length);
        for (String x : e.excluded) out.writeUTF(x);
    }

    /** Reads what {@link #write} wrote. */
    static FeatureEncoder read(DataInput in) throws IOException {
        int magic = in.readInt();
        if (magic != FeatureEncoder.MAGIC) {
            throw new IllegalArgumentException(String.format("not a feature encoder: magic 0x%08x, expected 0x%08x", magic, FeatureEncoder.MAGIC));
        }
        int version = in.readInt();
        if (version != FeatureEncoder.VERSION && version != 1) { // version 1: before logged columns (session 15)
            throw new IllegalArgumentException("feature encoder version " + version + ": expected 1 or " + FeatureEncoder.VERSION);
        }
        int m = count(in, "columns");
        String[] cols = new String[m];
        boolean[] cat = new boolean[m], ind = new boolean[m], log = new boolean[m];
        double[] med = new double[m], mu = new double[m], sc = new double[m];
        String[][] cats = new String[m][];
        for (int f = 0; f < m; f++) {
            cols[f] = in.readUTF();
            cat[f] = in.readBoolean();
            if (cat[f]) {
                cats[f] = new String[count(in, "categories")];
                for (int k = 0; k < cats[f].length; k++) cats[f][k] = in.readUTF();
            } else {
                med[f] = in.readDouble();
                mu[f] = in.readDouble();
                sc[f] = in.readDouble();
                if (!Double.isFinite(med[f]) || !Double.isFinite(mu[f]) || !Double.isFinite(sc[f])) {
                    throw new IllegalArgumentException("feature encoder: column " + cols[f] + " has a non-finite scale");
                }
                ind[f] = in.readBoolean();
                if (version >= 2) log[f] = in.readBoolean();
            }
        }
        String label = null;
        String[] cls = null;
        if (in.readBoolean()) {
            label = in.readUTF();
            cls = new String[count(in, "classes")];
            for (int k = 0; k < cls.length; k++) cls[k] = in.readUTF();
        }
        String[] excl = new String[count(in, "excluded columns")];
        for (int k = 0; k < excl.length; k++) excl[k] = in.readUTF();
        return new FeatureEncoder(cols, cat, med, mu, sc, ind, log, cats, label, cls, excl);
    }

    /** A count of items that take at least one byte each: bounded by the bytes left when the input knows them. */
    private static int count(DataInput in, String what) throws IOException {
        int v = in.readInt();
        if (v < 0) throw new IllegalArgumentException("feature encoder: " + v + " " + what + ": expected >= 0");
        if (in instanceof java.io.DataInputStream d && v > d.available()) {
            throw new IllegalArgumentException("feature encoder: " + v + " " + what + " do not fit in the " + d.available() + " bytes left");
        }
        return v;
    }
}
