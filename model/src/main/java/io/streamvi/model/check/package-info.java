/**
 * Posterior predictive checks (Gelman, Meng and Stern 1996; Gelman et al. 2013, BDA3 §6.3): draw
 * replicated data sets from the posterior predictive of the fitted q, compare test statistics of
 * the replications with those of the observed data, and report Bayesian p-values.
 */
package io.streamvi.model.check;
