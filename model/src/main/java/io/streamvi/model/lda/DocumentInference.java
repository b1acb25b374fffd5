package io.streamvi.model.lda;

import org.hipparchus.special.Gamma;

/**
 * The local step of LDA for one document (Hoffman et al. 2010, Algorithm 2, inner loop): with q(β)
 * fixed, alternate
 * φ_wk ∝ exp(E[ln θ_k] + E[ln β_kw]) and γ_k = α + Σ_w n_w φ_wk,
 * where E[ln θ_k] = ψ(γ_k) − ψ(Σ_j γ_j) and E[ln β_kw] = ψ(λ_wk) − ψ(Σ_v λ_vk), until the mean
 * absolute change of γ falls below the tolerance or the iteration cap is reached. φ is never stored:
 * with e_k = exp(E[ln θ_k]) and b_wk = exp(E[ln β_kw]), φ_wk = e_k b_wk / Z_w, Z_w = Σ_k e_k b_wk.
 */
final class DocumentInference {

    /** Added to Z_w so that a word all of whose b_wk underflow contributes nothing rather than NaN. */
    private static final double TINY = 1e-100;

    private DocumentInference() {
    }

    /**
     * The converged local posterior of one document.
     *
     * @param gamma γ, the Dirichlet parameter of q(θ)
     * @param sufficient n_w φ_wk per distinct word position w (the document's share of s_wk)
     * @param score the document's ELBO terms with φ at its optimum given γ (Hoffman et al. 2010,
     *     eq. 3 with φ collapsed): Σ_w n_w ln Z_w + Σ_k [(α − γ_k)E[ln θ_k] + ln Γ(γ_k) − ln Γ(α)]
     *     + ln Γ(Kα) − ln Γ(Σ_k γ_k)
     * @param iterations γ updates made
     */
    record Result(double[] gamma, double[][] sufficient, double score, int iterations) {
    }

    /**
     * @param counts n_w per distinct word position
     * @param expElogBeta b_wk per distinct word position (the same order as {@code counts})
     * @param gammaInit the starting γ (not modified)
     */
    static Result infer(int[] counts, double[][] expElogBeta, double alpha, double[] gammaInit, int maxIterations,
            double tolerance) {
        int k = gammaInit.length;
        int n = counts.length;
        double[] gamma = gammaInit.clone();
        double[] expElogTheta = new double[k];
        double[] z = new double[n];
        int iterations = 0;
        while (iterations < maxIterations) {
            expElogTheta(gamma, expElogTheta);
            normalisers(expElogTheta, expElogBeta, z);
            double change = 0;
            for (int j = 0; j < k; j++) {
                double acc = 0;
                for (int w = 0; w < n; w++) {
                    acc += counts[w] * expElogBeta[w][j] / z[w];
                }
                double next = alpha + expElogTheta[j] * acc;
                change += Math.abs(next - gamma[j]);
                gamma[j] = next;
            }
            iterations++;
            if (change / k < tolerance) {
                break;
            }
        }
        double[] elogTheta = expElogTheta(gamma, expElogTheta);
        normalisers(expElogTheta, expElogBeta, z);
        double[][] sufficient = new double[n][k];
        double score = 0;
        for (int w = 0; w < n; w++) {
            double scale = counts[w] / z[w];
            for (int j = 0; j < k; j++) {
                sufficient[w][j] = scale * expElogTheta[j] * expElogBeta[w][j];
            }
            score += counts[w] * Math.log(z[w]);
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            score += (alpha - gamma[j]) * elogTheta[j] + Gamma.logGamma(gamma[j]) - Gamma.logGamma(alpha);
            sum += gamma[j];
        }
        score += Gamma.logGamma(k * alpha) - Gamma.logGamma(sum);
        return new Result(gamma, sufficient, score, iterations);
    }

    /** Fills {@code out} with exp(E[ln θ_k]) and returns E[ln θ_k]. */
    private static double[] expElogTheta(double[] gamma, double[] out) {
        double sum = 0;
        for (double g : gamma) {
            sum += g;
        }
        double psiSum = Digamma.of(sum);
        double[] elog = new double[gamma.length];
        for (int j = 0; j < gamma.length; j++) {
            elog[j] = Digamma.of(gamma[j]) - psiSum;
            out[j] = Math.exp(elog[j]);
        }
        return elog;
    }

    private static void normalisers(double[] expElogTheta, double[][] expElogBeta, double[] z) {
        for (int w = 0; w < z.length; w++) {
            double acc = TINY;
            for (int j = 0; j < expElogTheta.length; j++) {
                acc += expElogTheta[j] * expElogBeta[w][j];
            }
            z[w] = acc;
        }
    }
}
