package io.streamvi.model.mixture;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeding for the first step: k-means++ (Arthur and Vassilvitskii 2007) on the points of one
 * minibatch, then Lloyd iterations on the same points. Points are stored flat, point i at
 * {@code xs[i·d .. i·d + d)}.
 *
 * <p>{@link #cluster} runs k-means++ then Lloyd several times from the same random stream and keeps
 * the run with the smallest within-cluster sum of squares (as k-means implementations usually do
 * with several initialisations), which makes a poor split of the first minibatch less likely.
 *
 * <p>k-means++ picks the first centre uniformly and each further one with probability
 * proportional to D(x)², the squared distance to the nearest centre already chosen. When every
 * remaining D(x)² is 0 (fewer distinct points than K) the centre is drawn uniformly, so centres
 * may coincide.
 */
final class KMeansPlusPlus {

    private KMeansPlusPlus() {
    }

    /**
     * The best of {@code restarts} runs of k-means++ followed by at most {@code iterations} Lloyd
     * rounds: the assignment of each point to a centre, with the smallest within-cluster sum of
     * squares (the first run wins ties).
     */
    static int[] cluster(double[] xs, int n, int d, int k, SplittableRandom rng, int restarts, int iterations) {
        int[] best = null;
        double bestInertia = Double.POSITIVE_INFINITY;
        for (int run = 0; run < restarts; run++) {
            double[] centres = seed(xs, n, d, k, rng);
            int[] assignment = lloyd(xs, n, d, centres, k, iterations);
            double inertia = 0;
            for (int i = 0; i < n; i++) {
                inertia += squaredDistance(xs, i * d, centres, assignment[i] * d, d);
            }
            if (best == null || inertia < bestInertia) {
                best = assignment;
                bestInertia = inertia;
            }
        }
        return best;
    }

    /** K centres, flat (centre c at {@code [c·d, c·d + d)}), drawn with {@code rng}. */
    static double[] seed(double[] xs, int n, int d, int k, SplittableRandom rng) {
        double[] centres = new double[k * d];
        double[] nearest = new double[n];
        int first = rng.nextInt(n);
        System.arraycopy(xs, first * d, centres, 0, d);
        for (int i = 0; i < n; i++) {
            nearest[i] = squaredDistance(xs, i * d, centres, 0, d);
        }
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                total += nearest[i];
            }
            int pick = lastPositive(nearest, n);
            if (total > 0) {
                double u = rng.nextDouble() * total;
                double cumulative = 0;
                for (int i = 0; i < n; i++) {
                    cumulative += nearest[i];
                    if (u < cumulative) {
                        pick = i;
                        break;
                    }
                }
            } else {
                pick = rng.nextInt(n);
            }
            System.arraycopy(xs, pick * d, centres, c * d, d);
            for (int i = 0; i < n; i++) {
                nearest[i] = Math.min(nearest[i], squaredDistance(xs, i * d, centres, c * d, d));
            }
        }
        return centres;
    }

    /**
     * Lloyd's algorithm from {@code centres} (updated in place) for at most {@code iterations}
     * rounds or until no assignment changes. A centre that loses all its points stays where it
     * is. Returns the final assignment of each point to its nearest centre (ties: lowest index).
     */
    static int[] lloyd(double[] xs, int n, int d, double[] centres, int k, int iterations) {
        int[] assignment = assign(xs, n, d, centres, k, null);
        double[] sums = new double[k * d];
        int[] counts = new int[k];
        for (int round = 0; round < iterations; round++) {
            Arrays.fill(sums, 0.0);
            Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                int c = assignment[i];
                counts[c]++;
                for (int j = 0; j < d; j++) {
                    sums[c * d + j] += xs[i * d + j];
                }
            }
            for (int c = 0; c < k; c++) {
                if (counts[c] > 0) {
                    for (int j = 0; j < d; j++) {
                        centres[c * d + j] = sums[c * d + j] / counts[c];
                    }
                }
            }
            int[] next = assign(xs, n, d, centres, k, assignment);
            if (next == null) {
                break;
            }
            assignment = next;
        }
        return assignment;
    }

    /** Nearest-centre assignment; with {@code previous} given, null when nothing changed. */
    private static int[] assign(double[] xs, int n, int d, double[] centres, int k, int[] previous) {
        int[] out = new int[n];
        boolean changed = previous == null;
        for (int i = 0; i < n; i++) {
            int best = 0;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double dist = squaredDistance(xs, i * d, centres, c * d, d);
                if (dist < bestDistance) {
                    bestDistance = dist;
                    best = c;
                }
            }
            out[i] = best;
            changed |= previous != null && previous[i] != best;
        }
        return changed ? out : null;
    }

    /** The last index with a positive distance (the pick when rounding leaves u past the total), or n − 1. */
    private static int lastPositive(double[] nearest, int n) {
        for (int i = n - 1; i >= 0; i--) {
            if (nearest[i] > 0) {
                return i;
            }
        }
        return n - 1;
    }

    static double squaredDistance(double[] a, int aOffset, double[] b, int bOffset, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            double diff = a[aOffset + j] - b[bOffset + j];
            s += diff * diff;
        }
        return s;
    }
}
