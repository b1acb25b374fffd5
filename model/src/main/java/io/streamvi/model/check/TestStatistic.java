package io.streamvi.model.check;

import io.streamvi.model.observation.BinaryOutcome;
import io.streamvi.model.observation.Category;
import io.streamvi.model.observation.Count;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.observation.RealValue;
import io.streamvi.model.observation.Regression;
import io.streamvi.model.observation.VectorValue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.hipparchus.stat.descriptive.moment.Mean;
import org.hipparchus.stat.descriptive.moment.Variance;

/**
 * A test statistic T(y) of a window of observations, and the statistics that fit each kind of
 * observation (BDA3 §6.3 chooses statistics that the model does not fit by construction):
 * <ul>
 *   <li>binary outcomes: the share of successes, and the share of switches between consecutive
 *       outcomes (serial dependence, which an exchangeable model cannot produce);
 *   <li>counts: mean, variance, maximum and share of zeros (over-dispersion and zero inflation);
 *   <li>real values: mean, variance, minimum and maximum (heavy tails, skew);
 *   <li>categories: the share of each category seen in the window;
 *   <li>vectors: mean and variance of each coordinate;
 *   <li>regressions: the statistics of the target y as counts, binary or real values (which one
 *       follows from the targets seen), with the covariates held fixed in the replications.
 * </ul>
 */
public record TestStatistic(String name, ToDoubleFunction<List<? extends Observation>> function) {

    public double of(List<? extends Observation> window) {
        return function.applyAsDouble(window);
    }

    /** The statistics for {@code window} (empty for kinds without any, e.g. documents). */
    public static List<TestStatistic> forWindow(List<? extends Observation> window) {
        if (window.isEmpty()) {
            return List.of();
        }
        Observation first = window.get(0);
        if (first instanceof BinaryOutcome) {
            ToDoubleFunction<Observation> y = o -> ((BinaryOutcome) o).success() ? 1 : 0;
            return List.of(new TestStatistic("mean", w -> mean(w, y)), new TestStatistic("switches", w -> switches(w, y)));
        }
        if (first instanceof Count) {
            return countStatistics(o -> ((Count) o).count());
        }
        if (first instanceof RealValue) {
            return realStatistics(o -> ((RealValue) o).value());
        }
        if (first instanceof Category) {
            int categories = 0;
            for (Observation o : window) {
                categories = Math.max(categories, ((Category) o).index() + 1);
            }
            List<TestStatistic> out = new ArrayList<>(categories);
            for (int k = 0; k < categories; k++) {
                int index = k;
                out.add(new TestStatistic("share[" + k + "]", w -> mean(w, o -> ((Category) o).index() == index ? 1 : 0)));
            }
            return out;
        }
        if (first instanceof VectorValue v) {
            List<TestStatistic> out = new ArrayList<>(2 * v.values().length);
            for (int j = 0; j < v.values().length; j++) {
                int index = j;
                ToDoubleFunction<Observation> x = o -> ((VectorValue) o).values()[index];
                out.add(new TestStatistic("mean[" + j + "]", w -> mean(w, x)));
                out.add(new TestStatistic("variance[" + j + "]", w -> variance(w, x)));
            }
            return out;
        }
        if (first instanceof Regression) {
            ToDoubleFunction<Observation> y = o -> ((Regression) o).y();
            boolean binary = true;
            boolean counts = true;
            for (Observation o : window) {
                double v = ((Regression) o).y();
                binary &= v == 0 || v == 1;
                counts &= v >= 0 && v == Math.rint(v);
            }
            if (binary) {
                return List.of(new TestStatistic("mean", w -> mean(w, y)));
            }
            return counts ? countStatistics(y) : realStatistics(y);
        }
        return List.of();
    }

    private static List<TestStatistic> countStatistics(ToDoubleFunction<Observation> y) {
        return List.of(new TestStatistic("mean", w -> mean(w, y)), new TestStatistic("variance", w -> variance(w, y)),
                new TestStatistic("max", w -> max(w, y)), new TestStatistic("zeros", w -> mean(w, o -> y.applyAsDouble(o) == 0 ? 1 : 0)));
    }

    private static List<TestStatistic> realStatistics(ToDoubleFunction<Observation> y) {
        return List.of(new TestStatistic("mean", w -> mean(w, y)), new TestStatistic("variance", w -> variance(w, y)),
                new TestStatistic("min", w -> -max(w, o -> -y.applyAsDouble(o))), new TestStatistic("max", w -> max(w, y)));
    }

    private static double[] values(List<? extends Observation> w, ToDoubleFunction<Observation> f) {
        double[] v = new double[w.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = f.applyAsDouble(w.get(i));
        }
        return v;
    }

    private static double mean(List<? extends Observation> w, ToDoubleFunction<Observation> f) {
        return new Mean().evaluate(values(w, f));
    }

    private static double variance(List<? extends Observation> w, ToDoubleFunction<Observation> f) {
        return w.size() < 2 ? 0 : new Variance().evaluate(values(w, f));
    }

    private static double max(List<? extends Observation> w, ToDoubleFunction<Observation> f) {
        double m = Double.NEGATIVE_INFINITY;
        for (Observation o : w) {
            m = Math.max(m, f.applyAsDouble(o));
        }
        return m;
    }

    private static double switches(List<? extends Observation> w, ToDoubleFunction<Observation> f) {
        if (w.size() < 2) {
            return 0;
        }
        int s = 0;
        for (int i = 1; i < w.size(); i++) {
            s += f.applyAsDouble(w.get(i)) != f.applyAsDouble(w.get(i - 1)) ? 1 : 0;
        }
        return (double) s / (w.size() - 1);
    }
}
