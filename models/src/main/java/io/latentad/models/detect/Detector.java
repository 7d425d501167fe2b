package io.latentad.models.detect;

import io.latentad.metrics.DetectorFactory;

/**
 * The common detector contract (see DESIGN.md): an unfitted detector holds validated options
 * (with a seed where it is random); {@link #fit} returns an immutable {@link FittedDetector}.
 * Bad input (NaN, empty data, wrong width, k &gt; n) throws {@link IllegalArgumentException}
 * naming the value and what was expected.
 */
public interface Detector extends DetectorFactory {
    /** Fits on the rows of {@code x} (n x d, n &gt;= 1, all finite). */
    @Override
    FittedDetector fit(double[][] x);

    /** The CLI name ({@code iforest}, {@code lof}, ...). */
    String name();
}
