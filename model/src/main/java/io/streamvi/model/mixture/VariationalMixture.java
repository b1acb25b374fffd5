package io.streamvi.model.mixture;

import io.streamvi.model.mixture.ComponentFamily.Component;
import io.streamvi.model.mixture.ComponentFamily.OutsideDomainException;
import java.util.Arrays;

/**
 * The global variational distribution q(π) Π_k q(μ_k, Λ_k) decoded from the flat state, and the
 * local step that goes with it.
 *
 * <p>Flat layout of the state (length K + K·B, B the family's block size): α_1..α_K, then the
 * block of component 1, ..., the block of component K.
 *
 * <p>Local step (Bishop 2006, eqs. 10.46–10.49): given the globals, the optimal q(z_i) is
 * r_ik = ρ_ik / Σ_j ρ_ij with ln ρ_ik = E[ln π_k] + E[ln N(x_i | μ_k, Λ_k^-1)]. In this model the
 * local coordinate-ascent step is closed-form and exact in one pass: the r_ik depend only on the
 * globals, so no inner iteration is needed (the local step of Hoffman et al. 2013,
 * Algorithm 1). The normalisation uses log-sum-exp, and the optimal local term of the ELBO,
 * Σ_k r_ik (ln ρ_ik − ln r_ik), equals ln Σ_k ρ_ik.
 */
final class VariationalMixture {

    private final int k;
    private final double[] alpha;
    private final double[] expectedLogWeights;
    private final Component[] components;

    private VariationalMixture(int k, double[] alpha, Component[] components) {
        this.k = k;
        this.alpha = alpha;
        this.components = components;
        this.expectedLogWeights = new double[k];
        DirichletWeights.expectedLog(alpha, k, expectedLogWeights);
    }

    /**
     * Decodes {@code lambda}.
     *
     * @throws OutsideDomainException naming the component when a block is outside its family
     */
    static VariationalMixture decode(ComponentFamily family, int k, double[] lambda) {
        double[] alpha = Arrays.copyOf(lambda, k);
        String problem = DirichletWeights.checkDomain(alpha, k);
        if (problem != null) {
            throw new OutsideDomainException(problem);
        }
        Component[] components = new Component[k];
        for (int c = 0; c < k; c++) {
            try {
                components[c] = family.decode(lambda, offset(family, k, c));
            } catch (OutsideDomainException e) {
                throw new OutsideDomainException("component " + c + ": " + e.getMessage());
            }
        }
        return new VariationalMixture(k, alpha, components);
    }

    /** Offset of component c's block in the flat state. */
    static int offset(ComponentFamily family, int k, int c) {
        return k + c * family.blockSize();
    }

    /** Length of the flat state. */
    static int size(ComponentFamily family, int k) {
        return k + k * family.blockSize();
    }

    int components() {
        return k;
    }

    double alpha(int c) {
        return alpha[c];
    }

    double[] alpha() {
        return alpha.clone();
    }

    Component component(int c) {
        return components[c];
    }

    /**
     * Writes the responsibilities r_ik of the point at {@code xs[xOffset..]} into {@code r}
     * (length ≥ K) and returns ln Σ_k ρ_ik, the point's optimal local ELBO term.
     *
     * @param scratch length ≥ d
     */
    double responsibilities(double[] xs, int xOffset, double[] r, double[] scratch) {
        for (int c = 0; c < k; c++) {
            r[c] = expectedLogWeights[c] + components[c].expectedLogLikelihood(xs, xOffset, scratch);
        }
        double lse = Marginals.logSumExp(r, k);
        for (int c = 0; c < k; c++) {
            r[c] = Math.exp(r[c] - lse);
        }
        return lse;
    }

    /** KL(q(π) ‖ p(π)) + Σ_k KL(q(μ_k, Λ_k) ‖ p(μ_k, Λ_k)). */
    double klFromPrior(double alpha0) {
        double kl = DirichletWeights.klFromPrior(alpha, k, alpha0);
        for (Component c : components) {
            kl += c.klFromPrior();
        }
        return kl;
    }
}
