package io.latentad.engine.nn;

import io.latentad.engine.autodiff.Var;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Layers applied in order. Parameters are named {@code <index>.<name>} (e.g. {@code 0.weight}),
 * in layer order, as PyTorch's {@code nn.Sequential} names them.
 */
public final class Sequential implements Layer {
    private final List<Layer> layers;

    public Sequential(List<Layer> layers) {
        if (layers == null || layers.isEmpty()) throw new IllegalArgumentException("Sequential: no layers");
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) == null) throw new IllegalArgumentException("Sequential: layer " + i + " is null");
        }
        this.layers = List.copyOf(layers);
    }

    public Sequential(Layer... layers) {
        this(List.of(layers));
    }

    @Override
    public Var forward(Var x) {
        for (Layer l : layers) x = l.forward(x);
        return x;
    }

    public List<Layer> layers() {
        return layers;
    }

    @Override
    public void collectParameters(String prefix, Map<String, Var> out) {
        for (int i = 0; i < layers.size(); i++) layers.get(i).collectParameters(prefix + i + ".", out);
    }

    /** Every parameter by name, in layer order (unmodifiable). */
    public Map<String, Var> parameters() {
        Map<String, Var> out = new LinkedHashMap<>();
        collectParameters("", out);
        return Collections.unmodifiableMap(out);
    }

    /** The parameters in layer order (for optimizers). */
    public List<Var> parameterList() {
        return new ArrayList<>(parameters().values());
    }

    @Override
    public void setTraining(boolean training) {
        for (Layer l : layers) l.setTraining(training);
    }
}
