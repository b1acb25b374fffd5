/** Conjugate-exponential families and the engine that runs them in exact or SVI mode. */
package io.streamvi.model.conjugate;
