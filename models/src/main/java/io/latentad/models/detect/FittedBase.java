package io.latentad.models.detect;

import io.latentad.models.common.Inputs;

/**
 * What every fitted detector here shares: the row width, the training scores, and the width and
 * finiteness check in front of {@link #score}. Subclasses are immutable once {@code fit} returns
 * them (the training scores are set exactly once, inside {@code fit}).
 */
abstract class FittedBase implements FittedDetector {
    private final String name;
    private final int d;
    private double[] trainingScores;

    FittedBase(String name, int d) {
        this.name = name;
        this.d = d;
    }

    final void setTrainingScores(double[] s) {
        if (trainingScores != null) throw new IllegalStateException("training scores already set");
        trainingScores = Inputs.requireFiniteScores(name, s);
    }

    @Override
    public final double[] trainingScores() {
        return trainingScores.clone();
    }

    @Override
    public final int dimension() {
        return d;
    }

    @Override
    public final double[] score(double[][] x) {
        Inputs.requireRows(name, x, d);
        return Inputs.requireFiniteScores(name, scoreRows(x));
    }

    /** Scores rows already checked for width and finiteness. */
    abstract double[] scoreRows(double[][] x);
}
