/**
 * Is the variational posterior good enough? Offline comparisons of an approximation q with the
 * exact posterior: Pareto-smoothed importance sampling and its k̂ diagnostic (Vehtari, Simpson,
 * Gelman, Yao &amp; Gabry 2024, "Pareto smoothed importance sampling", JMLR 25; Yao, Vehtari,
 * Simpson &amp; Gelman 2018, "Yes, but did it work?: evaluating variational inference", ICML), and
 * per-parameter comparisons of q's draws with MCMC draws from {@link io.streamvi.model.mcmc.Nuts}.
 */
package io.streamvi.model.evaluation;
