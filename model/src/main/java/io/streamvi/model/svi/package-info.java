/**
 * The stochastic variational inference engine: the state value, the update contract
 * {@code (state, minibatch) → (state, diagnostics)}, effective data sizes and update modes.
 */
package io.streamvi.model.svi;
