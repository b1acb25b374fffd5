package io.streamvi.model.regression;

import org.hipparchus.random.RandomDataGenerator;
import java.util.function.Function;
import io.streamvi.model.check.PredictiveSampler;
import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.observation.Regression;

/**
 * The design of a regression: d features, optionally preceded by an intercept, so that the
 * coefficient vector has p = d (+ 1) entries and z = [1, x] (or z = x). Also names the
 * coefficients ({@code intercept}, {@code w[0]}, ...) for summaries.
 */
public record Design(int features, boolean intercept) {

    public Design {
        if (features < 1) {
            throw new InvalidParameterException("features", features, "must be >= 1");
        }
    }

    /** p, the number of coefficients. */
    public int size() {
        return features + (intercept ? 1 : 0);
    }

    /** z_i of an observation, without allocating. */
    public double z(Regression r, int i) {
        if (intercept) {
            return i == 0 ? 1.0 : r.x(i - 1);
        }
        return r.x(i);
    }

    /** zᵀw, the linear predictor of an observation, without allocating (w holds at least p values). */
    public double linear(Regression r, double[] w) {
        double eta = 0;
        for (int i = 0; i < size(); i++) {
            eta += z(r, i) * w[i];
        }
        return eta;
    }

    /** z of a feature vector (allocates; for predictions). */
    public double[] z(double[] x) {
        double[] z = new double[size()];
        int off = intercept ? 1 : 0;
        if (intercept) {
            z[0] = 1;
        }
        System.arraycopy(x, 0, z, off, x.length);
        return z;
    }

    /** Validated copies of prediction points: each must hold {@code features} values. */
    public double[][] points(double[][] points) {
        double[][] out = new double[points.length][];
        for (int k = 0; k < points.length; k++) {
            if (points[k].length != features) {
                throw new InvalidParameterException("predictAt[" + k + "]", points[k].length + " values",
                        "needs " + features + " features");
            }
            out[k] = points[k].clone();
        }
        return out;
    }

    /** The summary name of coefficient i. */
    public String name(int i) {
        if (intercept) {
            return i == 0 ? "intercept" : "w[" + (i - 1) + "]";
        }
        return "w[" + i + "]";
    }

    /** Why {@code o} is not a regression observation with d features, or null. */
    public String validate(Observation o) {
        if (!(o instanceof Regression r)) {
            return "expects a Regression payload, got " + o.kind();
        }
        if (r.dimension() != features) {
            return "expects x of dimension " + features + ", got " + r.dimension();
        }
        return null;
    }

    /**
     * Adds z zᵀ (times {@code weight}) to the row-major p×p block at {@code offset}: O(p²), the
     * symmetric half computed once.
     */
    public void addOuter(Regression r, double weight, double[] acc, int offset) {
        int p = size();
        for (int i = 0; i < p; i++) {
            double zi = weight * z(r, i);
            for (int j = i; j < p; j++) {
                double v = zi * z(r, j);
                acc[offset + i * p + j] += v;
                if (j != i) {
                    acc[offset + j * p + i] += v;
                }
            }
        }
    }

    /** Adds y z (times {@code weight}) to the p-vector at {@code offset}. */
    public void addTarget(Regression r, double weight, double[] acc, int offset) {
        double wy = weight * r.y();
        for (int i = 0; i < size(); i++) {
            acc[offset + i] += wy * z(r, i);
        }
    }

    /** A draw of a regression target y given its linear predictor η = zᵀw, exposure and θ. */
    @FunctionalInterface
    public interface TargetDraw {
        double draw(double eta, double exposure, double[] theta, RandomDataGenerator rng);
    }

    /**
     * The posterior predictive sampler of a regression on this design: θ from {@code parameters}
     * (w first), and each replicated observation keeps the covariates and exposure of the one it
     * replicates, with y from {@code target}.
     */
    public PredictiveSampler predictiveSampler(Function<RandomDataGenerator, double[]> parameters, TargetDraw target) {
        return new PredictiveSampler() {
            @Override
            public double[] drawParameters(RandomDataGenerator rng) {
                return parameters.apply(rng);
            }

            @Override
            public Observation drawObservation(double[] theta, Observation like, RandomDataGenerator rng) {
                Regression r = (Regression) like;
                return new Regression(r.x(), target.draw(linear(r, theta), r.exposure(), theta, rng), r.exposure());
            }
        };
    }
}
