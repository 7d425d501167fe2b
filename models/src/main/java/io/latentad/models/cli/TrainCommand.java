package io.latentad.models.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code train}: registered so that scripts get a clear answer; not implemented in this build. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train an autoencoder and save it. (not available yet)")
final class TrainCommand implements Callable<Integer> {
    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        throw new IllegalArgumentException("not available yet in this build (coming with the autoencoder pipeline)");
    }
}
