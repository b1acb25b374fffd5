package io.streamvi.model.evaluation;

/**
 * One parameter of a variational posterior q against MCMC draws from the exact posterior.
 *
 * @param name the parameter's name
 * @param viMean mean of q's draws
 * @param viSd sd of q's draws
 * @param mcmcMean mean of the MCMC draws
 * @param mcmcSd sd of the MCMC draws
 * @param meanErrorInSds (viMean − mcmcMean) / mcmcSd: the bias in posterior sds
 * @param sdRatio viSd / mcmcSd: below 1, q under-states the uncertainty
 * @param viLower q's 2.5% quantile
 * @param viUpper q's 97.5% quantile
 * @param mcmcLower the MCMC 2.5% quantile
 * @param mcmcUpper the MCMC 97.5% quantile
 * @param intervalOverlap the overlap of the two central 95% intervals (Karr et al. 2006): 1 when
 *        they coincide, 0 when disjoint
 */
public record ParameterComparison(String name, double viMean, double viSd, double mcmcMean, double mcmcSd,
        double meanErrorInSds, double sdRatio, double viLower, double viUpper, double mcmcLower, double mcmcUpper,
        double intervalOverlap) {
}
