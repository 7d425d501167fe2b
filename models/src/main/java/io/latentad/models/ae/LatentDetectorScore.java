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

    /** {@code key} names the detector and its params: a model fits each key once ({@link TrainedAutoencoder#latentDetector}). */
    public LatentDetectorScore(Detector detector, String key) {
        if (detector == null) throw new IllegalArgumentException("latent scorer: detector is null");
        this.detector = detector;
        this.key = key;
    }

    @Override
    public String name() {
        return "latent:" + detector.name();
    }

    @Override
    public double[] score(TrainedAutoencoder model, TrainedAutoencoder.Embedding e, double[][] x, int[] labels) {
        return model.latentDetector(key, detector::fit).score(e.codes().mu());
    }
}
