package io.latentad.engine.nn;

import io.latentad.engine.autodiff.LstmOps;
import io.latentad.engine.autodiff.Var;

/**
 * A recurrent layer on a padded sequence batch {@code x [batch, steps, inputs]} with a length per
 * sequence (layout and semantics as {@link LstmOps#lstm}): {@link Lstm} (one direction) and
 * {@link BiLstm}; {@link StackedLstm} stacks them.
 */
public interface Recurrent extends Layer {
    /**
     * Every step's hidden state {@code [batch, steps, outputs()]} (zero past each sequence's end) and
     * the last state {@code [directions(), batch, hidden()]}. {@code lengths}, {@code h0}, {@code c0}
     * may be null (all {@code steps}; zero initial state).
     */
    LstmOps.Result forward(Var x, int[] lengths, Var h0, Var c0);

    /** The hidden states of every step, all sequences of full length, zero initial state. */
    @Override
    default Var forward(Var x) {
        return forward(x, null, null, null).output();
    }

    int inputs();

    int hidden();

    int directions();

    /** Features per step of the output: {@code directions() * hidden()}. */
    default int outputs() {
        return directions() * hidden();
    }
}
