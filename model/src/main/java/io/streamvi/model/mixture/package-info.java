/**
 * Bayesian Gaussian mixtures fitted by stochastic variational inference (Hoffman, Blei, Wang and
 * Paisley 2013, Algorithm 1) with the mean-field family of Bishop (2006), §10.2: a Dirichlet over
 * the weights and, per component, a Normal-Wishart (full covariance) or a Normal-Gamma per
 * dimension (diagonal covariance).
 *
 * <p>{@link io.streamvi.model.mixture.GaussianMixtureModel} is the engine; the per-component
 * mathematics lives in {@code NormalWishart} and {@code NormalGamma}, the weights in
 * {@code DirichletWeights}, the posterior predictive in {@code MixturePredictive} and the
 * seeding in {@code KMeansPlusPlus}.
 */
package io.streamvi.model.mixture;
