package io.latentad.engine.nn;

import io.latentad.engine.autodiff.LstmOps;
import io.latentad.engine.autodiff.ShapeOps;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Shapes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LSTM layers stacked as PyTorch's {@code nn.LSTM(num_layers = L)}: layer {@code l + 1} reads the
 * output of layer {@code l} (both directions when bidirectional) with the same lengths. The last state
 * and the optional initial state are {@code [L D, batch, H]}, layer-major, forward before reverse;
 * parameters are named {@code weight_ih_l0}, {@code weight_ih_l0_reverse}, ... as there.
 */
public final class StackedLstm implements Recurrent {
    private final List<Recurrent> layers;

    /** {@code layers} layers of {@code hidden} units, each its own split of {@code rng}. */
    public StackedLstm(int inputs, int hidden, int layers, boolean bidirectional, Lstm.Options options, Rng rng) {
        if (layers < 1) throw new IllegalArgumentException("StackedLstm: layers = " + layers + ", expected >= 1");
        if (rng == null) throw new IllegalArgumentException("StackedLstm: rng is required");
        List<Recurrent> ls = new ArrayList<>();
        int in = inputs;
        for (int l = 0; l < layers; l++) {
            Recurrent r = bidirectional ? new BiLstm(in, hidden, options, rng.split()) : new Lstm(in, hidden, options, rng.split());
            ls.add(r);
            in = r.outputs();
        }
        this.layers = List.copyOf(ls);
    }

    /** From given layers; each must read what the one before writes. */
    public StackedLstm(List<Recurrent> layers) {
        if (layers == null || layers.isEmpty()) throw new IllegalArgumentException("StackedLstm: no layers");
        for (int l = 1; l < layers.size(); l++) {
            Recurrent a = layers.get(l - 1), b = layers.get(l);
            if (b.inputs() != a.outputs() || b.hidden() != a.hidden() || b.directions() != a.directions()) {
                throw new IllegalArgumentException("StackedLstm: layer " + l + " (" + b.inputs() + " -> " + b.outputs()
                        + ") does not fit after layer " + (l - 1) + " (" + a.inputs() + " -> " + a.outputs() + ")");
            }
        }
        this.layers = List.copyOf(layers);
    }

    @Override
    public LstmOps.Result forward(Var x, int[] lengths, Var h0, Var c0) {
        int per = directions();
        int[] want = {layers.size() * per, x == null ? 0 : x.value().dim(0), hidden()};
        for (Var s : new Var[] {h0, c0}) {
            if (s != null && !java.util.Arrays.equals(s.value().shape(), want)) {
                throw new IllegalArgumentException("StackedLstm: initial state has shape " + Shapes.str(s.value().shape())
                        + ", expected " + Shapes.str(want) + " (layers x directions, batch, hidden)");
            }
        }
        Var[] hs = new Var[layers.size()], cs = new Var[layers.size()];
        Var y = x;
        for (int l = 0; l < layers.size(); l++) {
            Var lh = h0 == null ? null : layers.size() == 1 ? h0 : ShapeOps.slice(h0, 0, l * per, (l + 1) * per);
            Var lc = c0 == null ? null : layers.size() == 1 ? c0 : ShapeOps.slice(c0, 0, l * per, (l + 1) * per);
            LstmOps.Result r = layers.get(l).forward(y, lengths, lh, lc);
            y = r.output();
            hs[l] = r.lastH();
            cs[l] = r.lastC();
        }
        if (layers.size() == 1) return new LstmOps.Result(y, hs[0], cs[0]);
        return new LstmOps.Result(y, ShapeOps.concat(0, hs), ShapeOps.concat(0, cs));
    }

    public List<Recurrent> layers() {
        return layers;
    }

    @Override
    public int inputs() {
        return layers.get(0).inputs();
    }

    @Override
    public int hidden() {
        return layers.get(0).hidden();
    }

    @Override
    public int directions() {
        return layers.get(0).directions();
    }

    @Override
    public void collectParameters(String prefix, Map<String, Var> out) {
        for (int l = 0; l < layers.size(); l++) {
            Recurrent r = layers.get(l);
            if (r instanceof Lstm s) s.collect(prefix, "_l" + l, out);
            else if (r instanceof BiLstm b) b.collect(prefix, "_l" + l, out);
            else r.collectParameters(prefix + l + ".", out);
        }
    }

    /** Every parameter by name, in PyTorch's order (unmodifiable). */
    public Map<String, Var> parameters() {
        Map<String, Var> out = new LinkedHashMap<>();
        collectParameters("", out);
        return Collections.unmodifiableMap(out);
    }
}
