package io.streamvi.model.mcmc;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Central finite differences against a {@link LogDensity}'s analytic gradient. With step
 * h = 1e-5 · max(1, |x_i|) the truncation error is O(h² f''') and the rounding error
 * O(ε|f|/h) ≈ 1e-11 |f|, so a relative tolerance of 1e-6 on the gradient's scale separates a
 * correct gradient from a wrong one by orders of magnitude.
 */
public final class GradientCheck {

    private GradientCheck() {
    }

    /** The largest |analytic − numeric| / max(1, |analytic|) over the coordinates. */
    public static double maxRelativeError(LogDensity f, double[] x) {
        double[] grad = new double[x.length];
        double value = f.logDensityAndGradient(x.clone(), grad);
        assertEquals(value, f.logDensity(x.clone()), 1e-12 * Math.max(1, Math.abs(value)),
                "logDensity and logDensityAndGradient disagree");
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            double h = 1e-5 * Math.max(1, Math.abs(x[i]));
            double[] up = x.clone();
            double[] down = x.clone();
            up[i] += h;
            down[i] -= h;
            double numeric = (f.logDensity(up) - f.logDensity(down)) / (2 * h);
            worst = Math.max(worst, Math.abs(grad[i] - numeric) / Math.max(1, Math.abs(grad[i])));
        }
        return worst;
    }
}
