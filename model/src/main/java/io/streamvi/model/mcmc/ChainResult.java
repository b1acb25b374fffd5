package io.streamvi.model.mcmc;

/**
 * One chain's kept iterations and what the sampler did to produce them.
 *
 * @param chain the chain's index in the run
 * @param draws the kept draws, {@code draws[iteration][coordinate]}
 * @param stepSize ε after the warm-up
 * @param inverseMetric the adapted diagonal M⁻¹ (ones without metric adaptation)
 * @param treeDepth per kept iteration, the number of trajectory doublings
 * @param leapfrogSteps per kept iteration, the leapfrog steps taken (gradient evaluations)
 * @param divergent per kept iteration, whether the trajectory diverged (energy error above the
 *        settings' maximum, or a non-finite density)
 * @param acceptStat per kept iteration, the mean Metropolis acceptance probability over the
 *        trajectory (what dual averaging targets)
 * @param energy per kept iteration, the Hamiltonian H = V + K at the chosen state
 * @param warmupDivergences divergent iterations during the warm-up (expected early on, not counted
 *        against the draws)
 * @param maxTreeDepth the settings' maximum depth, for {@link #maxTreeDepthHits()}
 */
public record ChainResult(int chain, double[][] draws, double stepSize, double[] inverseMetric, int[] treeDepth,
        int[] leapfrogSteps, boolean[] divergent, double[] acceptStat, double[] energy, int warmupDivergences,
        int maxTreeDepth) {

    /** Divergent kept iterations: any is a warning that the draws may be biased. */
    public int divergences() {
        int n = 0;
        for (boolean b : divergent) {
            n += b ? 1 : 0;
        }
        return n;
    }

    /** Kept iterations that stopped at the maximum tree depth rather than at a U-turn. */
    public int maxTreeDepthHits() {
        int n = 0;
        for (int d : treeDepth) {
            n += d >= maxTreeDepth ? 1 : 0;
        }
        return n;
    }

    public double meanAcceptStat() {
        double s = 0;
        for (double a : acceptStat) {
            s += a;
        }
        return s / acceptStat.length;
    }

    public double meanTreeDepth() {
        double s = 0;
        for (int d : treeDepth) {
            s += d;
        }
        return s / treeDepth.length;
    }

    public long totalLeapfrogSteps() {
        long s = 0;
        for (int n : leapfrogSteps) {
            s += n;
        }
        return s;
    }

    /**
     * The energy Bayesian fraction of missing information, Σ(E_n − E_{n−1})² / Σ(E_n − Ē)²
     * (Betancourt 2016, "Diagnosing suboptimal cotangent disintegrations in Hamiltonian Monte
     * Carlo", arXiv:1604.00695); below 0.3 the momentum resampling explores the energy poorly.
     */
    public double eBfmi() {
        double mean = 0;
        for (double e : energy) {
            mean += e;
        }
        mean /= energy.length;
        double num = 0;
        double den = 0;
        for (int i = 0; i < energy.length; i++) {
            if (i > 0) {
                double d = energy[i] - energy[i - 1];
                num += d * d;
            }
            double c = energy[i] - mean;
            den += c * c;
        }
        return num / den;
    }
}
