package io.streamvi.model.bbvi;

import io.streamvi.model.InvalidParameterException;
import org.hipparchus.stat.descriptive.moment.Mean;
import org.hipparchus.stat.descriptive.moment.Variance;

/**
 * Monte Carlo estimates from per-draw values f_s = f(w_s), w_s ~ q, s = 1 … S: the mean
 * f̄ = (1/S) Σ_s f_s and its standard error √(v/S), v = Σ_s (f_s − f̄)² / (S − 1) the unbiased
 * sample variance. With f(w) = ln p(x, w) and the closed-form entropy added,
 * ELBO ≈ f̄ + H[q] (Kucukelbir et al. 2017), and the constant H[q] leaves the error unchanged.
 */
public final class MonteCarloElbo {

    private MonteCarloElbo() {
    }

    /**
     * An estimate from {@code draws} values.
     *
     * @param standardError √(v/S); NaN for a single draw, whose spread cannot be estimated
     */
    public record Estimate(double mean, double standardError, int draws) {
    }

    /** f̄ and its standard error; non-finite values propagate into both. */
    public static Estimate estimate(double[] values) {
        if (values == null || values.length == 0) {
            throw new InvalidParameterException("values", values == null ? null : "length 0",
                    "must hold at least one draw");
        }
        int s = values.length;
        double mean = new Mean().evaluate(values);
        double standardError = s < 2 ? Double.NaN : Math.sqrt(new Variance(true).evaluate(values, mean) / s);
        return new Estimate(mean, standardError, s);
    }

    /** ELBO ≈ mean of ln p(x, w_s) + H[q], with the standard error of the Monte Carlo part. */
    public static Estimate elbo(double[] logJoint, double entropy) {
        Estimate e = estimate(logJoint);
        return new Estimate(e.mean() + entropy, e.standardError(), e.draws());
    }
}
