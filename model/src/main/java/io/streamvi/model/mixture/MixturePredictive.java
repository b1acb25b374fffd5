package io.streamvi.model.mixture;

/**
 * The posterior predictive density of a new point under q (Bishop 2006, eq. 10.81):
 * <pre>
 *   p(x | data) ≈ Σ_k (α_k / α̂) p_k(x)
 * </pre>
 * where p_k is the component's predictive: a d-variate Student-t St(x | m_k, L_k, ν_k + 1 − d)
 * with L_k = ((ν_k + 1 − d) β_k / (1 + β_k)) W_k for full covariance, and a product of
 * univariate Student-t with 2a_k degrees of freedom for diagonal covariance. The sum is taken
 * with log-sum-exp.
 */
final class MixturePredictive {

    private MixturePredictive() {
    }

    /**
     * ln p(x | data) for x at {@code xs[xOffset..]}.
     *
     * @param terms scratch of length ≥ K
     * @param scratch scratch of length ≥ d
     */
    static double logDensity(VariationalMixture q, double[] xs, int xOffset, double[] terms, double[] scratch) {
        int k = q.components();
        double total = 0;
        for (int c = 0; c < k; c++) {
            total += q.alpha(c);
        }
        double logTotal = Math.log(total);
        for (int c = 0; c < k; c++) {
            terms[c] = Math.log(q.alpha(c)) - logTotal + q.component(c).logPredictive(xs, xOffset, scratch);
        }
        return Marginals.logSumExp(terms, k);
    }
}
