package io.streamvi.model.bbvi;

import io.streamvi.model.InvalidParameterException;
import java.util.Arrays;

/**
 * The full-rank Gaussian q(w) = N(w; μ, LLᵀ) with L lower triangular and L_jj &gt; 0, i.e. L is the
 * Cholesky factor of Σ (Titsias &amp; Lázaro-Gredilla 2014; the full-rank family of Kucukelbir et
 * al. 2017). ADVI leaves the diagonal of L unconstrained; here it is stored as λ_j = ln L_jj, so
 * that L is the unique Cholesky factor, every φ ∈ R^n is valid, and H[q] is smooth in φ.
 *
 * <p>Layout, n = p + p(p+1)/2: φ = [μ_0 … μ_{p−1}, then L packed row by row], row j holding
 * L_j0 … L_j(j−1), λ_j. So φ[j] = μ_j, L_jk sits at {@link #scaleIndex}(j, k) = p + j(j+1)/2 + k
 * for k &lt; j, and λ_j = ln L_jj at p + j(j+1)/2 + j. For p = 2: [μ_0, μ_1, λ_0, L_10, λ_1].
 *
 * <ul>
 *   <li>w_j = μ_j + Σ_{k&lt;j} L_jk ε_k + L_jj ε_j;
 *   <li>H[q] = ½ p (1 + ln 2π) + Σ_j λ_j, so ∂H/∂λ_j = 1 and every other partial is 0;
 *   <li>for g = ∇_w f: ∂f/∂μ_j = g_j, ∂f/∂L_jk = g_j ε_k (j &gt; k) and ∂f/∂λ_j = g_j ε_j L_jj.
 * </ul>
 */
public final class FullRankGaussian implements GaussianFamily {

    private final int p;
    private final int n;

    public FullRankGaussian(int p) {
        this.p = Vectors.requireDimension(p);
        long count = p + (long) p * (p + 1) / 2;
        if (count > Integer.MAX_VALUE - 8) {
            throw new InvalidParameterException("dimension", p, "must give fewer than 2^31 parameters");
        }
        this.n = (int) count;
    }

    @Override
    public int dimension() {
        return p;
    }

    @Override
    public int parameterCount() {
        return n;
    }

    /** The position in φ of L_jk, 0 ≤ k ≤ j &lt; p (for k = j it holds ln L_jj). */
    public int scaleIndex(int j, int k) {
        Vectors.requireIndex("j", j, p);
        Vectors.requireIndex("k", k, j + 1);
        return row(j) + k;
    }

    @Override
    public String parameterName(int i) {
        Vectors.requireIndex("i", i, n);
        if (i < p) {
            return "mu[" + i + "]";
        }
        int j = 0;
        while (row(j + 1) <= i) {
            j++;
        }
        int k = i - row(j);
        return k == j ? "log L[" + j + "][" + j + "]" : "L[" + j + "][" + k + "]";
    }

    @Override
    public double[] initial(double[] mean, double[] sd) {
        Vectors.requireLength("mean", mean, p);
        Vectors.requireLength("sd", sd, p);
        double[] phi = new double[n];
        for (int j = 0; j < p; j++) {
            if (!Double.isFinite(mean[j])) {
                throw new InvalidParameterException("mean[" + j + "]", mean[j], "must be finite");
            }
            phi[j] = mean[j];
            phi[row(j) + j] = Math.log(InvalidParameterException.requirePositive("sd[" + j + "]", sd[j]));
        }
        return phi;
    }

    /** Rows are filled from the last, so {@code wOut} may be the same array as {@code eps}. */
    @Override
    public void sample(double[] phi, double[] eps, double[] wOut) {
        checkLengths(phi, eps);
        Vectors.requireLength("wOut", wOut, p);
        for (int j = p - 1; j >= 0; j--) {
            int r = row(j);
            double w = phi[j];
            for (int k = 0; k < j; k++) {
                w += phi[r + k] * eps[k];
            }
            wOut[j] = w + Math.exp(phi[r + j]) * eps[j];
        }
    }

    @Override
    public double entropy(double[] phi) {
        Vectors.requireLength("phi", phi, n);
        double sumLogDiagonal = 0;
        for (int j = 0; j < p; j++) {
            sumLogDiagonal += phi[row(j) + j];
        }
        return p * MeanFieldGaussian.UNIT_ENTROPY + sumLogDiagonal;
    }

    @Override
    public void addEntropyGradient(double[] phi, double[] gradOut) {
        Vectors.requireLength("phi", phi, n);
        Vectors.requireLength("gradOut", gradOut, n);
        for (int j = 0; j < p; j++) {
            gradOut[row(j) + j] += 1;
        }
    }

    @Override
    public void addReparameterisedGradient(double[] phi, double[] eps, double[] gradW, double[] gradOut) {
        checkLengths(phi, eps);
        Vectors.requireLength("gradW", gradW, p);
        Vectors.requireLength("gradOut", gradOut, n);
        for (int j = 0; j < p; j++) {
            int r = row(j);
            double g = gradW[j];
            gradOut[j] += g;
            for (int k = 0; k < j; k++) {
                gradOut[r + k] += g * eps[k];
            }
            gradOut[r + j] += g * eps[j] * Math.exp(phi[r + j]);
        }
    }

    @Override
    public double[] mean(double[] phi) {
        Vectors.requireLength("phi", phi, n);
        return Arrays.copyOf(phi, p);
    }

    /** L as a row-major p×p array, zeros above the diagonal and L_jj = exp(λ_j) on it. */
    public double[] cholesky(double[] phi) {
        Vectors.requireLength("phi", phi, n);
        double[] l = new double[p * p];
        for (int j = 0; j < p; j++) {
            int r = row(j);
            System.arraycopy(phi, r, l, j * p, j);
            l[j * p + j] = Math.exp(phi[r + j]);
        }
        return l;
    }

    /** Σ_ij = Σ_{k ≤ min(i, j)} L_ik L_jk. */
    @Override
    public double[] covariance(double[] phi) {
        double[] l = cholesky(phi);
        double[] cov = new double[p * p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = 0; k <= j; k++) {
                    s += l[i * p + k] * l[j * p + k];
                }
                cov[i * p + j] = s;
                cov[j * p + i] = s;
            }
        }
        return cov;
    }

    /** √(Σ_{k ≤ j} L_jk²), the norm of row j of L. */
    @Override
    public double sd(double[] phi, int j) {
        Vectors.requireLength("phi", phi, n);
        Vectors.requireIndex("j", j, p);
        int r = row(j);
        double diagonal = Math.exp(phi[r + j]);
        double s = diagonal * diagonal;
        for (int k = 0; k < j; k++) {
            s += phi[r + k] * phi[r + k];
        }
        return Math.sqrt(s);
    }

    @Override
    public String checkDomain(double[] phi) {
        if (phi == null || phi.length != n) {
            return "phi has length " + (phi == null ? "null" : phi.length) + ", expected p + p(p+1)/2 = " + n;
        }
        for (int j = 0; j < p; j++) {
            String problem = Vectors.problem(phi[j], false);
            if (problem != null) {
                return Vectors.reason(this, phi, j, problem);
            }
        }
        for (int j = 0; j < p; j++) {
            int r = row(j);
            for (int k = 0; k <= j; k++) {
                String problem = Vectors.problem(phi[r + k], k == j);
                if (problem != null) {
                    return Vectors.reason(this, phi, r + k, problem);
                }
            }
        }
        return null;
    }

    /** Position of L_j0 in φ (in long arithmetic: j(j+1) overflows an int before the halving). */
    private int row(int j) {
        return p + (int) ((long) j * (j + 1) / 2);
    }

    private void checkLengths(double[] phi, double[] eps) {
        Vectors.requireLength("phi", phi, n);
        Vectors.requireLength("eps", eps, p);
    }

    @Override
    public String toString() {
        return "FullRankGaussian[p=" + p + "]";
    }
}
