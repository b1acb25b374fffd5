package io.streamvi.model.mixture;

import io.streamvi.model.posterior.ParameterSummary;
import org.hipparchus.special.Gamma;

/**
 * q(π) = Dirichlet(α_1..α_K) over the mixture weights; the α_k are additive (α_k = α0 + N_k,
 * Bishop 2006, eq. 10.58).
 * <pre>
 *   E[ln π_k] = ψ(α_k) − ψ(α̂),   α̂ = Σ_k α_k                                     (eq. 10.66)
 *   KL(q ‖ Dir(α0·1)) = ln Γ(α̂) − Σ_k ln Γ(α_k) − ln Γ(K α0) + K ln Γ(α0)
 *                       + Σ_k (α_k − α0)(ψ(α_k) − ψ(α̂))
 * </pre>
 * The marginal of π_k is Beta(α_k, α̂ − α_k).
 */
final class DirichletWeights {

    private DirichletWeights() {
    }

    /** Why α is not a valid Dirichlet parameter, or null. */
    static String checkDomain(double[] alpha, int k) {
        for (int i = 0; i < k; i++) {
            if (!(alpha[i] > 0) || !Double.isFinite(alpha[i])) {
                return "Dirichlet alpha[" + i + "] must be finite and > 0, got " + alpha[i];
            }
        }
        return null;
    }

    /** Writes E[ln π_k] into {@code out}. */
    static void expectedLog(double[] alpha, int k, double[] out) {
        double total = 0;
        for (int i = 0; i < k; i++) {
            total += alpha[i];
        }
        double psiTotal = Gamma.digamma(total);
        for (int i = 0; i < k; i++) {
            out[i] = Gamma.digamma(alpha[i]) - psiTotal;
        }
    }

    static double klFromPrior(double[] alpha, int k, double alpha0) {
        double total = 0;
        for (int i = 0; i < k; i++) {
            total += alpha[i];
        }
        double psiTotal = Gamma.digamma(total);
        double kl = Gamma.logGamma(total) - Gamma.logGamma(k * alpha0) + k * Gamma.logGamma(alpha0);
        for (int i = 0; i < k; i++) {
            kl += -Gamma.logGamma(alpha[i]) + (alpha[i] - alpha0) * (Gamma.digamma(alpha[i]) - psiTotal);
        }
        return kl;
    }

    /** Beta(α_k, α̂ − α_k) summary of π_k; with K = 1 the weight is 1 with certainty. */
    static ParameterSummary weight(double[] alpha, int k, int index) {
        String name = "weight[" + index + "]";
        if (k == 1) {
            return new ParameterSummary(name, 1.0, 0.0, 1.0, 1.0, 1.0);
        }
        double total = 0;
        for (int i = 0; i < k; i++) {
            total += alpha[i];
        }
        return Marginals.beta(name, alpha[index], total - alpha[index]);
    }
}
