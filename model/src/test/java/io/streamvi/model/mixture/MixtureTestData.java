package io.streamvi.model.mixture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamvi.model.observation.VectorValue;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Synthetic data and assertions shared by the mixture tests. */
final class MixtureTestData {

    private MixtureTestData() {
    }

    /**
     * n draws from Σ_k w_k N(means[k], L_k L_kᵀ), with {@code choleskyFactors[k]} the
     * lower-triangular L_k, in random order.
     */
    static List<VectorValue> mixture(long seed, int n, double[] weights, double[][] means, double[][][] choleskyFactors) {
        SplittableRandom rng = new SplittableRandom(seed);
        int d = means[0].length;
        List<VectorValue> out = new ArrayList<>(n);
        double[] z = new double[d];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            int k = 0;
            double cumulative = weights[0];
            while (u >= cumulative && k < weights.length - 1) {
                k++;
                cumulative += weights[k];
            }
            for (int j = 0; j < d; j++) {
                z[j] = rng.nextGaussian();
            }
            double[] x = new double[d];
            for (int a = 0; a < d; a++) {
                double v = means[k][a];
                for (int b = 0; b <= a; b++) {
                    v += choleskyFactors[k][a][b] * z[b];
                }
                x[a] = v;
            }
            out.add(new VectorValue(x));
        }
        return out;
    }

    /** The permutation p (estimated component p[k] ↔ true component k) with the smallest total squared distance. */
    static int[] bestMatch(double[][] estimated, double[][] truth) {
        int k = truth.length;
        int[] best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int[] p : permutations(k)) {
            double cost = 0;
            for (int c = 0; c < k; c++) {
                cost += KMeansPlusPlus.squaredDistance(estimated[p[c]], 0, truth[c], 0, truth[c].length);
            }
            if (cost < bestCost) {
                bestCost = cost;
                best = p;
            }
        }
        return best;
    }

    private static List<int[]> permutations(int k) {
        List<int[]> out = new ArrayList<>();
        permute(new int[k], new boolean[k], 0, out);
        return out;
    }

    private static void permute(int[] current, boolean[] used, int position, List<int[]> out) {
        if (position == current.length) {
            out.add(current.clone());
            return;
        }
        for (int v = 0; v < current.length; v++) {
            if (!used[v]) {
                used[v] = true;
                current[position] = v;
                permute(current, used, position + 1, out);
                used[v] = false;
            }
        }
    }

    static void assertRelative(double expected, double actual, double tol, String what) {
        assertEquals(expected, actual, tol * Math.max(Math.abs(expected), Double.MIN_NORMAL),
                () -> what + ": relative error " + Math.abs(actual - expected) / Math.abs(expected));
    }
}
