package io.streamvi.model.mcmc;

import io.streamvi.model.InvalidParameterException;

/**
 * How {@link Nuts} runs: chains, warm-up and kept iterations per chain, the seed, and Stan's
 * sampler settings. {@link #of} gives Stan's defaults (CmdStan 2.x {@code sample}
 * {@code adapt delta=0.8}, {@code max_depth=10}, initial step size 1, inits uniform on (−2, 2)).
 *
 * @param chains number of chains, each with its own random stream split from {@code seed}
 * @param warmup adaptation iterations per chain (discarded); below 20 only the step size adapts,
 *        and with 0 the chain runs with ε = {@code initialStepSize} and M = I
 * @param draws kept iterations per chain
 * @param seed the run's seed: the same seed, settings and target give the same draws
 * @param targetAccept δ, the mean acceptance statistic dual averaging aims at (Stan's adapt_delta)
 * @param maxTreeDepth the largest number of trajectory doublings (2^depth leapfrog steps)
 * @param maxEnergyError a leapfrog step whose energy exceeds the initial one by more than this is
 *        a divergence (Stan: 1000)
 * @param initialStepSize ε before the warm-up's heuristic search
 * @param initRadius inits are drawn uniformly from (−r, r) in every coordinate
 * @param parallelChains run chains on the common fork-join pool; the draws do not depend on it
 */
public record NutsSettings(int chains, int warmup, int draws, long seed, double targetAccept, int maxTreeDepth,
        double maxEnergyError, double initialStepSize, double initRadius, boolean parallelChains) {

    public NutsSettings {
        if (chains < 1) {
            throw new InvalidParameterException("chains", chains, "must be >= 1");
        }
        if (warmup < 0) {
            throw new InvalidParameterException("warmup", warmup, "must be >= 0");
        }
        if (draws < 1) {
            throw new InvalidParameterException("draws", draws, "must be >= 1");
        }
        if (!(targetAccept > 0 && targetAccept < 1)) {
            throw new InvalidParameterException("targetAccept", targetAccept, "must be in (0, 1)");
        }
        if (maxTreeDepth < 1 || maxTreeDepth > 30) {
            throw new InvalidParameterException("maxTreeDepth", maxTreeDepth, "must be in [1, 30]");
        }
        InvalidParameterException.requirePositive("maxEnergyError", maxEnergyError);
        InvalidParameterException.requirePositive("initialStepSize", initialStepSize);
        InvalidParameterException.requireNonNegative("initRadius", initRadius);
    }

    /** Stan's defaults for the given run length: δ = 0.8, depth 10, energy error 1000, ε0 = 1, inits on (−2, 2). */
    public static NutsSettings of(int chains, int warmup, int draws, long seed) {
        return new NutsSettings(chains, warmup, draws, seed, 0.8, 10, 1000, 1, 2, false);
    }

    public NutsSettings withParallelChains(boolean parallel) {
        return new NutsSettings(chains, warmup, draws, seed, targetAccept, maxTreeDepth, maxEnergyError,
                initialStepSize, initRadius, parallel);
    }

    public NutsSettings withTargetAccept(double delta) {
        return new NutsSettings(chains, warmup, draws, seed, delta, maxTreeDepth, maxEnergyError, initialStepSize,
                initRadius, parallelChains);
    }

    public NutsSettings withMaxTreeDepth(int depth) {
        return new NutsSettings(chains, warmup, draws, seed, targetAccept, depth, maxEnergyError, initialStepSize,
                initRadius, parallelChains);
    }
}
