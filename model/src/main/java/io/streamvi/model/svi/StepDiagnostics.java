package io.streamvi.model.svi;

/**
 * What one update did.
 *
 * @param step t of this update (counted from 1)
 * @param rho the step size used (1 in exact mode)
 * @param effectiveDataSize N used for this minibatch
 * @param batchSize S, the minibatch size
 * @param elbo the ELBO after the step: in SVI mode the minibatch estimate scaled by N/S, in exact
 *     mode the ELBO of all (discounted) data seen
 * @param rejectedReason null when the step was applied; otherwise why the old state was kept
 * @param elboStdErr the Monte Carlo standard error of {@code elbo} (0 when it is exact)
 */
public record StepDiagnostics(long step, double rho, double effectiveDataSize, int batchSize, double elbo,
        String rejectedReason, double elboStdErr) {

    /** Diagnostics of a step whose ELBO is computed exactly. */
    public StepDiagnostics(long step, double rho, double effectiveDataSize, int batchSize, double elbo,
            String rejectedReason) {
        this(step, rho, effectiveDataSize, batchSize, elbo, rejectedReason, 0.0);
    }

    public boolean rejected() {
        return rejectedReason != null;
    }
}
