/**
 * A gradient-based MCMC reference for judging variational approximations offline: the No-U-Turn
 * sampler as Stan runs it and the convergence diagnostics its output needs.
 *
 * <ul>
 *   <li>{@link io.streamvi.model.mcmc.LogDensity}: an unnormalised log density on ℝ^d with its
 *       gradient — the models' exact log posteriors implement it.</li>
 *   <li>{@link io.streamvi.model.mcmc.Nuts}: NUTS with multinomial trajectory sampling and the
 *       generalised U-turn criterion (Hoffman &amp; Gelman 2014, "The No-U-Turn sampler", JMLR 15;
 *       Betancourt 2017, "A conceptual introduction to Hamiltonian Monte Carlo", arXiv:1701.02434),
 *       dual-averaging step size and a diagonal metric adapted in Stan's windowed warm-up.</li>
 *   <li>{@link io.streamvi.model.mcmc.ConvergenceDiagnostics}: rank-normalised split R̂, bulk and
 *       tail effective sample sizes and Monte Carlo standard errors (Vehtari, Gelman, Simpson,
 *       Carpenter &amp; Bürkner 2021, "Rank-normalization, folding, and localization: an improved
 *       R̂ for assessing convergence of MCMC", Bayesian Analysis 16(2)).</li>
 * </ul>
 *
 * <p>Every run is a pure function of (target, settings): each chain draws from its own
 * {@link java.util.SplittableRandom} split from the settings' seed, so a run reproduces bit for
 * bit, whether its chains ran one after another or in parallel.
 */
package io.streamvi.model.mcmc;
