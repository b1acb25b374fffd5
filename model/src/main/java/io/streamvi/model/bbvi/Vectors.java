package io.streamvi.model.bbvi;

import io.streamvi.model.InvalidParameterException;

/** Argument checks shared by the Gaussian families: lengths fail loudly, naming the array. */
final class Vectors {

    private Vectors() {
    }

    /** Throws unless {@code a} has exactly {@code n} entries. */
    static void requireLength(String field, double[] a, int n) {
        if (a == null) {
            throw new InvalidParameterException(field, null, "must be an array of length " + n);
        }
        if (a.length != n) {
            throw new InvalidParameterException(field, "length " + a.length, "must have length " + n);
        }
    }

    /** Throws unless 0 ≤ i &lt; n. */
    static int requireIndex(String field, int i, int n) {
        if (i < 0 || i >= n) {
            throw new InvalidParameterException(field, i, "must be in [0, " + n + ")");
        }
        return i;
    }

    /** Throws unless {@code p} is a usable dimension of w. */
    static int requireDimension(int p) {
        if (p < 1) {
            throw new InvalidParameterException("dimension", p, "must be >= 1");
        }
        return p;
    }

    /**
     * What is wrong with a parameter value {@code v}, or null: it must be finite and, for a scale
     * stored on the log scale, exp(v) must be finite and &gt; 0 (ln σ above ln Double.MAX_VALUE
     * ≈ 709.78 overflows; below ≈ −745.13 the scale underflows to 0 and the Gaussian is degenerate).
     */
    static String problem(double v, boolean logScale) {
        if (!Double.isFinite(v)) {
            return "is not finite";
        }
        if (logScale) {
            double scale = Math.exp(v);
            if (Double.isInfinite(scale)) {
                return "overflows to Infinity under exp";
            }
            if (scale == 0) {
                return "underflows to 0 under exp (degenerate scale)";
            }
        }
        return null;
    }

    /** The message for a bad φ[i]: index, name, value and problem. */
    static String reason(GaussianFamily family, double[] phi, int i, String problem) {
        return "phi[" + i + "] (" + family.parameterName(i) + ") = " + phi[i] + " " + problem;
    }
}
