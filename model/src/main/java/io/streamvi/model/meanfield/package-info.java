/**
 * Mean-field (factorised) variational families fitted by coordinate ascent (CAVI) on exact
 * statistics or by stochastic natural-gradient steps (SVI).
 */
package io.streamvi.model.meanfield;
