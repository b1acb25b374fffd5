package io.streamvi.model.evaluation;

import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.mcmc.DrawsSummary;
import io.streamvi.model.mcmc.LogDensity;
import io.streamvi.model.mcmc.Nuts;
import io.streamvi.model.mcmc.NutsResult;
import io.streamvi.model.mcmc.NutsSettings;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.svi.VariationalState;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A variational posterior against MCMC on the same data (Yao, Vehtari, Simpson and Gelman 2018,
 * "Yes, but did it work?"): NUTS on the exact log posterior, with R̂ and ESS per parameter; per
 * parameter the VI mean error in MCMC sds, the sd ratio and the overlap of the 95% intervals;
 * PSIS k̂ of q against the exact posterior; and, given held-out observations, the log pointwise
 * predictive density of each (BDA3 §7.1): lpd = Σ_i ln( (1/S) Σ_s p(y_i | θ_s) ).
 */
public final class Evaluation {

    /** Everything an evaluation found; the draws are kept for plots. */
    public record Result(List<ParameterComparison> comparisons, List<DrawsSummary> mcmc, int divergences,
            int maxTreeDepthHits, PsisResult psis, double heldOutLpdVi, double heldOutLpdMcmc, int heldOut,
            double[][] viDraws, double[][] mcmcDraws) {
    }

    private Evaluation() {
    }

    /**
     * @param model the fitted model
     * @param state its state after the data
     * @param data every observation the state saw (the exact posterior's data)
     * @param heldOut observations not fitted, for the predictive density (may be empty)
     * @param settings NUTS settings
     * @param viDraws draws from q for the comparison and PSIS (≥ 100)
     */
    public static Result run(Evaluable model, VariationalState state, List<? extends Observation> data,
            List<? extends Observation> heldOut, NutsSettings settings, int viDraws) {
        String unsupported = model.evaluationUnsupported();
        if (unsupported != null) {
            throw new InvalidParameterException("model", "evaluate", unsupported);
        }
        if (viDraws < 100) {
            throw new InvalidParameterException("viDraws", viDraws, "must be >= 100");
        }
        LogDensity target = model.logPosterior(data);
        NutsResult nuts = Nuts.sample(target, settings);
        double[][] mcmc = nuts.pooledDraws();
        GaussianApproximation q = model.approximation(state);
        double[][] vi = q.sample(viDraws, new SplittableRandom(settings.seed() ^ 0x5649L));
        List<String> names = new ArrayList<>(target.dimension());
        for (int i = 0; i < target.dimension(); i++) {
            names.add(target.parameterName(i));
        }
        PsisResult psis = Psis.smooth(Psis.logRatios(target, vi, q::logDensity));
        double lpdVi = 0;
        double lpdMcmc = 0;
        for (Observation y : heldOut) {
            lpdVi += logMeanExp(model, y, vi);
            lpdMcmc += logMeanExp(model, y, mcmc);
        }
        return new Result(PosteriorComparison.compare(names, vi, mcmc), nuts.summaries(), nuts.divergences(),
                nuts.maxTreeDepthHits(), psis, lpdVi, lpdMcmc, heldOut.size(), vi, mcmc);
    }

    /** ln (1/S) Σ_s p(y | θ_s), computed stably. */
    static double logMeanExp(Evaluable model, Observation y, double[][] draws) {
        double[] l = new double[draws.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < draws.length; s++) {
            l[s] = model.logLikelihood(y, draws[s]);
            max = Math.max(max, l[s]);
        }
        double sum = 0;
        for (double v : l) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum / draws.length);
    }
}
