package io.streamvi.model.svi;

import io.streamvi.model.observation.Observation;
import java.util.List;

/**
 * Exponential forgetting observation by observation. With a half-life h each observation's weight
 * is multiplied by γ₁ = 2^(−1/h) for every later observation, so after a minibatch of S the old
 * statistics carry γ₁^S and observation i of the minibatch carries γ₁^(S−1−i). Weighting inside
 * the minibatch (not only the old state) makes exact and CAVI results independent of where the
 * stream was cut into minibatches, as a replay with timing-dependent flushes requires.
 */
public final class Forgetting {

    /** Adds one observation's statistics to an accumulator. */
    @FunctionalInterface
    public interface Accumulator {
        void add(Observation x, double[] acc);
    }

    private Forgetting() {
    }

    /**
     * Accumulates Σ_i γ₁^(S−1−i) t(x_i) into {@code acc} (γ₁ = 1 when {@code dataSize} is null or
     * does not forget) and returns Σ_i γ₁^(S−1−i), the minibatch's weight.
     */
    public static double accumulate(List<? extends Observation> batch, double[] acc, EffectiveDataSize dataSize,
            Accumulator add) {
        double g = dataSize == null ? 1.0 : dataSize.discount(1);
        double weight = 0;
        for (Observation x : batch) {
            if (g != 1.0) {
                for (int j = 0; j < acc.length; j++) {
                    acc[j] *= g;
                }
                weight *= g;
            }
            add.add(x, acc);
            weight += 1;
        }
        return weight;
    }

    /** γ₁^S, the discount of everything before a minibatch of S observations. */
    public static double discount(EffectiveDataSize dataSize, int s) {
        double g = dataSize.discount(1);
        return g == 1.0 ? 1.0 : Math.pow(g, s);
    }
}
