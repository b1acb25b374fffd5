package io.streamvi.model.check;

import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.posterior.ParameterSummary;
import io.streamvi.model.posterior.Posterior;
import io.streamvi.model.svi.Seeds;
import io.streamvi.model.svi.StreamingModel;
import io.streamvi.model.svi.VariationalState;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.random.RandomDataGenerator;
import org.hipparchus.stat.inference.ChiSquareTest;

/**
 * Simulation-based calibration (Cook, Gelman and Rubin 2006; Talts, Betancourt, Simpson, Vehtari
 * and Gelman 2018). For s = 1..S: draw θ̃ from the prior, simulate a data set ỹ ~ p(y | θ̃), fit
 * each method to ỹ, and record for every parameter
 * <ul>
 *   <li>whether θ̃ lies in the fitted central 95% interval — averaged over s, the interval's
 *       coverage, 0.95 for a calibrated posterior (Monte Carlo sd √(0.95·0.05/S));
 *   <li>the rank of θ̃ among L draws from the fitted q — uniform on {0..L} for a calibrated
 *       posterior, ∪-shaped when q is too narrow, ∩-shaped when too wide.
 * </ul>
 * The exact posterior passes both by construction (the prior's self-consistency,
 * p(θ) = ∫ p(θ | ỹ) p(ỹ | θ̃) p(θ̃) dỹ dθ̃); a variational q that under-states the posterior
 * variance under-covers, and SBC measures by how much.
 */
public final class SimulationBasedCalibration {

    /** A generative model: the prior of the checked parameters and the data given them. */
    public interface Problem {

        String name();

        /** The checked parameters, named as in the fitted posteriors' summaries. */
        List<String> parameters();

        /** θ̃ ~ prior, in the order of {@link #parameters}. */
        double[] drawPrior(RandomDataGenerator rng);

        /** ỹ ~ p(y | θ̃). */
        List<Observation> simulate(double[] theta, RandomDataGenerator rng);
    }

    /**
     * A way to fit: {@code model} is run over the data set {@code passes} times in one minibatch
     * (1 for exact and CAVI modes). Its {@link PredictiveSampler#drawParameters} must begin with
     * the problem's parameters, in order.
     */
    public record Method(String name, StreamingModel model, int passes) {
    }

    /** One parameter's calibration under one method. */
    public record Calibration(String parameter, double coverage, int[] ranks, double uniformityPValue) {

        /** The Monte Carlo sd of a calibrated coverage of 0.95 over {@code simulations}. */
        public static double coverageSd(int simulations) {
            return Math.sqrt(0.95 * 0.05 / simulations);
        }
    }

    /** A method's calibration of every parameter. */
    public record MethodResult(String method, List<Calibration> parameters) {
    }

    private SimulationBasedCalibration() {
    }

    /**
     * Runs S = {@code simulations} simulations with L = {@code draws} posterior draws each, ranks
     * grouped into {@code bins} bins for the histograms and their χ² uniformity test.
     */
    public static List<MethodResult> run(Problem problem, List<Method> methods, int simulations, int draws, int bins,
            long seed) {
        if (simulations < 1) {
            throw new InvalidParameterException("simulations", simulations, "must be >= 1");
        }
        if (bins < 2 || (draws + 1) % bins != 0) {
            throw new InvalidParameterException("bins", bins, "must be >= 2 and divide draws + 1 (" + (draws + 1) + ")");
        }
        int p = problem.parameters().size();
        int[][][] histograms = new int[methods.size()][p][bins];
        int[][] covered = new int[methods.size()][p];
        for (int s = 0; s < simulations; s++) {
            RandomDataGenerator rng = new RandomDataGenerator(Seeds.forStep(seed, s));
            double[] truth = problem.drawPrior(rng);
            List<Observation> data = problem.simulate(truth, rng);
            for (int m = 0; m < methods.size(); m++) {
                Method method = methods.get(m);
                VariationalState state = method.model().initialState();
                for (int pass = 0; pass < method.passes(); pass++) {
                    state = method.model().update(state, data, Seeds.forStep(seed ^ m, s)).state();
                }
                Posterior posterior = method.model().posterior(state);
                PredictiveSampler q = ((PredictiveReplicator) method.model()).predictiveSampler(state);
                int[] rank = new int[p];
                for (int l = 0; l < draws; l++) {
                    double[] theta = q.drawParameters(rng);
                    for (int i = 0; i < p; i++) {
                        rank[i] += theta[i] < truth[i] ? 1 : 0;
                    }
                }
                for (int i = 0; i < p; i++) {
                    histograms[m][i][rank[i] * bins / (draws + 1)]++;
                    ParameterSummary summary = summary(posterior, problem.parameters().get(i));
                    covered[m][i] += truth[i] >= summary.lower95() && truth[i] <= summary.upper95() ? 1 : 0;
                }
            }
        }
        List<MethodResult> out = new ArrayList<>();
        double[] expected = new double[bins];
        java.util.Arrays.fill(expected, (double) simulations / bins);
        for (int m = 0; m < methods.size(); m++) {
            List<Calibration> params = new ArrayList<>();
            for (int i = 0; i < p; i++) {
                long[] observed = new long[bins];
                for (int b = 0; b < bins; b++) {
                    observed[b] = histograms[m][i][b];
                }
                params.add(new Calibration(problem.parameters().get(i), (double) covered[m][i] / simulations,
                        histograms[m][i], new ChiSquareTest().chiSquareTest(expected, observed)));
            }
            out.add(new MethodResult(methods.get(m).name(), params));
        }
        return out;
    }

    private static ParameterSummary summary(Posterior posterior, String name) {
        for (ParameterSummary s : posterior.summaries()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("the fitted posterior has no summary named '" + name + "'");
    }
}
