package io.streamvi.model.mcmc;

/** Small targets with known properties for the sampler's tests. */
final class TestTargets {

    private TestTargets() {
    }

    /** Independent N(mean_i, sd_i²). */
    static LogDensity normal(double[] mean, double[] sd) {
        return new LogDensity() {
            @Override
            public int dimension() {
                return mean.length;
            }

            @Override
            public double logDensity(double[] x) {
                return logDensityAndGradient(x, new double[x.length]);
            }

            @Override
            public double logDensityAndGradient(double[] x, double[] grad) {
                double lp = 0;
                for (int i = 0; i < x.length; i++) {
                    double z = (x[i] - mean[i]) / sd[i];
                    lp -= 0.5 * z * z;
                    grad[i] = -z / sd[i];
                }
                return lp;
            }
        };
    }

    /**
     * Neal's funnel (Neal 2003, "Slice sampling", Ann. Statist. 31): v ~ N(0, 3²), x_i | v ~ N(0, e^v),
     * i = 1..d−1, in the centred parameterisation whose neck HMC cannot enter with one step size.
     */
    static LogDensity funnel(int d) {
        return new LogDensity() {
            @Override
            public int dimension() {
                return d;
            }

            @Override
            public double logDensity(double[] x) {
                return logDensityAndGradient(x, new double[x.length]);
            }

            @Override
            public double logDensityAndGradient(double[] x, double[] grad) {
                double v = x[0];
                double lp = -v * v / 18;
                grad[0] = -v / 9;
                double ev = Math.exp(-v);
                for (int i = 1; i < d; i++) {
                    lp += -0.5 * v - 0.5 * x[i] * x[i] * ev;
                    grad[0] += -0.5 + 0.5 * x[i] * x[i] * ev;
                    grad[i] = -x[i] * ev;
                }
                return lp;
            }
        };
    }

    /** An equal mixture of N(−c, 1) and N(c, 1) in one dimension: two modes 2c apart. */
    static LogDensity bimodal(double c) {
        return new LogDensity() {
            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public double logDensity(double[] x) {
                return logDensityAndGradient(x, new double[1]);
            }

            @Override
            public double logDensityAndGradient(double[] x, double[] grad) {
                double a = -0.5 * (x[0] + c) * (x[0] + c);
                double b = -0.5 * (x[0] - c) * (x[0] - c);
                double m = Math.max(a, b);
                double wa = Math.exp(a - m);
                double wb = Math.exp(b - m);
                grad[0] = (wa * -(x[0] + c) + wb * -(x[0] - c)) / (wa + wb);
                return m + Math.log(wa + wb);
            }
        };
    }
}
