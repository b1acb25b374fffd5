package io.streamvi.model.regression;

import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.observation.Regression;
import java.util.List;
import java.util.function.Function;

/**
 * A validated data set of regression events as arrays: the rows z_i of the design (row-major
 * n × p), the targets y_i and the exposures; for the exact log posteriors that MCMC samples.
 * Immutable.
 */
public final class RegressionData {

    private final int n;
    private final int p;
    private final double[] z;
    private final double[] y;
    private final double[] exposure;

    private RegressionData(int n, int p, double[] z, double[] y, double[] exposure) {
        this.n = n;
        this.p = p;
        this.z = z;
        this.y = y;
        this.exposure = exposure;
    }

    /**
     * The events under {@code design}; {@code validate} says why an event does not fit its model
     * (or null), and such an event is refused with its index.
     */
    public static RegressionData of(Design design, List<? extends Observation> data,
            Function<Observation, String> validate) {
        int n = data.size();
        int p = design.size();
        double[] z = new double[n * p];
        double[] y = new double[n];
        double[] exposure = new double[n];
        for (int i = 0; i < n; i++) {
            Observation o = data.get(i);
            String problem = validate.apply(o);
            if (problem != null) {
                throw new InvalidParameterException("data[" + i + "]", o.kind(), problem);
            }
            Regression r = (Regression) o;
            for (int j = 0; j < p; j++) {
                z[i * p + j] = design.z(r, j);
            }
            y[i] = r.y();
            exposure[i] = r.exposure();
        }
        return new RegressionData(n, p, z, y, exposure);
    }

    /** Events without non-finite values and with the design's number of features. */
    public static RegressionData of(Design design, List<? extends Observation> data) {
        return of(design, data, o -> {
            String nonFinite = Observation.nonFiniteReason(o);
            return nonFinite != null ? nonFinite : design.validate(o);
        });
    }

    public int size() {
        return n;
    }

    /** z_iᵀw. */
    public double eta(int i, double[] w) {
        int row = i * p;
        double eta = 0;
        for (int j = 0; j < p; j++) {
            eta += z[row + j] * w[j];
        }
        return eta;
    }

    /** Adds {@code scale} · z_i to {@code acc}. */
    public void addRow(int i, double scale, double[] acc) {
        int row = i * p;
        for (int j = 0; j < p; j++) {
            acc[j] += scale * z[row + j];
        }
    }

    public double y(int i) {
        return y[i];
    }

    public double exposure(int i) {
        return exposure[i];
    }
}
