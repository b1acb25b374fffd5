package io.streamvi.model.lda;

import org.hipparchus.special.Gamma;

/**
 * The local step of LDA for one document (Hoffman et al. 2010, Algorithm 2, inner loop): with q(β)
 * fixed, alternate
 * φ_wk ∝ exp(E[ln θ_k] + E[ln β_kw]) and γ_k = α + Σ_w n_w φ_wk,
 * where E[ln θ_k] = ψ(γ_k) − ψ(Σ_j γ_j) and E[ln β_kw] = ψ(λ_wk) − ψ(Σ_v λ_vk), until the mean
 * absolute change of γ falls below the tolerance or the iteration cap is reached. φ is never stored:
 * with e_k = exp(E[ln θ_k]) and b_wk = exp(E[ln β_kw]), φ_wk = e_k b_wk / Z_w, Z_w = Σ_k e_k b_wk,
 * so γ_k = α + e_k Σ_w (n_w / Z_w) b_wk.
 *
 * <p>An instance is scratch space for one caller (one {@link OnlineLda#update} or one evaluation
 * call), reused across that caller's documents: it is not thread-safe and never shared. The b_wk of
 * a document are held in one n×K array, row-major by word position, filled by the caller through
 * {@link #beta}. After {@link #run}, {@link #gamma}, {@link #score} and {@link #addSufficient} read
 * the converged state.
 */
final class DocumentInference {

    /** Added to Z_w so that a word all of whose b_wk underflow contributes nothing rather than NaN. */
    private static final double TINY = 1e-100;

    /**
     * The converged local posterior of one document.
     *
     * @param gamma γ, the Dirichlet parameter of q(θ)
     * @param score the document's ELBO terms with φ at its optimum given γ (Hoffman et al. 2010,
     *     eq. 3 with φ collapsed): Σ_w n_w ln Z_w + Σ_k [(α − γ_k)E[ln θ_k] + ln Γ(γ_k) − ln Γ(α)]
     *     + ln Γ(Kα) − ln Γ(Σ_k γ_k)
     * @param iterations γ updates made
     */
    record Result(double[] gamma, double score, int iterations) {
    }

    private final int k;
    private final double[] gamma;
    private final double[] elogTheta;
    private final double[] expElogTheta;
    private final double[] acc;
    private double[] beta = new double[0];
    private double[] z = new double[0];
    private double[] ratio = new double[0];
    private int n;

    DocumentInference(int topics) {
        k = topics;
        gamma = new double[k];
        elogTheta = new double[k];
        expElogTheta = new double[k];
        acc = new double[k];
    }

    /**
     * The n×K array (row-major: b_wk at {@code w * K + k}) for a document of {@code positions}
     * distinct words, to be filled by the caller before {@link #run}. Its contents are unspecified.
     */
    double[] beta(int positions) {
        n = positions;
        if (beta.length < positions * k) {
            int capacity = Math.max(positions, 2 * beta.length / Math.max(k, 1));
            beta = new double[capacity * k];
            z = new double[capacity];
            ratio = new double[capacity];
        }
        return beta;
    }

    /**
     * Runs the local step on the b_wk last set through {@link #beta}.
     *
     * @param counts n_w per distinct word position (the first n are read)
     * @param gammaInit the starting γ (not modified)
     * @return the γ updates made
     */
    int run(int[] counts, double alpha, double[] gammaInit, int maxIterations, double tolerance) {
        System.arraycopy(gammaInit, 0, gamma, 0, k);
        int iterations = 0;
        while (iterations < maxIterations) {
            expElogTheta();
            accumulate(counts);
            double change = 0;
            for (int j = 0; j < k; j++) {
                double next = alpha + expElogTheta[j] * acc[j];
                change += Math.abs(next - gamma[j]);
                gamma[j] = next;
            }
            iterations++;
            if (change / k < tolerance) {
                break;
            }
        }
        expElogTheta();
        ratios(counts);
        return iterations;
    }

    /** The converged γ (a view of the scratch array, overwritten by the next {@link #run}). */
    double[] gamma() {
        return gamma;
    }

    /** The converged γ as a new array. */
    double[] gammaCopy() {
        return gamma.clone();
    }

    /** The document's ELBO terms at the converged γ (see {@link Result#score()}). */
    double score(int[] counts, double alpha) {
        double score = 0;
        for (int w = 0; w < n; w++) {
            score += counts[w] * Math.log(z[w]);
        }
        double sum = 0;
        double logGammaAlpha = Gamma.logGamma(alpha);
        for (int j = 0; j < k; j++) {
            score += (alpha - gamma[j]) * elogTheta[j] + Gamma.logGamma(gamma[j]) - logGammaAlpha;
            sum += gamma[j];
        }
        score += Gamma.logGamma(k * alpha) - Gamma.logGamma(sum);
        return score;
    }

    /**
     * Adds n_w φ_wk of the converged state to {@code target} at row {@code rowOf[w]} (row-major,
     * K per row).
     */
    void addSufficient(int[] rowOf, double[] target) {
        for (int w = 0, row = 0; w < n; w++, row += k) {
            double scale = ratio[w];
            int at = rowOf[w] * k;
            for (int j = 0; j < k; j++) {
                target[at + j] += scale * expElogTheta[j] * beta[row + j];
            }
        }
    }

    /** Fills E[ln θ_k] and exp(E[ln θ_k]) from γ. */
    private void expElogTheta() {
        double sum = 0;
        for (int j = 0; j < k; j++) {
            sum += gamma[j];
        }
        double psiSum = Digamma.of(sum);
        for (int j = 0; j < k; j++) {
            elogTheta[j] = Digamma.of(gamma[j]) - psiSum;
            expElogTheta[j] = Math.exp(elogTheta[j]);
        }
    }

    /**
     * acc_k = Σ_w (n_w / Z_w) b_wk, summed over w in order. Four words at a time, so that their four
     * Z_w sums (each still added in k order) run side by side instead of one long dependent chain,
     * and acc is read and written once per four words; every sum is formed in the same order as
     * the one-word-at-a-time loop, so the results are the same bits.
     */
    private void accumulate(int[] counts) {
        double[] b = beta;
        double[] e = expElogTheta;
        double[] a = acc;
        java.util.Arrays.fill(a, 0.0);
        int w = 0;
        for (; w + 4 <= n; w += 4) {
            int r0 = w * k;
            int r1 = r0 + k;
            int r2 = r1 + k;
            int r3 = r2 + k;
            double z0 = TINY;
            double z1 = TINY;
            double z2 = TINY;
            double z3 = TINY;
            for (int j = 0; j < k; j++) {
                double ej = e[j];
                z0 += ej * b[r0 + j];
                z1 += ej * b[r1 + j];
                z2 += ej * b[r2 + j];
                z3 += ej * b[r3 + j];
            }
            double q0 = counts[w] / z0;
            double q1 = counts[w + 1] / z1;
            double q2 = counts[w + 2] / z2;
            double q3 = counts[w + 3] / z3;
            for (int j = 0; j < k; j++) {
                a[j] = a[j] + q0 * b[r0 + j] + q1 * b[r1 + j] + q2 * b[r2 + j] + q3 * b[r3 + j];
            }
        }
        for (; w < n; w++) {
            int r0 = w * k;
            double z0 = TINY;
            for (int j = 0; j < k; j++) {
                z0 += e[j] * b[r0 + j];
            }
            double q0 = counts[w] / z0;
            for (int j = 0; j < k; j++) {
                a[j] += q0 * b[r0 + j];
            }
        }
    }

    /** ratio_w = n_w / Z_w with Z_w = Σ_k e_k b_wk (+ TINY). */
    private void ratios(int[] counts) {
        for (int w = 0, row = 0; w < n; w++, row += k) {
            double norm = TINY;
            for (int j = 0; j < k; j++) {
                norm += expElogTheta[j] * beta[row + j];
            }
            z[w] = norm;
            ratio[w] = counts[w] / norm;
        }
    }
}
