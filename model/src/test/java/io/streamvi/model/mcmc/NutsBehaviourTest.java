package io.streamvi.model.mcmc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the sampler does besides producing draws: reproducibility, adaptation, and the warnings it raises. */
class NutsBehaviourTest {

    private static final LogDensity NORMAL_10 = TestTargets.normal(new double[10], filled(10, 1.0));

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    @Test
    void sameSeedSameDrawsWhetherChainsRunInSequenceOrInParallel() {
        NutsSettings settings = NutsSettings.of(3, 150, 100, 99L);
        NutsResult a = Nuts.sample(NORMAL_10, settings);
        NutsResult b = Nuts.sample(NORMAL_10, settings.withParallelChains(true));
        NutsResult c = Nuts.sample(NORMAL_10, NutsSettings.of(3, 150, 100, 100L));
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(a.chains().get(k).draws(), b.chains().get(k).draws());
            assertEquals(a.chains().get(k).stepSize(), b.chains().get(k).stepSize());
        }
        assertFalse(Arrays.deepEquals(a.chains().get(0).draws(), c.chains().get(0).draws()));
        assertFalse(Arrays.deepEquals(a.chains().get(0).draws(), a.chains().get(1).draws()), "chains share a stream");
    }

    /** Stan's windows: fast 75, slow 25, 50, 100, ... (the last stretched to the terminal 50), or 15%/75%/10%. */
    @Test
    void metricWindowsFollowStansSchedule() {
        assertEquals(List.of(99, 149, 249, 449), metricUpdates(500));
        assertEquals(List.of(99, 149, 249, 449, 949), metricUpdates(1000));
        assertEquals(List.of(99, 149, 249), metricUpdates(300));
        assertEquals(List.of(89), metricUpdates(100)); // 15 + 75 + 10
        assertEquals(List.of(), metricUpdates(19));
    }

    private static List<Integer> metricUpdates(int warmup) {
        MetricAdaptation adaptation = new MetricAdaptation(1, warmup);
        double[] invMetric = {1};
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < warmup; i++) {
            if (adaptation.learn(invMetric, new double[] {i % 7})) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * Scales five orders of magnitude apart: the adapted M⁻¹ must find the variances (to within
     * the ±35% of a variance estimated from the last window's 500 autocorrelated draws), and the
     * draws' sds must match within 4 MCSE.
     */
    @Test
    void adaptedMetricFindsTheScalesOfAnAnisotropicTarget() {
        double[] sd = {0.01, 1, 100};
        NutsResult run = Nuts.sample(TestTargets.normal(new double[3], sd), NutsSettings.of(2, 1000, 1000, 5L));
        for (ChainResult chain : run.chains()) {
            for (int i = 0; i < 3; i++) {
                double ratio = chain.inverseMetric()[i] / (sd[i] * sd[i]);
                assertTrue(ratio > 0.65 && ratio < 1.35, "M^-1[" + i + "] / var = " + ratio);
            }
        }
        for (int i = 0; i < 3; i++) {
            DrawsSummary s = run.summaries().get(i);
            assertEquals(sd[i], s.sd(), 4 * s.mcseSd(), "sd of x[" + i + "]");
            assertEquals(0, s.mean(), 4 * s.mcseMean(), "mean of x[" + i + "]");
        }
    }

    /**
     * Dual averaging drives the mean acceptance statistic towards δ: on a 10-d normal the kept
     * iterations average within 0.1 of δ = 0.8, and asking for δ = 0.95 gives a smaller step.
     */
    @Test
    void stepSizeAdaptationTargetsTheAcceptanceStatistic() {
        NutsResult run = Nuts.sample(NORMAL_10, NutsSettings.of(2, 500, 500, 3L));
        NutsResult careful = Nuts.sample(NORMAL_10, NutsSettings.of(2, 500, 500, 3L).withTargetAccept(0.95));
        for (int c = 0; c < 2; c++) {
            double accept = run.chains().get(c).meanAcceptStat();
            assertEquals(0.8, accept, 0.1, "mean acceptance statistic");
            assertTrue(careful.chains().get(c).meanAcceptStat() > accept);
            assertTrue(careful.chains().get(c).stepSize() < run.chains().get(c).stepSize());
        }
    }

    /**
     * The centred funnel (v ~ N(0, 3²), x | v ~ N(0, e^v)) has a neck that no single step size can
     * enter: NUTS must say so with divergences (63 of 1000 kept iterations with this seed), where a well-conditioned
     * target of the same run length has none.
     */
    @Test
    void reportsDivergencesInNealsFunnel() {
        NutsResult run = Nuts.sample(TestTargets.funnel(2), NutsSettings.of(2, 500, 500, 1L));
        System.out.printf("funnel: %d divergences of 1000 kept iterations%n", run.divergences());
        assertTrue(run.divergences() > 20, "divergences: " + run.divergences());
        for (ChainResult c : run.chains()) {
            for (int i = 0; i < c.divergent().length; i++) {
                if (c.divergent()[i]) {
                    assertTrue(c.acceptStat()[i] < 1, "a divergent trajectory has energy errors");
                }
            }
        }
        assertEquals(0, Nuts.sample(NORMAL_10, NutsSettings.of(2, 500, 500, 1L)).divergences());
    }

    /** A tree-depth cap that the trajectory needs more than is reported as hits on the cap. */
    @Test
    void reportsHitsOnTheMaximumTreeDepth() {
        NutsResult capped = Nuts.sample(NORMAL_10, NutsSettings.of(1, 200, 200, 8L).withMaxTreeDepth(1));
        assertEquals(200, capped.maxTreeDepthHits());
        for (int d : capped.chains().get(0).treeDepth()) {
            assertEquals(1, d);
        }
        NutsResult free = Nuts.sample(NORMAL_10, NutsSettings.of(1, 200, 200, 8L));
        assertEquals(0, free.maxTreeDepthHits());
        for (int i = 0; i < 200; i++) {
            ChainResult c = free.chains().get(0);
            // 2^d − 1 steps in the d accepted doublings, plus at most 2^d in a rejected last one
            int d = c.treeDepth()[i];
            assertTrue(c.leapfrogSteps()[i] >= (1 << d) - 1 && c.leapfrogSteps()[i] <= (1 << (d + 1)) - 1);
        }
    }

    /**
     * Chains started in different, well-separated modes stay there: R̂ must expose it (> 1.1),
     * while the same chains each within its own mode look fine.
     */
    @Test
    void rhatExposesChainsStuckInDifferentModes() {
        LogDensity target = TestTargets.bimodal(8);
        double[][] inits = {{-8}, {-8}, {8}, {8}};
        NutsResult run = Nuts.sample(target, NutsSettings.of(4, 200, 500, 17L), inits);
        double rhat = ConvergenceDiagnostics.rhat(run.parameter(0));
        double[][] left = Arrays.copyOfRange(run.parameter(0), 0, 2);
        System.out.printf("bimodal: R-hat %.2f over the four chains, %.4f over the two in the left mode%n", rhat,
                ConvergenceDiagnostics.rhat(left));
        assertTrue(rhat > 1.1, "R-hat " + rhat);
        assertTrue(ConvergenceDiagnostics.rhat(left) < 1.01);
    }
}
