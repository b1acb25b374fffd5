package io.streamvi.model.check;

import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.observation.Observation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.random.RandomDataGenerator;

/**
 * Posterior predictive p-values (Meng 1994; Gelman, Meng and Stern 1996): for r = 1..R, draw
 * θ_r ~ q, then y_rep,r ~ p(y | θ_r) with the window's covariates, and for each statistic T
 * <pre>
 *   p_T = ( #{r : T(y_rep,r) &gt; T(y)} + ½ #{r : T(y_rep,r) = T(y)} ) / R
 * </pre>
 * (the mid-p form: discrete statistics such as a share of zeros tie often, and counting ties
 * half keeps p near ½ when the replications agree with the data). A p-value near 0 or 1 says the
 * data are extreme for the fitted model in the direction of T. The Monte Carlo error of p_T is at
 * most ½/√R.
 *
 * <p>These p-values use the data twice (to fit q and to check it), so under a well-specified model
 * they concentrate towards ½ rather than being uniform — conservative, most so for statistics
 * the model fits directly, such as the mean (Bayarri and Berger 2000). An extreme value is
 * therefore strong evidence of misfit; a moderate one is weak evidence of fit. With variational q,
 * whose spread is often too small, the replications are too narrow and p-values err towards the
 * extremes instead: read a flag together with the model's other diagnostics.
 */
public final class PredictiveCheck {

    /** The p-values of one check. */
    public record Result(int replications, int windowSize, Map<String, Double> pValues) {

        public Result {
            pValues = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pValues));
        }

        /** min over statistics of min(p, 1 − p): the smaller, the more extreme (NaN without statistics). */
        public double mostExtreme() {
            double m = Double.NaN;
            for (double p : pValues.values()) {
                double tail = Math.min(p, 1 - p);
                m = Double.isNaN(m) ? tail : Math.min(m, tail);
            }
            return m;
        }
    }

    private PredictiveCheck() {
    }

    /**
     * Runs the check of {@code window} against {@code sampler} with {@code replications} draws,
     * seeded by {@code seed} (the same arguments give the same p-values, bit for bit).
     */
    public static Result run(PredictiveSampler sampler, List<? extends Observation> window, int replications, long seed) {
        if (replications < 1) {
            throw new InvalidParameterException("replications", replications, "must be >= 1");
        }
        List<TestStatistic> statistics = TestStatistic.forWindow(window);
        Map<String, Double> out = new LinkedHashMap<>();
        if (statistics.isEmpty()) {
            return new Result(replications, window.size(), out);
        }
        double[] observed = new double[statistics.size()];
        for (int s = 0; s < observed.length; s++) {
            observed[s] = statistics.get(s).of(window);
        }
        double[] above = new double[statistics.size()];
        RandomDataGenerator rng = new RandomDataGenerator(seed);
        List<Observation> replica = new ArrayList<>(window.size());
        for (int r = 0; r < replications; r++) {
            double[] theta = sampler.drawParameters(rng);
            replica.clear();
            for (Observation like : window) {
                replica.add(sampler.drawObservation(theta, like, rng));
            }
            for (int s = 0; s < observed.length; s++) {
                double t = statistics.get(s).of(replica);
                above[s] += t > observed[s] ? 1 : t == observed[s] ? 0.5 : 0;
            }
        }
        for (int s = 0; s < observed.length; s++) {
            out.put(statistics.get(s).name(), above[s] / replications);
        }
        return new Result(replications, window.size(), out);
    }
}
