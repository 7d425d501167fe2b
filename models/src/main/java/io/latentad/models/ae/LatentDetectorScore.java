package io.latentad.models.ae;

import io.latentad.models.detect.Detector;

/**
 * {@code latent:DETECTOR}: a classical detector (any of {@code Detectors.create}) fitted on the
 * model's kept training codes (once per model) and applied to the codes of new rows. The autoencoder supplies the
 * low-dimensional representation, the detector the density or boundary in it.
 */
public final class LatentDetectorScore implements AeScorer {
    private final Detector detector;
    private final String key;
    private final String name;

    /** {@code key} names the detector and its params: a model fits each key once ({@link TrainedAutoencoder#latentDetector}). */
    public LatentDetectorScore(Detector detector, String key) {
        this(detector, key, "latent:" + detector.name());
    }

    /** The same under another CLI name (the {@code cluster} scorer is {@code latent:cblof}). */
    LatentDetectorScore(Detector detector, String key, String name) {
        if (detector == null) throw new IllegalArgumentException("latent scorer: detector is null");
        this.detector = detector;
        this.key = key;
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double[] score(TrainedAutoencoder model, TrainedAutoencoder.Embedding e, double[][] x, int[] labels) {
        return model.latentDetector(key, detector::fit).score(e.codes().mu());
    }
}
