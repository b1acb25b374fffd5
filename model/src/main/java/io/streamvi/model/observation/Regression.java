package io.streamvi.model.observation;

/**
 * A feature vector x ∈ R^d with its target y (real, binary 0/1 or a count, depending on the
 * model) and an exposure for rate models (1 when not applicable).
 */
public record Regression(double[] x, double y, double exposure) implements Observation {
    public Regression {
        x = x.clone();
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    public int dimension() {
        return x.length;
    }

    public double x(int i) {
        return x[i];
    }

    @Override
    public String nonFiniteField() {
        int i = Observation.firstNonFinite(x);
        if (i >= 0) {
            return "x[" + i + "]";
        }
        if (!Double.isFinite(y)) {
            return "y";
        }
        return Double.isFinite(exposure) ? null : "exposure";
    }
}
