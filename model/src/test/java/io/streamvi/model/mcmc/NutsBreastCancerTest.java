package io.streamvi.model.mcmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamvi.model.DevData;
import io.streamvi.model.glm.GlmLogPosterior;
import io.streamvi.model.glm.LogisticLikelihood;
import io.streamvi.model.regression.Design;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * NUTS on the exact log posterior of the dev case a_logreg_breast_cancer (n = 569, 30
 * standardised features + intercept, b0 ~ N(0, 5²), w_j ~ N(0, 1)) against the case's Stan NUTS
 * reference (rstan 2.21.7, 4 chains × 1000 warm-up + 1000 draws, δ = 0.8, depth 10), whose JSON
 * gives per coefficient the mean, sd and n_eff.
 *
 * <p>Tolerances, per coefficient, from the Monte Carlo errors of both runs: the means must agree
 * within 4 √(MCSE_ours² + MCSE_ref²) with MCSE_ref = sd_ref/√n_eff; the sds within
 * 4 √(MCSE_sd,ours² + MCSE_sd,ref²) with MCSE_sd,ref = sd_ref/√(2 n_eff) (the sd's standard error
 * for a near-normal marginal). At 4 standard errors the chance that any of the 31 coefficients
 * fails by Monte Carlo error alone is about 31 × 6e-5 ≈ 0.2%.
 */
class NutsBreastCancerTest {

    @Test
    void reproducesStanNutsReferenceWithinMonteCarloError() {
        List<io.streamvi.model.observation.Observation> data =
                DevData.regressionEvents("/dev/a_logreg_breast_cancer/events.jsonl");
        JsonNode post = DevData.reference("/dev/a_logreg_breast_cancer/reference.json").at("/reference/posterior");
        GlmLogPosterior target = new GlmLogPosterior(new LogisticLikelihood(), new Design(30, true), 1.0, 5.0, data);

        long start = System.nanoTime();
        NutsResult run = Nuts.sample(target, NutsSettings.of(4, 500, 500, 20240607L).withParallelChains(true));
        double seconds = (System.nanoTime() - start) / 1e9;

        double worstMeanZ = 0;
        double worstSdZ = 0;
        double worstRelSd = 0;
        double worstRhat = 0;
        double minEss = Double.POSITIVE_INFINITY;
        List<DrawsSummary> summaries = run.summaries();
        for (int j = 0; j < 31; j++) {
            DrawsSummary s = summaries.get(j);
            double refMean = post.get("mean").get(j).asDouble();
            double refSd = post.get("sd").get(j).asDouble();
            double refEss = post.get("n_eff").get(j).asDouble();
            double meanTol = Math.sqrt(s.mcseMean() * s.mcseMean() + refSd * refSd / refEss);
            double sdTol = Math.sqrt(s.mcseSd() * s.mcseSd() + refSd * refSd / (2 * refEss));
            double meanZ = Math.abs(s.mean() - refMean) / meanTol;
            double sdZ = Math.abs(s.sd() - refSd) / sdTol;
            assertTrue(meanZ < 4, s.name() + ": mean " + s.mean() + " vs Stan " + refMean + " (" + meanZ + " combined MCSE)");
            assertTrue(sdZ < 4, s.name() + ": sd " + s.sd() + " vs Stan " + refSd + " (" + sdZ + " combined MCSE)");
            worstMeanZ = Math.max(worstMeanZ, meanZ);
            worstSdZ = Math.max(worstSdZ, sdZ);
            worstRelSd = Math.max(worstRelSd, Math.abs(s.sd() / refSd - 1));
            worstRhat = Math.max(worstRhat, s.rhat());
            minEss = Math.min(minEss, Math.min(s.essBulk(), s.essTail()));
        }
        System.out.printf("breast cancer NUTS 4x(500+500): %.2f s, step sizes %s, mean depth %.2f, leapfrogs %d,"
                + " divergences %d, max depth hits %d; worst mean %.2f MCSE, worst sd %.2f MCSE (%.1f%% relative),"
                + " max R-hat %.4f, min ESS %.0f%n", seconds,
                run.chains().stream().map(c -> String.format("%.3f", c.stepSize())).toList(),
                run.chains().stream().mapToDouble(ChainResult::meanTreeDepth).average().orElseThrow(),
                run.leapfrogSteps(), run.divergences(), run.maxTreeDepthHits(), worstMeanZ, worstSdZ, 100 * worstRelSd,
                worstRhat, minEss);
        assertEquals(0, run.divergences(), "Stan's reference run had no divergences either");
        assertEquals(0, run.maxTreeDepthHits());
        assertTrue(worstRhat < 1.01, "R-hat " + worstRhat);
        assertTrue(minEss > 400, "ESS " + minEss);
    }
}
