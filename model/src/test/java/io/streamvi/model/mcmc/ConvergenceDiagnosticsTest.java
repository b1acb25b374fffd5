package io.streamvi.model.mcmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamvi.model.DevData;
import io.streamvi.model.bbvi.StandardNormalDraws;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * R̂, ESS and MCSE against the R package posterior 1.4.0 (values in
 * src/test/resources/diagnostics, made by its make_reference.R), and on draws whose answer is
 * known: independent draws (ESS ≈ S, R̂ ≈ 1) and chains in different places (R̂ ≫ 1).
 */
class ConvergenceDiagnosticsTest {

    /** Six cases of 4 chains × 201 draws, keyed by case name. */
    static Map<String, double[][]> referenceDraws() {
        Map<String, double[][]> out = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                ConvergenceDiagnosticsTest.class.getResourceAsStream("/diagnostics/draws.csv"), StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split(",");
                double[][] x = out.computeIfAbsent(f[0], k -> new double[4][201]);
                x[Integer.parseInt(f[1]) - 1][Integer.parseInt(f[2]) - 1] = Double.parseDouble(f[3]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Every statistic of every case equals posterior's to 1e-9 relative (ours sums autocovariances
     * directly, posterior by FFT: the two agree to rounding).
     */
    @Test
    void matchesThePosteriorPackage() {
        JsonNode ref = DevData.reference("/diagnostics/reference.json").get("diagnostics");
        double worst = 0;
        for (Map.Entry<String, double[][]> e : referenceDraws().entrySet()) {
            double[][] x = e.getValue();
            JsonNode r = ref.get(e.getKey());
            DrawsSummary s = ConvergenceDiagnostics.summarise(e.getKey(), x);
            double[][] pairs = {
                {s.rhat(), r.get("rhat").asDouble()},
                {s.essBulk(), r.get("ess_bulk").asDouble()},
                {s.essTail(), r.get("ess_tail").asDouble()},
                {ConvergenceDiagnostics.essMean(x), r.get("ess_mean").asDouble()},
                {s.mcseMean(), r.get("mcse_mean").asDouble()},
                {s.mcseSd(), r.get("mcse_sd").asDouble()},
                {s.q05(), r.get("q5").asDouble()},
                {s.median(), r.get("median").asDouble()},
                {s.q95(), r.get("q95").asDouble()},
            };
            String[] names = {"rhat", "ess_bulk", "ess_tail", "ess_mean", "mcse_mean", "mcse_sd", "q5", "median", "q95"};
            for (int i = 0; i < pairs.length; i++) {
                double rel = Math.abs(pairs[i][0] - pairs[i][1]) / Math.abs(pairs[i][1]);
                assertTrue(rel < 1e-9, e.getKey() + " " + names[i] + ": " + pairs[i][0] + " vs posterior " + pairs[i][1]);
                worst = Math.max(worst, rel);
            }
        }
        System.out.printf("diagnostics vs posterior 1.4.0: worst relative difference %.2e%n", worst);
    }

    /** The reference cases that did not converge on purpose are flagged, the others pass. */
    @Test
    void flagsTheReferenceCasesThatDidNotMix() {
        Map<String, double[][]> cases = referenceDraws();
        assertTrue(ConvergenceDiagnostics.rhat(cases.get("shifted")) > 1.1, "means 0, 0, 1.5, 1.5");
        assertTrue(ConvergenceDiagnostics.rhat(cases.get("scale")) > 1.1, "one chain 4x wider: the folded R-hat");
        assertTrue(ConvergenceDiagnostics.splitRhat(cases.get("scale")) < 1.01, "the classic R-hat misses the scale");
        assertTrue(ConvergenceDiagnostics.rhat(cases.get("iid")) < 1.01);
        assertTrue(ConvergenceDiagnostics.rhat(cases.get("cauchy")) < 1.01, "rank normalisation copes with no mean");
    }

    /**
     * Independent N(0, 1) draws, 4 chains × 1000: R̂ below 1.01, and bulk, tail and mean ESS
     * within 15% of S = 4000 (the ESS estimator's own spread at this S is a few per cent); the
     * MCSE of the mean is then ≈ 1/√4000.
     */
    @Test
    void independentDrawsHaveEssNearTheirNumber() {
        double[][] x = new double[4][1000];
        SplittableRandom rng = new SplittableRandom(2718);
        for (double[] chain : x) {
            StandardNormalDraws.fill(rng, chain);
        }
        double rhat = ConvergenceDiagnostics.rhat(x);
        double bulk = ConvergenceDiagnostics.essBulk(x);
        double tail = ConvergenceDiagnostics.essTail(x);
        double mean = ConvergenceDiagnostics.essMean(x);
        System.out.printf("iid 4x1000: R-hat %.4f, ESS bulk %.0f, tail %.0f, mean %.0f%n", rhat, bulk, tail, mean);
        assertTrue(rhat < 1.01, "R-hat " + rhat);
        for (double ess : new double[] {bulk, tail, mean}) {
            assertEquals(4000, ess, 600);
        }
        assertEquals(1 / Math.sqrt(4000), ConvergenceDiagnostics.mcseMean(x), 0.1 / Math.sqrt(4000));
    }

    /** The same draws with two of the four chains moved by one sd: R̂ well above 1.1. */
    @Test
    void chainsInDifferentPlacesHaveLargeRhat() {
        double[][] x = new double[4][1000];
        SplittableRandom rng = new SplittableRandom(2718);
        for (int c = 0; c < 4; c++) {
            StandardNormalDraws.fill(rng, x[c]);
            for (int i = 0; i < 1000; i++) {
                x[c][i] += c < 2 ? 0 : 1.0;
            }
        }
        double rhat = ConvergenceDiagnostics.rhat(x);
        assertTrue(rhat > 1.1, "R-hat " + rhat);
    }

    /** posterior returns NA for constant draws; so do we (NaN), rather than a misleading number. */
    @Test
    void constantDrawsGiveNaN() {
        double[][] x = new double[2][10];
        assertTrue(Double.isNaN(ConvergenceDiagnostics.rhat(x)));
        assertTrue(Double.isNaN(ConvergenceDiagnostics.essBulk(x)));
    }
}
