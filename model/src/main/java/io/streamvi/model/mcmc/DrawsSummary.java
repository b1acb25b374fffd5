package io.streamvi.model.mcmc;

/**
 * One parameter's MCMC summary over all chains, the columns of Stan's and the {@code posterior}
 * R package's default summary.
 *
 * @param name the parameter's name
 * @param mean the mean of all draws
 * @param sd their standard deviation (divisor S − 1)
 * @param mcseMean Monte Carlo standard error of the mean, sd / √ESS_mean
 * @param mcseSd Monte Carlo standard error of the sd (delta method)
 * @param q05 the 5% quantile
 * @param median the 50% quantile
 * @param q95 the 95% quantile
 * @param rhat rank-normalised split R̂, the larger of bulk and tail (folded) R̂
 * @param essBulk bulk effective sample size (rank-normalised split chains)
 * @param essTail tail effective sample size (the smaller of the 5% and 95% quantile ESS)
 */
public record DrawsSummary(String name, double mean, double sd, double mcseMean, double mcseSd, double q05,
        double median, double q95, double rhat, double essBulk, double essTail) {
}
