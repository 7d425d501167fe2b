/**
 * What the detectors, the clusterings and the autoencoders share without depending on each other:
 * input checks ({@link io.latentad.models.common.Inputs}) and {@code --param} reading
 * ({@link io.latentad.models.common.Params}).
 */
package io.latentad.models.common;
