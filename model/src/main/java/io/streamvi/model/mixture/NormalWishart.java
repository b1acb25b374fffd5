package io.streamvi.model.mixture;

import io.streamvi.model.posterior.NamedParameter;
import io.streamvi.model.posterior.ParameterSummary;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * One full-covariance component: q(μ, Λ) = N(μ | m, (βΛ)^-1) Wishart(Λ | W, ν) (Bishop 2006, §10.2).
 *
 * <p>Block layout (2 + d + d² doubles), additive in the data:
 * <pre>
 *   [ β,  β·m_1 .. β·m_d,  Ψ_11 .. Ψ_dd (row-major),  ν ]     Ψ = W^-1 + β m mᵀ
 * </pre>
 * and t(x) = (1, x, x xᵀ, 1) weighted by the responsibility. With N_k = Σ r_i, this reproduces
 * Bishop's eqs. 10.60–10.63: β_k = β0 + N_k, β_k m_k = β0 m0 + Σ r_i x_i, ν_k = ν0 + N_k and
 * W_k^-1 = W0^-1 + β0 m0 m0ᵀ + Σ r_i x_i x_iᵀ − β_k m_k m_kᵀ, which equals 10.62's
 * W0^-1 + N_k S_k + (β0 N_k / (β0 + N_k)) (x̄_k − m0)(x̄_k − m0)ᵀ. The subtraction loses digits when
 * the data sit far from the origin relative to their spread: standardise the inputs.
 *
 * <p>Expectations (Bishop eqs. 10.64–10.65):
 * <pre>
 *   E[(x − μ)ᵀ Λ (x − μ)] = d/β + ν (x − m)ᵀ W (x − m)
 *   E[ln |Λ|]            = ψ_d(ν/2) + d ln 2 + ln |W|
 *   E[ln N(x | μ, Λ^-1)] = ½ E[ln |Λ|] − (d/2) ln 2π − ½ E[(x − μ)ᵀ Λ (x − μ)]
 * </pre>
 * KL from the prior, as E_q of the Gaussian KL plus the Wishart KL (equivalent to Bishop's
 * eqs. 10.74 and 10.77 combined):
 * <pre>
 *   ½ [d β0/β − d + d ln(β/β0) + β0 ν (m − m0)ᵀ W (m − m0)]
 *   − (ν0/2) ln |W0^-1 W| + (ν/2) [tr(W0^-1 W) − d]
 *   + ln Γ_d(ν0/2) − ln Γ_d(ν/2) + ((ν − ν0)/2) ψ_d(ν/2)
 * </pre>
 * Predictive (eq. 10.81): St(x | m, L, ν + 1 − d), L = ((ν + 1 − d) β / (1 + β)) W.
 */
final class NormalWishart implements ComponentFamily {

    private final int d;
    private final double[] m0;
    private final double beta0;
    private final double psi0;
    private final double nu0;
    private final double logMultiGammaPrior;

    NormalWishart(double[] m0, double beta0, double psi0, double nu0) {
        this.d = m0.length;
        this.m0 = m0.clone();
        this.beta0 = beta0;
        this.psi0 = psi0;
        this.nu0 = nu0;
        this.logMultiGammaPrior = Marginals.logMultivariateGamma(nu0 / 2, d);
    }

    @Override
    public CovarianceType covariance() {
        return CovarianceType.FULL;
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public int blockSize() {
        return 2 + d + d * d;
    }

    private int psi() {
        return 1 + d;
    }

    private int nu() {
        return 1 + d + d * d;
    }

    @Override
    public void writePrior(double[] lambda, int offset) {
        lambda[offset] = beta0;
        for (int i = 0; i < d; i++) {
            lambda[offset + 1 + i] = beta0 * m0[i];
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double v = beta0 * m0[i] * m0[j] + (i == j ? psi0 : 0.0);
                lambda[offset + psi() + i * d + j] = v;
                lambda[offset + psi() + j * d + i] = v;
            }
        }
        lambda[offset + nu()] = nu0;
    }

    @Override
    public void addStatistics(double r, double[] xs, int xOffset, double[] acc, int offset) {
        acc[offset] += r;
        int p = offset + psi();
        for (int i = 0; i < d; i++) {
            double rx = r * xs[xOffset + i];
            acc[offset + 1 + i] += rx;
            acc[p + i * d + i] += rx * xs[xOffset + i];
            for (int j = i + 1; j < d; j++) {
                double v = rx * xs[xOffset + j];
                acc[p + i * d + j] += v;
                acc[p + j * d + i] += v;
            }
        }
        acc[offset + nu()] += r;
    }

    @Override
    public Component decode(double[] lambda, int offset) {
        double beta = lambda[offset];
        double nu = lambda[offset + nu()];
        if (!(beta > 0) || !Double.isFinite(beta)) {
            throw new OutsideDomainException("beta must be finite and > 0, got " + beta);
        }
        if (!(nu > d - 1) || !Double.isFinite(nu)) {
            throw new OutsideDomainException("Wishart nu must be finite and > " + (d - 1) + ", got " + nu);
        }
        double[] m = new double[d];
        for (int i = 0; i < d; i++) {
            m[i] = lambda[offset + 1 + i] / beta;
        }
        RealMatrix wInverse = MatrixUtils.createRealMatrix(d, d);
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double v = lambda[offset + psi() + i * d + j] - lambda[offset + 1 + i] * m[j];
                if (!Double.isFinite(v)) {
                    throw new OutsideDomainException("W^-1[" + i + "][" + j + "] is not finite (" + v + ")");
                }
                wInverse.setEntry(i, j, v);
                wInverse.setEntry(j, i, v);
            }
        }
        CholeskyDecomposition chol;
        try {
            chol = new CholeskyDecomposition(wInverse, CholeskyDecomposition.DEFAULT_RELATIVE_SYMMETRY_THRESHOLD, 0.0);
        } catch (MathIllegalArgumentException e) {
            throw new OutsideDomainException("Wishart W^-1 is not positive definite");
        }
        RealMatrix l = chol.getL();
        double logDetWInverse = 0;
        for (int i = 0; i < d; i++) {
            logDetWInverse += 2 * Math.log(l.getEntry(i, i));
        }
        RealMatrix w = chol.getSolver().getInverse();
        return new Decoded(beta, m, wInverse.getData(), w.getData(), logDetWInverse, nu);
    }

    /** q(μ, Λ) with W, ln|W^-1| and the expectations precomputed. */
    private final class Decoded implements Component {
        private final double beta;
        private final double[] m;
        private final double[][] wInverse;
        private final double[] precision;
        private final double logLikelihoodConstant;
        private final double nu;
        private final double[][] w;
        private final double logDetWInverse;
        private final double[] predictivePrecision;
        private final double predictiveDof;
        private final double predictiveConstant;

        Decoded(double beta, double[] m, double[][] wInverse, double[][] w, double logDetWInverse, double nu) {
            this.beta = beta;
            this.m = m;
            this.wInverse = wInverse;
            this.w = w;
            this.nu = nu;
            this.logDetWInverse = logDetWInverse;
            this.precision = new double[d * d];
            double dof = nu + 1 - d;
            double predictiveScale = dof * beta / (1 + beta);
            this.predictivePrecision = new double[d * d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    precision[i * d + j] = nu * w[i][j];
                    predictivePrecision[i * d + j] = predictiveScale * w[i][j];
                }
            }
            double expectedLogDet = Marginals.multivariateDigamma(nu / 2, d) + d * Math.log(2) - logDetWInverse;
            this.logLikelihoodConstant = 0.5 * expectedLogDet - 0.5 * d * Marginals.LN_2PI - 0.5 * d / beta;
            this.predictiveDof = dof;
            this.predictiveConstant = Marginals.logStudentT(0, dof, d, d * Math.log(predictiveScale) - logDetWInverse);
        }

        private double quadratic(double[] matrix, double[] xs, int xOffset, double[] diff) {
            for (int i = 0; i < d; i++) {
                diff[i] = xs[xOffset + i] - m[i];
            }
            double q = 0;
            for (int i = 0; i < d; i++) {
                double row = 0;
                for (int j = 0; j < d; j++) {
                    row += matrix[i * d + j] * diff[j];
                }
                q += diff[i] * row;
            }
            return q;
        }

        @Override
        public double expectedLogLikelihood(double[] xs, int xOffset, double[] scratch) {
            return logLikelihoodConstant - 0.5 * quadratic(precision, xs, xOffset, scratch);
        }

        @Override
        public double logPredictive(double[] xs, int xOffset, double[] scratch) {
            double delta2 = quadratic(predictivePrecision, xs, xOffset, scratch);
            return predictiveConstant - 0.5 * (predictiveDof + d) * Math.log1p(delta2 / predictiveDof);
        }

        @Override
        public double klFromPrior() {
            double quad = 0;
            double traceW0InvW = 0;
            for (int i = 0; i < d; i++) {
                traceW0InvW += psi0 * w[i][i];
                for (int j = 0; j < d; j++) {
                    quad += (m[i] - m0[i]) * w[i][j] * (m[j] - m0[j]);
                }
            }
            double gaussian = 0.5 * (d * beta0 / beta - d + d * Math.log(beta / beta0) + beta0 * nu * quad);
            double logDetW0InvW = d * Math.log(psi0) - logDetWInverse;
            double wishart = -0.5 * nu0 * logDetW0InvW + 0.5 * nu * (traceW0InvW - d)
                    + logMultiGammaPrior - Marginals.logMultivariateGamma(nu / 2, d)
                    + 0.5 * (nu - nu0) * Marginals.multivariateDigamma(nu / 2, d);
            return gaussian + wishart;
        }

        @Override
        public double[] mean() {
            return m.clone();
        }

        @Override
        public List<NamedParameter> parameters(int k) {
            double[] flatW = new double[d * d];
            for (int i = 0; i < d; i++) {
                System.arraycopy(w[i], 0, flatW, i * d, d);
            }
            return List.of(
                    new NamedParameter("m[" + k + "]", new int[] {d}, m),
                    NamedParameter.scalar("beta[" + k + "]", beta),
                    new NamedParameter("W[" + k + "]", new int[] {d, d}, flatW),
                    NamedParameter.scalar("nu[" + k + "]", nu));
        }

        /**
         * μ_kj ~ St(m_j, scale² = (W^-1)_jj / (β (ν − d + 1)), ν − d + 1), the normal-inverse-Wishart
         * marginal of μ (Murphy 2007);
         * Σ_k ~ inverse-Wishart(W^-1, ν), so (Σ_k)_jj ~ inverse-Gamma((ν − d + 1)/2, (W^-1)_jj / 2)
         * with mean (W^-1)_jj / (ν − d − 1).
         */
        @Override
        public List<ParameterSummary> summaries(int k) {
            List<ParameterSummary> out = new ArrayList<>(2 * d);
            double dof = nu - d + 1;
            for (int j = 0; j < d; j++) {
                double scale = Math.sqrt(wInverse[j][j] / (beta * dof));
                out.add(Marginals.studentT("mean[" + k + "][" + j + "]", m[j], scale, dof));
            }
            for (int j = 0; j < d; j++) {
                out.add(Marginals.inverseGamma("covariance[" + k + "][" + j + "][" + j + "]", dof / 2,
                        wInverse[j][j] / 2));
            }
            return out;
        }
    }
}
