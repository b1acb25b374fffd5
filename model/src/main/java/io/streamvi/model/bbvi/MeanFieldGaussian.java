package io.streamvi.model.bbvi;

import io.streamvi.model.InvalidParameterException;
import java.util.Arrays;

/**
 * The mean-field Gaussian q(w) = Π_j N(w_j; μ_j, σ_j²) of ADVI (Kucukelbir et al. 2017).
 *
 * <p>Layout, n = 2p: φ = [μ_0 … μ_{p−1}, ω_0 … ω_{p−1}] with ω_j = ln σ_j, so φ[j] = μ_j and
 * φ[p + j] = ω_j.
 *
 * <ul>
 *   <li>w_j = μ_j + σ_j ε_j;
 *   <li>H[q] = ½ p (1 + ln 2π) + Σ_j ω_j, so ∂H/∂μ_j = 0 and ∂H/∂ω_j = 1;
 *   <li>for g = ∇_w f: ∂f/∂μ_j = g_j and ∂f/∂ω_j = g_j ε_j σ_j (∂σ_j/∂ω_j = σ_j).
 * </ul>
 */
public final class MeanFieldGaussian implements GaussianFamily {

    /** ½ (1 + ln 2π), the entropy of N(0, 1). */
    static final double UNIT_ENTROPY = 0.5 * (1 + Math.log(2 * Math.PI));

    private final int p;

    public MeanFieldGaussian(int p) {
        this.p = Vectors.requireDimension(p);
    }

    @Override
    public int dimension() {
        return p;
    }

    @Override
    public int parameterCount() {
        return 2 * p;
    }

    @Override
    public String parameterName(int i) {
        Vectors.requireIndex("i", i, 2 * p);
        return i < p ? "mu[" + i + "]" : "log sd[" + (i - p) + "]";
    }

    @Override
    public double[] initial(double[] mean, double[] sd) {
        Vectors.requireLength("mean", mean, p);
        Vectors.requireLength("sd", sd, p);
        double[] phi = new double[2 * p];
        for (int j = 0; j < p; j++) {
            if (!Double.isFinite(mean[j])) {
                throw new InvalidParameterException("mean[" + j + "]", mean[j], "must be finite");
            }
            phi[j] = mean[j];
            phi[p + j] = Math.log(InvalidParameterException.requirePositive("sd[" + j + "]", sd[j]));
        }
        return phi;
    }

    @Override
    public void sample(double[] phi, double[] eps, double[] wOut) {
        checkLengths(phi, eps);
        Vectors.requireLength("wOut", wOut, p);
        for (int j = 0; j < p; j++) {
            wOut[j] = phi[j] + Math.exp(phi[p + j]) * eps[j];
        }
    }

    @Override
    public double entropy(double[] phi) {
        Vectors.requireLength("phi", phi, 2 * p);
        double sumLogSd = 0;
        for (int j = 0; j < p; j++) {
            sumLogSd += phi[p + j];
        }
        return p * UNIT_ENTROPY + sumLogSd;
    }

    @Override
    public void addEntropyGradient(double[] phi, double[] gradOut) {
        Vectors.requireLength("phi", phi, 2 * p);
        Vectors.requireLength("gradOut", gradOut, 2 * p);
        for (int j = 0; j < p; j++) {
            gradOut[p + j] += 1;
        }
    }

    @Override
    public void addReparameterisedGradient(double[] phi, double[] eps, double[] gradW, double[] gradOut) {
        checkLengths(phi, eps);
        Vectors.requireLength("gradW", gradW, p);
        Vectors.requireLength("gradOut", gradOut, 2 * p);
        for (int j = 0; j < p; j++) {
            gradOut[j] += gradW[j];
            gradOut[p + j] += gradW[j] * eps[j] * Math.exp(phi[p + j]);
        }
    }

    @Override
    public double[] mean(double[] phi) {
        Vectors.requireLength("phi", phi, 2 * p);
        return Arrays.copyOf(phi, p);
    }

    @Override
    public double[] covariance(double[] phi) {
        Vectors.requireLength("phi", phi, 2 * p);
        double[] cov = new double[p * p];
        for (int j = 0; j < p; j++) {
            double sd = Math.exp(phi[p + j]);
            cov[j * p + j] = sd * sd;
        }
        return cov;
    }

    @Override
    public double sd(double[] phi, int j) {
        Vectors.requireLength("phi", phi, 2 * p);
        Vectors.requireIndex("j", j, p);
        return Math.exp(phi[p + j]);
    }

    @Override
    public String checkDomain(double[] phi) {
        if (phi == null || phi.length != 2 * p) {
            return "phi has length " + (phi == null ? "null" : phi.length) + ", expected 2p = " + 2 * p;
        }
        for (int i = 0; i < 2 * p; i++) {
            String problem = Vectors.problem(phi[i], i >= p);
            if (problem != null) {
                return Vectors.reason(this, phi, i, problem);
            }
        }
        return null;
    }

    private void checkLengths(double[] phi, double[] eps) {
        Vectors.requireLength("phi", phi, 2 * p);
        Vectors.requireLength("eps", eps, p);
    }

    @Override
    public String toString() {
        return "MeanFieldGaussian[p=" + p + "]";
    }
}
