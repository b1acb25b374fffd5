package io.streamvi.model.glm;

import io.streamvi.model.mcmc.LogDensity;
import io.streamvi.model.evaluation.GaussianApproximation;
import io.streamvi.model.evaluation.Evaluable;
import io.streamvi.model.check.GaussianDraws;
import io.streamvi.model.check.PredictiveSampler;
import io.streamvi.model.check.PredictiveReplicator;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.observation.Regression;
import io.streamvi.model.posterior.NamedParameter;
import io.streamvi.model.posterior.Posterior;
import io.streamvi.model.regression.Design;
import io.streamvi.model.schedule.StepSchedule;
import io.streamvi.model.svi.EffectiveDataSize;
import io.streamvi.model.svi.StepDiagnostics;
import io.streamvi.model.svi.StepResult;
import io.streamvi.model.svi.StreamingModel;
import io.streamvi.model.svi.VariationalState;
import java.util.List;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * Gaussian variational inference for a GLM (logistic or Poisson regression) by natural-gradient
 * steps: q(w) = N(m, P⁻¹), full-rank (P dense) or mean-field (P diagonal), prior
 * w ~ N(m0, Λ0⁻¹) with Λ0 diagonal.
 *
 * <p>For the minibatch B of S observations, with η_i = z_iᵀw ~ N(z_iᵀm, z_iᵀP⁻¹z_i) under q and
 * the expectations g_i = E[∂ ln p/∂η], h_i = E[−∂² ln p/∂η²] (quadrature, no sampling noise):
 * <pre>
 *   Ĥ ← (1 − ρ_t) Ĥ + ρ_t (1/S) Σ_i h_i z_i z_iᵀ,   P = Λ0 + N_t Ĥ        (diagonal of it, mean-field)
 *   m ← m + ρ_t P⁻¹ ((N/S) Σ_i g_i z_i − Λ0 (m − m0))
 * </pre>
 * (with a fixed N this is P ← (1 − ρ_t) P + ρ_t (Λ0 + (N/S) Σ_i h_i z_i z_iᵀ); averaging the
 * per-observation curvature Ĥ instead keeps P right when N grows, as with {@code seen})
 * (for the mean-field family the mean's step is preconditioned by a running average A of the
 * full Λ0 + (N/S)H, updated like P, rather than by the diagonal: this only
 * changes the path, not the fixed point, and avoids the slow Jacobi-like progress of a diagonal
 * preconditioner on correlated features)
 * the natural-gradient step on the Gaussian ELBO, by Bonnet's and Price's theorems for the
 * gradient and Hessian of E_q[ln p] (Opper &amp; Archambeau 2009; Khan &amp; Lin 2017,
 * "conjugate-computation VI"; Khan et al. 2018, "variational online Newton"). Its fixed points
 * are the stationary points of the Gaussian ELBO: P = Λ0 + Σ_i h_i z_i z_iᵀ and
 * Σ_i g_i z_i = Λ0(m − m0) (Opper &amp; Archambeau 2009, eqs. 6–7).
 *
 * <p>q starts at the prior, and the first step takes its expectations under it. For logistic
 * regression that is harmless (a wide q gives a small first curvature, so the first steps are
 * long). For a Poisson model it is not when the prior on the log rate is vague: E[e^η] =
 * e^(μ + v/2) with the prior's v gives a huge first curvature that ρ_t = 1/t averages out only
 * slowly, and overflows when μ + v/2 exceeds about 709. Give log-rate coefficients priors of sd
 * about 1 on standardised features (the configuration's default for poisson-regression).
 * (Starting from a narrow q instead was tried: it over-states the first curvature of a logistic
 * model on nearly separable data and slows it down far more.)
 *
 * <p>The reported ELBO is (N/S) Σ_B E_q[ln p(y_i | w)] − KL(q ‖ prior) at the q the minibatch
 * was evaluated under (the step's starting point), exact up to quadrature: its Monte Carlo
 * standard error is 0. State layout: {@code [m (p), Ĥ (p×p row-major)]} full-rank,
 * {@code [m (p), diag Ĥ (p), Ĥ_A (p×p)]} mean-field, where Ĥ_A is the full curvature average
 * behind the mean-field family's preconditioner A = Λ0 + N Ĥ_A.
 * O(p²) per observation (full) or O(p); one Cholesky of P per minibatch.
 */
public final class NaturalGradientGlm implements StreamingModel, PredictiveReplicator, Evaluable {

    private final GlmSpec spec;
    private final Design design;
    private final boolean fullRank;
    private final double[] priorMean;
    private final double[] priorPrecision;
    private final StepSchedule schedule;
    private final EffectiveDataSize dataSize;
    private final double logDetPrior;

    /**
     * @param priorSd the prior sd of every weight
     * @param interceptSd the prior sd of the intercept (used when the design has one)
     */
    public NaturalGradientGlm(GlmLikelihood likelihood, Design design, boolean fullRank, double priorSd,
            double interceptSd, StepSchedule schedule, EffectiveDataSize dataSize, double[][] predictAt) {
        this.spec = new GlmSpec(likelihood, design, priorSd, interceptSd, predictAt);
        this.design = design;
        this.fullRank = fullRank;
        this.priorMean = spec.priorMean;
        this.priorPrecision = spec.priorPrecision;
        this.logDetPrior = spec.logDetPrior;
        this.schedule = schedule;
        this.dataSize = dataSize;
    }

    @Override
    public String type() {
        return spec.likelihood.type();
    }

    public boolean fullRank() {
        return fullRank;
    }

    private int p() {
        return design.size();
    }

    /** Length of the curvature average Ĥ of q's precision: p×p (full-rank) or p (mean-field). */
    private int curvatureSize() {
        return fullRank ? p() * p() : p();
    }

    /** Offset of the mean-field family's full curvature average Ĥ_A. */
    private int preconditionerOffset() {
        return 2 * p();
    }

    @Override
    public String validate(Observation observation) {
        return spec.validate(observation);
    }

    @Override
    public VariationalState initialState() {
        int p = p();
        double[] params = new double[p + curvatureSize() + (fullRank ? 0 : p * p)];
        System.arraycopy(priorMean, 0, params, 0, p);
        return new VariationalState(0, 0, 0.0, params);
    }

    /** Mean, covariance (row-major, or its diagonal) and ln det of the covariance of q. */
    record Moments(double[] mean, double[] covariance, double logDetCovariance) {
    }

    /** The precision Λ0 + N Ĥ (dense, p×p) of a curvature average at {@code offset} (dense or diagonal). */
    private double[] precision(double[] params, int offset, boolean dense, double n, long step) {
        int p = p();
        double[] out = new double[p * p];
        for (int i = 0; i < p; i++) {
            out[i * p + i] = priorPrecision[i];
            if (step == 0) {
                continue; // q starts at the prior
            }
            if (dense) {
                for (int j = 0; j < p; j++) {
                    out[i * p + j] += n * params[offset + i * p + j];
                }
            } else {
                out[i * p + i] += n * params[offset + i];
            }
        }
        return out;
    }

    /** q of a state. */
    Moments moments(VariationalState state) {
        return moments(state.params(), state.effectiveDataSize(), state.step());
    }

    private Moments moments(double[] params, double n, long step) {
        int p = p();
        double[] mean = java.util.Arrays.copyOf(params, p);
        double[] precision = precision(params, p, fullRank, n, step);
        if (fullRank) {
            return dense(mean, precision);
        }
        double[] var = new double[p];
        double logDet = 0;
        for (int j = 0; j < p; j++) {
            var[j] = 1 / precision[j * p + j];
            logDet += Math.log(var[j]);
        }
        return new Moments(mean, var, logDet);
    }

    /** Moments of N(mean, P⁻¹) for a dense P; ln det from the Cholesky factor's diagonal (no overflow). */
    private Moments dense(double[] mean, double[] precisionEntries) {
        int p = p();
        RealMatrix precision = MatrixUtils.createRealMatrix(p, p);
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                precision.setEntry(i, j, precisionEntries[i * p + j]);
            }
        }
        CholeskyDecomposition chol = new CholeskyDecomposition(precision, 1e-10, 0.0);
        RealMatrix l = chol.getL();
        double logDetPrecision = 0;
        for (int i = 0; i < p; i++) {
            logDetPrecision += 2 * Math.log(l.getEntry(i, i));
        }
        RealMatrix inverse = chol.getSolver().getInverse();
        double[] cov = new double[p * p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                cov[i * p + j] = inverse.getEntry(i, j);
            }
        }
        return new Moments(mean, cov, -logDetPrecision);
    }

    private double variance(Moments q, int i, int j) {
        return fullRank ? q.covariance()[i * p() + j] : i == j ? q.covariance()[i] : 0;
    }

    /** zᵀm and zᵀCz (clamped at 0 against rounding) of an observation. */
    private double[] linearPredictor(Moments q, Regression r) {
        int p = p();
        double mu = 0;
        double v = 0;
        for (int i = 0; i < p; i++) {
            double zi = design.z(r, i);
            mu += zi * q.mean()[i];
            if (fullRank) {
                double row = 0;
                for (int j = 0; j < p; j++) {
                    row += q.covariance()[i * p + j] * design.z(r, j);
                }
                v += zi * row;
            } else {
                v += zi * zi * q.covariance()[i];
            }
        }
        return new double[] {mu, Math.max(0, v)};
    }

    /** KL(N(m, C) ‖ N(m0, Λ0⁻¹)) = ½ (tr(Λ0C) + (m − m0)ᵀΛ0(m − m0) − p − ln det Λ0 − ln det C). */
    double kl(Moments q) {
        int p = p();
        double s = 0;
        for (int j = 0; j < p; j++) {
            double dm = q.mean()[j] - priorMean[j];
            s += priorPrecision[j] * (variance(q, j, j) + dm * dm);
        }
        return 0.5 * (s - p - logDetPrior - q.logDetCovariance());
    }

    @Override
    public StepResult update(VariationalState state, List<? extends Observation> batch, long seed) {
        int s = batch.size();
        if (s == 0) {
            throw new IllegalArgumentException("empty minibatch");
        }
        long t = state.step() + 1;
        double n = dataSize.next(state.effectiveDataSize(), state.observationsSeen(), s);
        double rho = schedule.rho(t);
        double scale = n / s;
        int p = p();
        double[] old = state.params();
        try {
            Moments q = moments(state);
            double[] gradient = new double[p];
            double[] hessian = new double[p * p]; // (1/S) Σ h_i z_i z_iᵀ, upper triangle first
            double[] e = new double[3];
            double expectedLogLik = 0;
            for (Observation o : batch) {
                Regression r = (Regression) o;
                double[] eta = linearPredictor(q, r);
                spec.likelihood.expectations(r.y(), eta[0], eta[1], r.exposure(), e);
                expectedLogLik += e[0];
                for (int i = 0; i < p; i++) {
                    double zi = design.z(r, i);
                    gradient[i] += e[1] * zi;
                    double hz = e[2] * zi / s;
                    for (int j = i; j < p; j++) {
                        hessian[i * p + j] += hz * design.z(r, j);
                    }
                }
            }
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < i; j++) {
                    hessian[i * p + j] = hessian[j * p + i];
                }
            }
            double elbo = scale * expectedLogLik - kl(q);
            double[] next = new double[old.length];
            // the curvature averages: Ĥ ← (1 − ρ)Ĥ + ρ (1/S) Σ h z zᵀ (a step from q0 replaces them)
            double keep = state.step() == 0 ? 0.0 : 1 - rho;
            double take = state.step() == 0 ? 1.0 : rho;
            for (int k = 0; k < curvatureSize(); k++) {
                double h = fullRank ? hessian[k] : hessian[k * p + k];
                next[p + k] = keep * old[p + k] + take * h;
            }
            if (!fullRank) {
                for (int k = 0; k < p * p; k++) {
                    next[preconditionerOffset() + k] = keep * old[preconditionerOffset() + k] + take * hessian[k];
                }
            }
            double[] direction = new double[p];
            for (int i = 0; i < p; i++) {
                direction[i] = scale * gradient[i] - priorPrecision[i] * (old[i] - priorMean[i]);
            }
            // the mean's preconditioner: the new precision (full-rank), or the mean-field family's
            // A = Λ0 + N Ĥ_A; any positive-definite preconditioner leaves the fixed point
            // Σ g_i z_i = Λ0(m − m0) unchanged
            Moments stepped = dense(new double[p], fullRank ? precision(next, p, true, n, t)
                    : precision(next, preconditionerOffset(), true, n, t));
            double stepSize = state.step() == 0 ? 1.0 : rho;
            for (int i = 0; i < p; i++) {
                double move = 0;
                for (int j = 0; j < p; j++) {
                    move += stepped.covariance()[i * p + j] * direction[j];
                }
                next[i] = old[i] + stepSize * move;
            }
            String problem = firstNonFinite(next);
            if (problem == null && !Double.isFinite(elbo)) {
                problem = "ELBO is not finite (" + elbo + ")";
            }
            if (problem != null) {
                return new StepResult(state, new StepDiagnostics(t, rho, n, s, Double.NaN, problem));
            }
            return new StepResult(new VariationalState(t, state.observationsSeen() + s, n, next),
                    new StepDiagnostics(t, rho, n, s, elbo, null));
        } catch (RuntimeException ex) {
            return new StepResult(state, new StepDiagnostics(t, rho, n, s, Double.NaN,
                    "precision of q is not positive definite or the step failed: " + ex.getMessage()));
        }
    }

    private static String firstNonFinite(double[] v) {
        for (int j = 0; j < v.length; j++) {
            if (!Double.isFinite(v[j])) {
                return "parameter " + j + " is not finite (" + v[j] + ")";
            }
        }
        return null;
    }

    @Override
    public Posterior posterior(VariationalState state) {
        Moments q = moments(state);
        int p = p();
        GlmSpec.Covariance c = (i, j) -> variance(q, i, j);
        NamedParameter cov = fullRank ? new NamedParameter("covariance", new int[] {p, p}, q.covariance())
                : new NamedParameter("variance", new int[] {p}, q.covariance());
        return new Posterior(fullRank ? "MultivariateNormal" : "Normal^p (mean-field)",
                List.of(new NamedParameter("mean", new int[] {p}, q.mean()), cov), spec.coefficients(q.mean(), c),
                spec.predictive(q.mean(), c));
    }

    /** w ~ q (full-rank or mean-field Gaussian), then y ~ p(y | zᵀw) at the observation's covariates. */
    @Override
    public PredictiveSampler predictiveSampler(VariationalState state) {
        Moments q = moments(state);
        return GlmSpec.predictiveSampler(spec.likelihood, design,
                fullRank ? GaussianDraws.full(q.mean(), q.covariance()) : GaussianDraws.diagonal(q.mean(), q.covariance()));
    }

    @Override
    public LogDensity logPosterior(List<? extends Observation> data) {
        return new GlmLogPosterior(spec.likelihood, design, spec, data);
    }

    @Override
    public GaussianApproximation approximation(VariationalState state) {
        Moments q = moments(state);
        return fullRank ? new GaussianApproximation(q.mean(), q.covariance())
                : GaussianApproximation.meanField(q.mean(), q.covariance());
    }

    @Override
    public double logLikelihood(Observation y, double[] w) {
        Regression r = (Regression) y;
        return spec.likelihood.logLikelihood(r.y(), design.linear(r, w), r.exposure());
    }
}
