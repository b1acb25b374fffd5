package io.streamvi.model.svi;

import io.streamvi.model.InvalidParameterException;
import org.hipparchus.stat.descriptive.moment.Mean;
import org.hipparchus.stat.descriptive.rank.Median;

/**
 * Stan ADVI's convergence rule for a stream (Kucukelbir et al. 2017, §3.2; Stan's
 * {@code tol_rel_obj}): over the last {@code window} steps, the relative ELBO changes
 * r_t = |ELBO_t − ELBO_{t−1}| / |ELBO_t|; a key has settled when the mean or the median of
 * them is below {@code tolerance}. A drifting stream moves the ELBO again and un-settles it.
 *
 * @param window how many relative changes are kept (the state holds window + 1 ELBO values)
 * @param tolerance the threshold on the mean or median relative change
 */
public record ElboConvergence(int window, double tolerance) {

    public ElboConvergence {
        if (window < 2 || window > 1000) {
            throw new InvalidParameterException("window", window, "must be in 2..1000");
        }
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new InvalidParameterException("tolerance", tolerance, "must be in (0, 1)");
        }
    }

    /** Stan's default tolerance, over 20 steps. */
    public static ElboConvergence defaults() {
        return new ElboConvergence(20, 0.01);
    }

    /** The history with {@code elbo} appended, keeping the newest window + 1 values. */
    public double[] append(double[] history, double elbo) {
        int keep = Math.min(history.length + 1, window + 1);
        double[] out = new double[keep];
        System.arraycopy(history, history.length - (keep - 1), out, 0, keep - 1);
        out[keep - 1] = elbo;
        return out;
    }

    /** What the history says. */
    public record Assessment(double smoothedElbo, double meanRelativeChange, double medianRelativeChange,
            boolean converged) {
    }

    /** The assessment of a history (oldest first), or null with fewer than two values. */
    public Assessment assess(double[] history) {
        if (history.length < 2) {
            return null;
        }
        double[] changes = new double[history.length - 1];
        for (int i = 1; i < history.length; i++) {
            changes[i - 1] = Math.abs(history[i] - history[i - 1]) / Math.abs(history[i]);
        }
        double mean = new Mean().evaluate(changes);
        double median = new Median().evaluate(changes);
        boolean full = history.length == window + 1;
        return new Assessment(new Mean().evaluate(history), mean, median,
                full && (mean < tolerance || median < tolerance));
    }

    @Override
    public String toString() {
        return "ElboConvergence[window=" + window + ", tolerance=" + tolerance + "]";
    }
}
