package io.streamvi.model.svi;

import java.util.Arrays;

/**
 * The whole state of one posterior, as one immutable value: restore it and the model is back.
 *
 * @param step number of updates applied (t of the last step; 0 before the first)
 * @param observationsSeen observations folded in so far
 * @param effectiveDataSize N after the last step
 * @param params the variational parameters in the model's own parameterisation (for conjugate
 *     models the natural parameter λ, shifted so that updates are additive)
 */
public record VariationalState(long step, long observationsSeen, double effectiveDataSize, double[] params) {

    public VariationalState {
        params = params.clone();
    }

    /** A copy of the parameters. */
    @Override
    public double[] params() {
        return params.clone();
    }

    /** The i-th parameter without copying the array. */
    public double param(int i) {
        return params[i];
    }

    public int dimension() {
        return params.length;
    }

    /** True when every number in the state is finite. */
    public boolean isFinite() {
        if (!Double.isFinite(effectiveDataSize)) {
            return false;
        }
        for (double p : params) {
            if (!Double.isFinite(p)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VariationalState s
                && step == s.step
                && observationsSeen == s.observationsSeen
                && Double.compare(effectiveDataSize, s.effectiveDataSize) == 0
                && Arrays.equals(params, s.params);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(step) + Arrays.hashCode(params);
    }

    @Override
    public String toString() {
        return "VariationalState[step=" + step + ", seen=" + observationsSeen + ", N=" + effectiveDataSize
                + ", params=" + Arrays.toString(params) + "]";
    }
}
