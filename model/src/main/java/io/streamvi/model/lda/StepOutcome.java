package io.streamvi.model.lda;

import io.streamvi.model.svi.StepDiagnostics;

/**
 * What one online-LDA update produced. The rows were written in place; {@code globals} must be
 * stored with them.
 *
 * @param globals the scalars after the step
 * @param topicProportions per document of the minibatch (in order), γ_d / Σ_k γ_dk
 * @param diagnostics ρ_t, D, S and the ELBO estimate: the minibatch's document terms
 *     ({@link DocumentInference.Result#score()}) scaled by D/S, computed against λ before the step.
 *     The Dirichlet term E[ln p(β|η)] − E[ln q(β|λ)] is left out: it needs a full pass over the
 *     rows ({@link LdaEvaluation#perWordBound} includes it).
 */
public record StepOutcome(LdaGlobals globals, double[][] topicProportions, StepDiagnostics diagnostics) {

    public StepOutcome {
        double[][] copy = new double[topicProportions.length][];
        for (int d = 0; d < copy.length; d++) {
            copy[d] = topicProportions[d].clone();
        }
        topicProportions = copy;
    }

    @Override
    public double[][] topicProportions() {
        double[][] copy = new double[topicProportions.length][];
        for (int d = 0; d < copy.length; d++) {
            copy[d] = topicProportions[d].clone();
        }
        return copy;
    }
}
