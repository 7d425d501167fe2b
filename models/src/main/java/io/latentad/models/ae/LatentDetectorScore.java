package io.latentad.models.ae;

import io.latentad.models.detect.Detector;

/**
 * {@code latent:DETECTOR}: a classical detector (any of {@code Detectors.create}) fitted on the
 * model's kept training codes and applied to the codes of new rows. The autoencoder supplies the
 * low-dimensional representation, the detector the density or boundary in it.
 */
public final class LatentDetectorScore implements AeScorer {
    private final Detector detector;

    public LatentDetectorScore(Detector detector) {
        if (detector == null) throw new IllegalArgumentException("latent scorer: detector is null");
        this.detector = detector;
    }

    @Override
    public String name() {
        return "latent:" + detector.name();
    }

    @Override
    public double[] score(TrainedAutoencoder model, double[][] x, int[] labels) {
        return detector.fit(model.trainingCodes().mu()).score(model.encode(x).mu());
    }
}
