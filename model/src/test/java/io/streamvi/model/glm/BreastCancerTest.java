package io.streamvi.model.glm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamvi.model.DevData;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.posterior.Posterior;
import io.streamvi.model.regression.Design;
import io.streamvi.model.schedule.RobbinsMonroSchedule;
import io.streamvi.model.svi.EffectiveDataSize;
import io.streamvi.model.svi.StreamingModel;
import io.streamvi.model.svi.VariationalState;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dev case a_logreg_breast_cancer (n = 569, 30 standardized features + intercept; prior
 * b0 ~ N(0, 5²), w_j ~ N(0, 1)) against its Stan NUTS reference (4 × 1000 draws).
 * z = (VI mean − NUTS mean)/NUTS sd and sd ratio = VI sd / NUTS sd per coefficient.
 */
class BreastCancerTest {

    static List<Observation> data;
    static double[] nutsMean;
    static double[] nutsSd;

    @BeforeAll
    static void load() {
        data = DevData.regressionEvents("/dev/a_logreg_breast_cancer/events.jsonl");
        JsonNode post = DevData.reference("/dev/a_logreg_breast_cancer/reference.json").at("/reference/posterior");
        nutsMean = new double[post.get("mean").size()];
        nutsSd = new double[nutsMean.length];
        for (int i = 0; i < nutsMean.length; i++) {
            nutsMean[i] = post.get("mean").get(i).asDouble();
            nutsSd[i] = post.get("sd").get(i).asDouble();
        }
    }

    /** max |z| and the range of sd ratios of a posterior against NUTS. */
    static double[] discrepancy(Posterior post) {
        double maxZ = 0;
        double minRatio = Double.POSITIVE_INFINITY;
        double maxRatio = 0;
        double sumRatio = 0;
        for (int i = 0; i < nutsMean.length; i++) {
            var s = post.summaries().get(i);
            maxZ = Math.max(maxZ, Math.abs(s.mean() - nutsMean[i]) / nutsSd[i]);
            double ratio = s.sd() / nutsSd[i];
            minRatio = Math.min(minRatio, ratio);
            maxRatio = Math.max(maxRatio, ratio);
            sumRatio += ratio;
        }
        return new double[] {maxZ, minRatio, maxRatio, sumRatio / nutsMean.length};
    }

    static StreamingModel natural(boolean fullRank, double tau0, double kappa) {
        return new NaturalGradientGlm(new LogisticLikelihood(), new Design(30, true), fullRank, 1.0, 5.0,
                RobbinsMonroSchedule.of(tau0, kappa), new EffectiveDataSize.Fixed(569), new double[0][]);
    }

    static VariationalState passes(StreamingModel model, int passes, int batch) {
        VariationalState s = model.initialState();
        for (int pass = 0; pass < passes; pass++) {
            for (int i = 0; i < data.size(); i += batch) {
                var r = model.update(s, data.subList(i, Math.min(data.size(), i + batch)));
                assertTrue(!r.diagnostics().rejected(), r.diagnostics().rejectedReason());
                s = r.state();
            }
        }
        return s;
    }

    /**
     * Full-rank Gaussian VI by natural-gradient steps, streamed in minibatches of 300 (two per
     * pass) with N = 569, ρ_t = t^−0.6 (κ = 0.6, τ0 = 0), the stream replayed 80 times: every
     * coefficient's mean within 0.10 NUTS sd and every sd within ±15% of NUTS's. Deterministic
     * (quadrature, no sampling), so the figures are exact for this code: max |z| 0.093, sd
     * ratios 0.93–1.03 (the Gaussian-VI optimum itself, reached with the whole data as one
     * minibatch, is 0.03 from NUTS; smaller minibatches approach it more slowly: 0.11 after 160
     * passes of 200). Stan's fullrank ADVI needs tol_rel_obj 0.001 for max |z| ≈ 0.08–0.11.
     */
    @Test
    void fullRankReachesNutsWithinATenthOfAnSd() {
        StreamingModel model = natural(true, 0, 0.6);
        long start = System.nanoTime();
        VariationalState s = passes(model, 80, 300);
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] d = discrepancy(model.posterior(s));
        System.out.printf("breast cancer, full-rank natural gradient, 80 passes of minibatches of 300: max|z| %.3f, "
                + "sd ratio [%.3f, %.3f] (mean %.3f), %.2f s%n", d[0], d[1], d[2], d[3], seconds);
        assertTrue(d[0] <= 0.10, "max |z| = " + d[0]);
        assertTrue(d[1] >= 0.85 && d[2] <= 1.15, "sd ratios in [" + d[1] + ", " + d[2] + "]");
    }

    /**
     * The mean-field Gaussian (same settings, 80 passes of 300) approaches its optimum, whose
     * sds are about 0.57 of NUTS's on average: the well-known under-statement of uncertainty by
     * mean-field VI on correlated features, shown, not masked (Stan's mean-field ADVI: max |z|
     * 0.22–0.32, sd ratio about 0.6).
     */
    @Test
    void meanFieldUnderStatesTheSds() {
        StreamingModel model = natural(false, 0, 0.6);
        double[] d = discrepancy(model.posterior(passes(model, 80, 300)));
        System.out.printf("breast cancer, mean-field natural gradient, 80 passes of 300: max|z| %.3f, sd ratio [%.3f, %.3f] "
                + "(mean %.3f)%n", d[0], d[1], d[2], d[3]);
        assertTrue(d[0] <= 0.3, "max |z| = " + d[0]);
        assertTrue(d[3] < 0.7 && d[3] > 0.4, "mean sd ratio " + d[3]);
    }

    static StreamingModel reparameterised(boolean fullRank, int draws, double tau0, double kappa) {
        return new ReparameterisedGlm(new LogisticLikelihood(), new Design(30, true), fullRank, 1.0, 5.0,
                RobbinsMonroSchedule.of(tau0, kappa), new EffectiveDataSize.Fixed(569), draws, true, 0, new double[0][]);
    }

    /**
     * The reparameterisation-gradient (ADVI-style) method, full-rank, 10 draws per step, adaptive
     * step sizes, κ = 0.7, τ0 = 1, minibatches of 50, 100 passes: it gets the sds right (within
     * 15%) but the means only to about half an NUTS sd (max |z| 0.57 here; 0.47 after 200 passes
     * with 20 draws): the Monte Carlo noise of the gradient is what the natural-gradient method,
     * with exact quadrature expectations and second-order steps, does not have. Hence the README
     * recommends {@code method: natural}.
     */
    @Test
    void reparameterisedGradientsConvergeMoreSlowly() {
        StreamingModel m = reparameterised(true, 10, 1, 0.7);
        double[] d = discrepancy(m.posterior(passes(m, 100, 50)));
        System.out.printf("breast cancer, full-rank reparameterisation gradients, 100 passes: max|z| %.3f, sd ratio "
                + "[%.3f, %.3f] (mean %.3f)%n", d[0], d[1], d[2], d[3]);
        assertTrue(d[0] <= 0.75, "max |z| = " + d[0]);
        assertTrue(d[1] >= 0.85 && d[2] <= 1.2, "sd ratios in [" + d[1] + ", " + d[2] + "]");
    }

    /** Same input, same stream seed: the same draws and bit-identical states; another seed differs. */
    @Test
    void reparameterisedRunsReplayBitForBit() {
        StreamingModel m = reparameterised(true, 5, 1, 0.7);
        VariationalState a = m.initialState();
        VariationalState b = m.initialState();
        VariationalState c = m.initialState();
        for (int i = 0; i < 200; i += 20) {
            a = m.update(a, data.subList(i, i + 20), 42L).state();
            b = m.update(b, data.subList(i, i + 20), 42L).state();
            c = m.update(c, data.subList(i, i + 20), 43L).state();
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.params(), b.params());
        assertTrue(!java.util.Arrays.equals(a.params(), c.params()), "another seed draws other numbers");
    }
}
