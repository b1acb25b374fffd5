package io.streamvi.model.mcmc;

import java.util.Arrays;

/**
 * The diagonal inverse metric M⁻¹ estimated in Stan's windowed warm-up ({@code windowed_adaptation},
 * {@code var_adaptation}; Stan Reference Manual, "HMC algorithm parameters: automatic parameter
 * tuning"): an initial fast interval of 75 iterations adapts only the step size; then slow windows
 * of 25, 50, 100, … iterations each estimate the variance of the draws and set M⁻¹ to it,
 * regularised towards 10⁻³ as
 * <pre>
 *   M⁻¹ = n/(n + 5) · var + 10⁻³ · 5/(n + 5)
 * </pre>
 * (n draws in the window, var with divisor n − 1 by Welford's algorithm); the last slow window is
 * stretched to end where the terminal fast interval of 50 iterations begins. When 75 + 25 + 50
 * exceed the warm-up, the buffers become 15% and 10% of it and the first window the rest, as
 * Stan's message announces (Stan itself then leaves its window counter unset and adapts no metric
 * at all below 150 warm-up iterations; here the shortened schedule is applied). Below 20 warm-up
 * iterations the metric is not adapted.
 */
final class MetricAdaptation {

    private final boolean enabled;
    private final int numWarmup;
    private final int initBuffer;
    private final int termBuffer;
    private final int baseWindow;
    private int counter;
    private int windowSize;
    private int nextWindow;

    private long n;
    private final double[] mean;
    private final double[] m2;

    MetricAdaptation(int dimension, int numWarmup) {
        this.mean = new double[dimension];
        this.m2 = new double[dimension];
        this.numWarmup = numWarmup;
        this.enabled = numWarmup >= 20;
        int init = 75;
        int term = 50;
        int base = 25;
        if (init + base + term > numWarmup) {
            init = (int) (0.15 * numWarmup);
            term = (int) (0.1 * numWarmup);
            base = numWarmup - (init + term);
        }
        this.initBuffer = init;
        this.termBuffer = term;
        this.baseWindow = base;
        this.counter = 0;
        this.windowSize = baseWindow;
        this.nextWindow = initBuffer + windowSize - 1;
    }

    private boolean inWindow() {
        return counter >= initBuffer && counter < numWarmup - termBuffer && counter != numWarmup;
    }

    private boolean endOfWindow() {
        return counter == nextWindow && counter != numWarmup;
    }

    private void computeNextWindow() {
        if (nextWindow == numWarmup - termBuffer - 1) {
            return;
        }
        windowSize *= 2;
        nextWindow = counter + windowSize;
        if (nextWindow != numWarmup - termBuffer - 1) {
            int nextBoundary = nextWindow + 2 * windowSize; // the end of the window after this one
            if (nextBoundary >= numWarmup - termBuffer) {
                nextWindow = numWarmup - termBuffer - 1;
            }
        }
    }

    /**
     * Records the warm-up draw {@code q}; at the end of a slow window overwrites {@code invMetric}
     * with the regularised variance and returns true (the sampler then re-initialises ε).
     */
    boolean learn(double[] invMetric, double[] q) {
        if (!enabled) {
            return false;
        }
        if (inWindow()) {
            n++;
            for (int i = 0; i < q.length; i++) {
                double delta = q[i] - mean[i];
                mean[i] += delta / n;
                m2[i] += delta * (q[i] - mean[i]);
            }
        }
        if (endOfWindow()) {
            computeNextWindow();
            double shrink = n / (n + 5.0);
            double floor = 1e-3 * (5.0 / (n + 5.0));
            for (int i = 0; i < invMetric.length; i++) {
                invMetric[i] = shrink * (m2[i] / (n - 1)) + floor;
            }
            n = 0;
            Arrays.fill(mean, 0);
            Arrays.fill(m2, 0);
            counter++;
            for (double v : invMetric) {
                if (!(v > 0) || !Double.isFinite(v)) {
                    throw new IllegalStateException("adapted inverse metric is not finite and positive: " + v);
                }
            }
            return true;
        }
        counter++;
        return false;
    }
}
