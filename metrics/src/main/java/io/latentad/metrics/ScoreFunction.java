package io.latentad.metrics;

/**
 * Anything that scores rows: one double per row, <b>higher = more anomalous</b>. The metrics
 * module sees detectors only through this interface and {@link DetectorFactory}; it never imports
 * a model.
 */
@FunctionalInterface
public interface ScoreFunction {
    /** One score per row of {@code x}; higher = more anomalous. */
    double[] score(double[][] x);
}
