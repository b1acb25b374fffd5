package io.streamvi.model.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SBC on the built-in scenarios (fixed seeds). Tolerances: with S simulations a calibrated
 * coverage of 0.95 has Monte Carlo sd √(0.95·0.05/S); exact posteriors must lie within 4 of them
 * and pass the χ² rank-uniformity test at level 0.001; mean-field q on correlated posteriors must
 * under-cover by far more than that.
 */
class SimulationBasedCalibrationTest {

    private static final int S = 400;

    static SimulationBasedCalibration.Calibration find(List<SimulationBasedCalibration.MethodResult> results, String method,
            String parameter) {
        return results.stream().filter(r -> r.method().equals(method)).findFirst().orElseThrow().parameters().stream()
                .filter(c -> c.parameter().equals(parameter)).findFirst().orElseThrow();
    }

    @Test
    void exactRegressionCoversAndMeanFieldUnderCovers() {
        var scenario = CalibrationScenarios.named("regression");
        var results = SimulationBasedCalibration.run(scenario.problem(), scenario.methods(), S, 99, 10, 2024);
        double sd = SimulationBasedCalibration.Calibration.coverageSd(S);
        for (String w : scenario.problem().parameters()) {
            var exact = find(results, "exact", w);
            assertEquals(0.95, exact.coverage(), 4 * sd, w + " exact");
            assertTrue(exact.uniformityPValue() > 0.001, w + " exact ranks: " + java.util.Arrays.toString(exact.ranks()));
            assertEquals(exact.coverage(), find(results, "full-covariance", w).coverage(), 1e-12,
                    "with known noise the full-covariance CAVI fit is the exact posterior");
            var meanField = find(results, "mean-field", w);
            assertTrue(meanField.coverage() < 0.95 - 10 * sd, w + " mean-field coverage " + meanField.coverage());
            assertTrue(meanField.uniformityPValue() < 1e-6, w + " mean-field ranks: " + java.util.Arrays.toString(meanField.ranks()));
            int[] r = meanField.ranks();
            assertTrue(r[0] + r[r.length - 1] > 3 * S / r.length, "∪-shaped ranks: the q is too narrow " + java.util.Arrays.toString(r));
        }
    }

    @Test
    void exactNormalCoversAndMeanFieldMeanUnderCovers() {
        var scenario = CalibrationScenarios.named("normal");
        int simulations = 2000; // the mean-field gap is small here (n = 5): a tighter Monte Carlo sd shows it
        var results = SimulationBasedCalibration.run(scenario.problem(), scenario.methods(), simulations, 99, 10, 7);
        double sd = SimulationBasedCalibration.Calibration.coverageSd(simulations);
        for (String p : List.of("mu", "tau")) {
            assertEquals(0.95, find(results, "exact", p).coverage(), 4 * sd, p + " exact");
            assertTrue(find(results, "exact", p).uniformityPValue() > 0.001, p);
        }
        assertTrue(find(results, "mean-field", "mu").coverage() < 0.95 - 4 * sd,
                "mean-field q(mu) coverage " + find(results, "mean-field", "mu").coverage());
    }
}
