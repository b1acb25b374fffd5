package io.streamvi.topology.config;

import java.util.List;

/**
 * Shadow posteriors under a scaled prior, for the conjugate models: for each factor f the
 * posterior the same data give when the prior's strength (its pseudo-observations) is multiplied
 * by f; snapshots report each parameter's shift of the posterior mean in posterior sds and flag
 * the key when one exceeds {@code threshold} (small prior changes moving the answer much suggest
 * too little data for the question, or a weakly identified model).
 *
 * @param enabled whether snapshots carry it (conjugate models only)
 * @param factors the prior-strength factors, e.g. 0.5 and 2
 * @param threshold the flagging shift, in posterior sds
 */
public record PriorSensitivity(boolean enabled, List<Double> factors, double threshold) {
    public PriorSensitivity {
        factors = List.copyOf(factors);
    }
}
