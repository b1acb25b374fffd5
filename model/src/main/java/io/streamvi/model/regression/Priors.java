package io.streamvi.model.regression;

import io.streamvi.model.InvalidParameterException;

/** Validation of per-coefficient prior vectors (a scalar is broadcast to all p coefficients). */
final class Priors {

    private Priors() {
    }

    /** {@code values} of length 1 (broadcast) or p, each finite (and > 0 when {@code positive}). */
    static double[] expand(String field, double[] values, int p, boolean positive) {
        if (values.length != 1 && values.length != p) {
            throw new InvalidParameterException(field, values.length + " values",
                    "needs 1 value or one per coefficient (" + p + ")");
        }
        double[] out = new double[p];
        for (int i = 0; i < p; i++) {
            double v = values[values.length == 1 ? 0 : i];
            if (!Double.isFinite(v) || (positive && !(v > 0))) {
                throw new InvalidParameterException(values.length == 1 ? field : field + "[" + i + "]", v,
                        positive ? "must be finite and > 0" : "must be finite");
            }
            out[i] = v;
        }
        return out;
    }
}
