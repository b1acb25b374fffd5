package io.streamvi.model.posterior;

/**
 * Marginal summary of one scalar parameter under the variational distribution.
 *
 * @param name parameter name, e.g. {@code theta} or {@code w[3]}
 * @param mean posterior mean
 * @param sd posterior standard deviation
 * @param lower95 the 2.5% quantile (central 95% credible interval)
 * @param median the 50% quantile
 * @param upper95 the 97.5% quantile
 */
public record ParameterSummary(String name, double mean, double sd, double lower95, double median, double upper95) {
}
