package io.latentad.models.ae;

import io.latentad.engine.autodiff.Var;
import io.latentad.engine.tensor.Tensor;
import io.latentad.models.ae.net.Network;
import io.latentad.models.io.AtomicFile;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A bench aid: the gmvae's pre-trained network weights kept on disk, so that experiments on the joint
 * training of one seed need not repeat the pre-training (30 epochs of MNIST are ~90% of a one-epoch run).
 * On only when the system property {@code latentad.pretrainCache} names a directory; the file name is a
 * hash of everything the pre-training depends on (network spec, data, pre-training options, seed), and a
 * loaded network holds the same floats as the one it saved, so a run with the cache gives the same bits
 * as one without (GaussianMixtureVaeTest checks it). Not for production use: the data are identified by a
 * checksum of their values, not compared.
 */
final class PretrainCache {
    /** The system property naming the cache directory. */
    static final String PROPERTY = "latentad.pretrainCache";

    private final Network net;
    private final Path file;

    private PretrainCache(Network net, Path file) {
        this.net = net;
        this.file = file;
    }

    /** The cache for this pre-training, or null when the property is not set. */
    static PretrainCache fromProperty(Network net, double[][] x, TrainingOptions p, double noise) {
        String dir = System.getProperty(PROPERTY);
        if (dir == null || dir.isBlank()) return null;
        long h = 1125899906842597L;
        h = mix(h, net.spec().toParams().toString().hashCode());
        for (Map.Entry<String, Var> e : net.parameters().entrySet()) h = mix(h, e.getKey().hashCode() * 31L + java.util.Arrays.hashCode(e.getValue().value().shape()));
        h = mix(h, p.toString().hashCode());
        h = mix(h, Double.hashCode(noise));
        h = mix(h, x.length);
        for (double[] row : x) {
            h = mix(h, row.length);
            for (double v : row) h = mix(h, Double.hashCode(v));
        }
        return new PretrainCache(net, Path.of(dir).resolve(String.format("gmvae-pretrain-%016x.bin", h)));
    }

    private static long mix(long h, long v) {
        return 31 * h + v;
    }

    /** Loads the weights into the network; false (and nothing changed) when no file is cached. */
    boolean load() {
        if (!Files.exists(file)) return false;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            Map<String, Var> params = net.parameters();
            int count = in.readInt();
            if (count != params.size()) throw new IOException("cached " + count + " parameters, the network has " + params.size());
            for (Map.Entry<String, Var> e : params.entrySet()) {
                String name = in.readUTF();
                Tensor t = e.getValue().value();
                int n = in.readInt();
                if (!name.equals(e.getKey()) || n != t.size()) throw new IOException("cached " + name + " [" + n + "] does not fit " + e.getKey());
                for (int i = 0; i < n; i++) t.setAt(i, in.readFloat());
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("pre-training cache " + file, e);
        }
    }

    /** Writes the network's weights (atomically, through {@link AtomicFile}). */
    void save() {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("pre-training cache " + file, e);
        }
        AtomicFile.write(file, tmp -> {
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                Map<String, Var> params = net.parameters();
                out.writeInt(params.size());
                for (Map.Entry<String, Var> e : params.entrySet()) {
                    Tensor t = e.getValue().value();
                    out.writeUTF(e.getKey());
                    out.writeInt(t.size());
                    for (int i = 0; i < t.size(); i++) out.writeFloat(t.at(i));
                }
            }
        });
    }
}
