package io.streamvi.model.mcmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamvi.model.DevData;
import io.streamvi.model.bbvi.StandardNormalDraws;
import io.streamvi.model.conjugate.NormalGamma;
import io.streamvi.model.conjugate.NormalGammaLogPosterior;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.observation.RealValue;
import io.streamvi.model.posterior.ParameterSummary;
import io.streamvi.model.regression.Design;
import io.streamvi.model.regression.NormalGammaRegressionLogPosterior;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;

/**
 * NUTS against a closed-form posterior: the Normal model with unknown mean and precision under
 * its conjugate Normal-Gamma prior, sampled on (μ, ln τ). The exact marginals come from the
 * project's conjugate {@link NormalGamma} (exact mode): μ ~ Student-t(2a_n, μ_n, √(b_n/(a_n κ_n)))
 * with sd √(b_n/(κ_n (a_n − 1))), and ln τ with τ ~ Gamma(a_n, b_n): mean ψ(a_n) − ln b_n, sd
 * √ψ'(a_n). Tolerance: |estimate − exact| &lt; 4 MCSE for both means and both sds (MCSE of the sd by
 * the delta method), each a 4-standard-error band.
 */
class NutsConjugateTest {

    @Test
    void normalGammaPosteriorWithinMonteCarloError() {
        double mu0 = 0;
        double kappa0 = 1;
        double a0 = 2;
        double b0 = 1;
        double[] eps = new double[20];
        StandardNormalDraws.fill(new SplittableRandom(7), eps);
        List<Observation> data = new ArrayList<>();
        for (double e : eps) {
            data.add(new RealValue(5 + 1.5 * e));
        }

        NormalGamma family = new NormalGamma(mu0, kappa0, a0, b0);
        double[] lambda = family.prior();
        double[] stats = new double[family.dimension() + 1];
        for (Observation o : data) {
            family.addStatistics(o, stats);
        }
        for (int i = 0; i < lambda.length; i++) {
            lambda[i] += stats[i];
        }
        double[] exact = family.standard(lambda); // (μ_n, κ_n, a_n, b_n)
        ParameterSummary muExact = family.posterior(lambda).summaries().get(0);
        double an = exact[2];
        double bn = exact[3];
        double logTauMean = Gamma.digamma(an) - Math.log(bn);
        double logTauSd = Math.sqrt(Gamma.trigamma(an));

        NutsResult run = Nuts.sample(new NormalGammaLogPosterior(mu0, kappa0, a0, b0, data),
                NutsSettings.of(4, 1000, 2500, 11L));
        DrawsSummary mu = run.summaries().get(0);
        DrawsSummary logTau = run.summaries().get(1);
        System.out.printf("Normal-Gamma: mu %.4f (exact %.4f, MCSE %.4f) sd %.4f (exact %.4f, MCSE %.4f);"
                + " log tau %.4f (exact %.4f, MCSE %.4f) sd %.4f (exact %.4f, MCSE %.4f); ESS bulk %.0f / %.0f%n",
                mu.mean(), muExact.mean(), mu.mcseMean(), mu.sd(), muExact.sd(), mu.mcseSd(),
                logTau.mean(), logTauMean, logTau.mcseMean(), logTau.sd(), logTauSd, logTau.mcseSd(),
                mu.essBulk(), logTau.essBulk());

        assertEquals(muExact.mean(), mu.mean(), 4 * mu.mcseMean());
        assertEquals(muExact.sd(), mu.sd(), 4 * mu.mcseSd());
        assertEquals(logTauMean, logTau.mean(), 4 * logTau.mcseMean());
        assertEquals(logTauSd, logTau.sd(), 4 * logTau.mcseSd());
        assertEquals(0, run.divergences());
        assertTrue(mu.rhat() < 1.01 && logTau.rhat() < 1.01, mu.rhat() + " " + logTau.rhat());
        assertTrue(mu.essBulk() > 2000 && logTau.essBulk() > 2000, "ESS " + mu.essBulk() + " " + logTau.essBulk());
        // the tails too: the exact Student-t 5% and 95% quantiles lie in the draws' 3%–7% and 93%–97% bands
        double[] all = ConvergenceDiagnostics.pooled(run.parameter(0));
        double scale = Math.sqrt(bn / (an * exact[1]));
        double t95 = new org.hipparchus.distribution.continuous.TDistribution(2 * an).inverseCumulativeProbability(0.95);
        assertTrue(ConvergenceDiagnostics.quantile(all, 0.93) < exact[0] + scale * t95
                && exact[0] + scale * t95 < ConvergenceDiagnostics.quantile(all, 0.97));
        assertTrue(ConvergenceDiagnostics.quantile(all, 0.03) < exact[0] - scale * t95
                && exact[0] - scale * t95 < ConvergenceDiagnostics.quantile(all, 0.07));
    }

    /**
     * Linear regression with unknown noise on the diabetes dev case (n = 442, p = 11, τ ~ Gamma(2, 1),
     * w | τ ~ N(0, (τI)⁻¹)), sampled on (w, ln τ): the coefficients' means and sds and τ's against
     * the reference's closed-form Normal-Gamma posterior (β Student-t marginals; the serum
     * predictors s1–s5 strongly correlated, sds 0.1–0.23 against 0.04 for the others), each within
     * 4 MCSE.
     */
    @Test
    void normalGammaRegressionPosteriorOfDiabetes() {
        List<Observation> data = DevData.regressionEvents("/dev/b_linreg_diabetes/events.jsonl");
        JsonNode exact = DevData.reference("/dev/b_linreg_diabetes/reference.json").at("/unknown_noise/exact_posterior");
        NormalGammaRegressionLogPosterior target = new NormalGammaRegressionLogPosterior(new Design(10, true), 2, 1,
                new double[] {0}, new double[] {1}, data);
        long start = System.nanoTime();
        NutsResult run = Nuts.sample(target, NutsSettings.of(4, 500, 1000, 23L).withParallelChains(true));
        double seconds = (System.nanoTime() - start) / 1e9;
        double worst = 0;
        for (int j = 0; j < 11; j++) {
            DrawsSummary s = run.summaries().get(j);
            double mean = exact.get("beta_mean").get(j).asDouble();
            double sd = exact.get("beta_sd").get(j).asDouble();
            assertEquals(mean, s.mean(), 4 * s.mcseMean(), s.name() + " mean");
            assertEquals(sd, s.sd(), 4 * s.mcseSd(), s.name() + " sd");
            assertTrue(s.rhat() < 1.01, s.name() + " R-hat " + s.rhat());
            worst = Math.max(worst, Math.max(Math.abs(s.mean() - mean) / s.mcseMean(), Math.abs(s.sd() - sd) / s.mcseSd()));
        }
        double[][] tau = run.parameter(11);
        for (double[] chain : tau) {
            for (int i = 0; i < chain.length; i++) {
                chain[i] = Math.exp(chain[i]);
            }
        }
        DrawsSummary t = ConvergenceDiagnostics.summarise("tau", tau);
        assertEquals(exact.get("tau_mean").asDouble(), t.mean(), 4 * t.mcseMean(), "E[tau]");
        assertEquals(exact.get("tau_sd").asDouble(), t.sd(), 4 * t.mcseSd(), "sd[tau]");
        worst = Math.max(worst, Math.abs(t.mean() - exact.get("tau_mean").asDouble()) / t.mcseMean());
        assertEquals(0, run.divergences());
        System.out.printf("diabetes Normal-Gamma regression NUTS 4x(500+1000): %.2f s, worst %.2f MCSE, mean depth %.2f%n",
                seconds, worst, run.chains().stream().mapToDouble(ChainResult::meanTreeDepth).average().orElseThrow());
    }
}
