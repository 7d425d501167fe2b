package io.latentad.models.ae.net;

import io.latentad.engine.autodiff.Var;

import java.util.List;

/**
 * What an encoder made of one batch.
 *
 * @param hidden the activations of its hidden blocks in order (the sparse penalty reads the last,
 *               the contractive penalty the first); may be empty
 * @param mu     the code {@code [batch, latent]}: the point of a deterministic encoder, the mean of q(z|x)
 * @param logVar the log-variance of q(z|x) {@code [batch, latent]}, or null for a deterministic encoder
 */
public record Encoding(List<Var> hidden, Var mu, Var logVar) {
}
