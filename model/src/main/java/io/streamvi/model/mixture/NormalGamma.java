package io.streamvi.model.mixture;

import io.streamvi.model.posterior.NamedParameter;
import io.streamvi.model.posterior.ParameterSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.special.Gamma;

/**
 * One diagonal-covariance component: per dimension j, q(μ_j, τ_j) = N(μ_j | m_j, (β τ_j)^-1)
 * Gamma(τ_j | a, b_j) (shape, rate). β and a are shared by the dimensions: every dimension of a
 * point carries the same responsibility, so their updates coincide (β = β0 + N_k, a = a0 + N_k/2).
 *
 * <p>Block layout (2 + 2d doubles), additive in the data:
 * <pre>
 *   [ β,  β·m_1 .. β·m_d,  s_1 .. s_d,  a ]     s_j = b_j + ½ β m_j²
 * </pre>
 * with t(x) = (1, x, ½ x², ½) weighted by the responsibility, so that
 * b_j = b0 + ½ (β0 m0_j² + Σ r_i x_ij² − β m_j²): the normal-gamma posterior of Murphy (2007),
 * "Conjugate Bayesian analysis of the Gaussian distribution", with weighted data.
 *
 * <p>Expectations (the one-dimensional case of Bishop 2006, eqs. 10.64–10.65):
 * <pre>
 *   E[τ_j] = a / b_j,   E[ln τ_j] = ψ(a) − ln b_j
 *   E[ln N(x | μ, τ^-1)] = Σ_j ½ (ψ(a) − ln b_j) − ½ ln 2π − ½ (1/β + (a/b_j)(x_j − m_j)²)
 * </pre>
 * KL from the prior, per dimension:
 * <pre>
 *   ½ [β0/β − 1 + ln(β/β0) + β0 (a/b_j)(m_j − m0_j)²]
 *   + (a − a0) ψ(a) − ln Γ(a) + ln Γ(a0) + a0 (ln b_j − ln b0) + a (b0 − b_j)/b_j
 * </pre>
 * Predictive: a product over j of Student-t(2a) with location m_j and scale² b_j (β + 1)/(a β).
 */
final class NormalGamma implements ComponentFamily {

    private final int d;
    private final double[] m0;
    private final double beta0;
    private final double a0;
    private final double b0;
    private final double logGammaA0;

    NormalGamma(double[] m0, double beta0, double a0, double b0) {
        this.d = m0.length;
        this.m0 = m0.clone();
        this.beta0 = beta0;
        this.a0 = a0;
        this.b0 = b0;
        this.logGammaA0 = Gamma.logGamma(a0);
    }

    @Override
    public CovarianceType covariance() {
        return CovarianceType.DIAGONAL;
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public int blockSize() {
        return 2 + 2 * d;
    }

    @Override
    public void writePrior(double[] lambda, int offset) {
        lambda[offset] = beta0;
        for (int j = 0; j < d; j++) {
            lambda[offset + 1 + j] = beta0 * m0[j];
            lambda[offset + 1 + d + j] = b0 + 0.5 * beta0 * m0[j] * m0[j];
        }
        lambda[offset + 1 + 2 * d] = a0;
    }

    @Override
    public void addStatistics(double r, double[] xs, int xOffset, double[] acc, int offset) {
        acc[offset] += r;
        for (int j = 0; j < d; j++) {
            double rx = r * xs[xOffset + j];
            acc[offset + 1 + j] += rx;
            acc[offset + 1 + d + j] += 0.5 * rx * xs[xOffset + j];
        }
        acc[offset + 1 + 2 * d] += 0.5 * r;
    }

    @Override
    public Component decode(double[] lambda, int offset) {
        double beta = lambda[offset];
        double a = lambda[offset + 1 + 2 * d];
        if (!(beta > 0) || !Double.isFinite(beta)) {
            throw new OutsideDomainException("beta must be finite and > 0, got " + beta);
        }
        if (!(a > 0) || !Double.isFinite(a)) {
            throw new OutsideDomainException("Gamma shape a must be finite and > 0, got " + a);
        }
        double[] m = new double[d];
        double[] b = new double[d];
        for (int j = 0; j < d; j++) {
            m[j] = lambda[offset + 1 + j] / beta;
            b[j] = lambda[offset + 1 + d + j] - 0.5 * lambda[offset + 1 + j] * m[j];
            if (!(b[j] > 0) || !Double.isFinite(b[j])) {
                throw new OutsideDomainException("Gamma rate b[" + j + "] must be finite and > 0, got " + b[j]);
            }
        }
        return new Decoded(beta, m, b, a);
    }

    /** q(μ, τ) with E[τ_j] and the likelihood and predictive constants precomputed. */
    private final class Decoded implements Component {
        private final double beta;
        private final double[] m;
        private final double[] b;
        private final double a;
        private final double[] expectedTau;
        private final double[] predictivePrecision;
        private final double logLikelihoodConstant;
        private final double predictiveConstant;

        Decoded(double beta, double[] m, double[] b, double a) {
            this.beta = beta;
            this.m = m;
            this.b = b;
            this.a = a;
            this.expectedTau = new double[d];
            this.predictivePrecision = new double[d];
            double digammaA = Gamma.digamma(a);
            double dof = 2 * a;
            double c = 0;
            double p = 0;
            for (int j = 0; j < d; j++) {
                expectedTau[j] = a / b[j];
                predictivePrecision[j] = a * beta / (b[j] * (beta + 1));
                c += 0.5 * (digammaA - Math.log(b[j]));
                p += Marginals.logStudentT(0, dof, 1, Math.log(predictivePrecision[j]));
            }
            this.logLikelihoodConstant = c - 0.5 * d * Marginals.LN_2PI - 0.5 * d / beta;
            this.predictiveConstant = p;
        }

        @Override
        public double expectedLogLikelihood(double[] xs, int xOffset, double[] scratch) {
            double q = 0;
            for (int j = 0; j < d; j++) {
                double diff = xs[xOffset + j] - m[j];
                q += expectedTau[j] * diff * diff;
            }
            return logLikelihoodConstant - 0.5 * q;
        }

        /** Σ_j [ln St(0 | ...) − ((2a + 1)/2) ln(1 + δ_j²/(2a))], δ_j² = precision_j (x_j − m_j)². */
        @Override
        public double logPredictive(double[] xs, int xOffset, double[] scratch) {
            double dof = 2 * a;
            double s = predictiveConstant;
            for (int j = 0; j < d; j++) {
                double diff = xs[xOffset + j] - m[j];
                s -= 0.5 * (dof + 1) * Math.log1p(predictivePrecision[j] * diff * diff / dof);
            }
            return s;
        }

        @Override
        public double klFromPrior() {
            double digammaA = Gamma.digamma(a);
            double gammaPart = (a - a0) * digammaA - Gamma.logGamma(a) + logGammaA0;
            double kl = 0;
            for (int j = 0; j < d; j++) {
                double diff = m[j] - m0[j];
                kl += 0.5 * (beta0 / beta - 1 + Math.log(beta / beta0) + beta0 * expectedTau[j] * diff * diff);
                kl += gammaPart + a0 * (Math.log(b[j]) - Math.log(b0)) + a * (b0 - b[j]) / b[j];
            }
            return kl;
        }

        @Override
        public double[] mean() {
            return m.clone();
        }

        @Override
        public List<NamedParameter> parameters(int k) {
            double[] shape = new double[d];
            Arrays.fill(shape, a);
            return List.of(
                    new NamedParameter("m[" + k + "]", new int[] {d}, m),
                    NamedParameter.scalar("beta[" + k + "]", beta),
                    new NamedParameter("a[" + k + "]", new int[] {d}, shape),
                    new NamedParameter("b[" + k + "]", new int[] {d}, b));
        }

        /**
         * μ_kj ~ St(m_j, scale² = b_j / (a β), 2a), the normal-gamma marginal of μ (Murphy 2007);
         * the variance 1/τ_kj ~ inverse-Gamma(a, b_j), with mean b_j / (a − 1).
         */
        @Override
        public List<ParameterSummary> summaries(int k) {
            List<ParameterSummary> out = new ArrayList<>(2 * d);
            for (int j = 0; j < d; j++) {
                out.add(Marginals.studentT("mean[" + k + "][" + j + "]", m[j], Math.sqrt(b[j] / (a * beta)), 2 * a));
            }
            for (int j = 0; j < d; j++) {
                out.add(Marginals.inverseGamma("covariance[" + k + "][" + j + "][" + j + "]", a, b[j]));
            }
            return out;
        }
    }
}
