package io.latentad.models.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code score}: registered so that scripts get a clear answer; not implemented in this build. */
@Command(name = "score", mixinStandardHelpOptions = true, description = "Score rows with a saved model. (not available yet)")
final class ScoreCommand implements Callable<Integer> {
    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        throw new IllegalArgumentException("not available yet in this build (coming with the autoencoder pipeline)");
    }
}
