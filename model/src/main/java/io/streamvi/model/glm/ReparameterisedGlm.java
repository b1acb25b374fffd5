package io.streamvi.model.glm;

import io.streamvi.model.mcmc.LogDensity;
import io.streamvi.model.evaluation.GaussianApproximation;
import io.streamvi.model.evaluation.Evaluable;
import io.streamvi.model.check.GaussianDraws;
import io.streamvi.model.check.PredictiveSampler;
import io.streamvi.model.check.PredictiveReplicator;
import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.bbvi.FullRankGaussian;
import io.streamvi.model.bbvi.GaussianFamily;
import io.streamvi.model.bbvi.MeanFieldGaussian;
import io.streamvi.model.bbvi.MonteCarloElbo;
import io.streamvi.model.bbvi.StandardNormalDraws;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.observation.Regression;
import io.streamvi.model.posterior.NamedParameter;
import io.streamvi.model.posterior.Posterior;
import io.streamvi.model.regression.Design;
import io.streamvi.model.schedule.StepSchedule;
import io.streamvi.model.svi.EffectiveDataSize;
import io.streamvi.model.svi.Seeds;
import io.streamvi.model.svi.StepDiagnostics;
import io.streamvi.model.svi.StepResult;
import io.streamvi.model.svi.StreamingModel;
import io.streamvi.model.svi.VariationalState;
import java.util.Arrays;
import java.util.List;

/**
 * Black-box VI for a GLM with the reparameterisation trick (Kingma &amp; Welling 2014; Titsias &amp;
 * Lázaro-Gredilla 2014; ADVI, Kucukelbir et al. 2017): q(w) Gaussian, mean-field (μ, ln σ) or
 * full-rank (μ, L), w = μ + Lε.
 *
 * <p>For the minibatch B of S observations at step t, draw ε_1..ε_D ~ N(0, I) from the stream's
 * seed split by step ({@link Seeds#forStep}), so that a replay draws the same numbers; with
 * w_d = μ + Lε_d and f(w) = (N/S) Σ_{i∈B} ln p(y_i | z_iᵀw) + ln p(w):
 * <pre>
 *   ELBO ≈ (1/D) Σ_d f(w_d) + H[q]                      (unbiased; its Monte Carlo standard error is reported)
 *   ∇_φ ELBO ≈ (1/D) Σ_d ∇_φ f(w(φ, ε_d)) + ∇_φ H[q]    (pathwise gradient, exact entropy gradient)
 *   φ ← φ + ρ_t · g / (1 + √s)     with s ← 0.1 g² + 0.9 s (s_1 = g²) when adaptive (ADVI, eq. 10)
 * </pre>
 * and the step scaled down to {@code maxStepNorm} when it is longer (0 = no cap). The guard keeps
 * the old state when the ELBO, the gradient or the new φ is not finite. q starts at the prior
 * mean with sds min(prior sd, 1/√p), so that the linear predictor's variance starts near |z|²/p
 * (ADVI starts at sd 1). State layout: {@code [φ, s]}, both of the family's parameter count.
 * With one draw the ELBO's standard error cannot be estimated and is reported as NaN.
 */
public final class ReparameterisedGlm implements StreamingModel, PredictiveReplicator, Evaluable {

    private static final double ADAPTIVE_WEIGHT = 0.1;

    private final GlmSpec spec;
    private final GlmLikelihood likelihood;
    private final Design design;
    private final GaussianFamily family;
    private final double[] priorMean;
    private final double[] priorSd;
    private final StepSchedule schedule;
    private final EffectiveDataSize dataSize;
    private final int draws;
    private final boolean adaptive;
    private final double maxStepNorm;

    public ReparameterisedGlm(GlmLikelihood likelihood, Design design, boolean fullRank, double weightSd,
            double interceptSd, StepSchedule schedule, EffectiveDataSize dataSize, int draws, boolean adaptive,
            double maxStepNorm, double[][] predictAt) {
        if (draws < 1) {
            throw new InvalidParameterException("draws", draws, "must be >= 1");
        }
        InvalidParameterException.requireNonNegative("maxStepNorm", maxStepNorm);
        this.spec = new GlmSpec(likelihood, design, weightSd, interceptSd, predictAt);
        this.likelihood = likelihood;
        this.design = design;
        this.family = fullRank ? new FullRankGaussian(design.size()) : new MeanFieldGaussian(design.size());
        this.priorMean = spec.priorMean;
        this.priorSd = spec.priorSd;
        this.schedule = schedule;
        this.dataSize = dataSize;
        this.draws = draws;
        this.adaptive = adaptive;
        this.maxStepNorm = maxStepNorm;
    }

    @Override
    public String type() {
        return likelihood.type();
    }

    public GaussianFamily family() {
        return family;
    }

    @Override
    public String validate(Observation observation) {
        return spec.validate(observation);
    }

    @Override
    public VariationalState initialState() {
        int k = family.parameterCount();
        double[] sd = new double[priorSd.length];
        for (int j = 0; j < sd.length; j++) {
            sd[j] = Math.min(priorSd[j], 1.0 / Math.sqrt(sd.length)); // the linear predictor starts with variance ≲ |z|²/p
        }
        double[] params = Arrays.copyOf(family.initial(priorMean, sd), 2 * k);
        return new VariationalState(0, 0, 0.0, params);
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
        int p = design.size();
        int k = family.parameterCount();
        double[] old = state.params();
        double[] phi = Arrays.copyOf(old, k);
        double[] eps = StandardNormalDraws.draw(seed, t, draws, p);
        double[] epsD = new double[p];
        double[] w = new double[p];
        double[] gradW = new double[p];
        double[] grad = new double[k];
        double[] values = new double[draws];
        for (int d = 0; d < draws; d++) {
            System.arraycopy(eps, d * p, epsD, 0, p);
            family.sample(phi, epsD, w);
            Arrays.fill(gradW, 0);
            double f = spec.logPrior(w, gradW);
            double logLik = 0;
            for (Observation o : batch) {
                Regression r = (Regression) o;
                double eta = design.linear(r, w);
                logLik += likelihood.logLikelihood(r.y(), eta, r.exposure());
                double g = scale * likelihood.derivative(r.y(), eta, r.exposure());
                for (int i = 0; i < p; i++) {
                    gradW[i] += g * design.z(r, i);
                }
            }
            values[d] = f + scale * logLik;
            family.addReparameterisedGradient(phi, epsD, gradW, grad);
        }
        for (int j = 0; j < k; j++) {
            grad[j] /= draws;
        }
        family.addEntropyGradient(phi, grad);
        MonteCarloElbo.Estimate elbo = MonteCarloElbo.elbo(values, family.entropy(phi));
        double[] next = new double[2 * k];
        double[] step = new double[k];
        double norm = 0;
        for (int j = 0; j < k; j++) {
            double scaleJ = 1.0;
            if (adaptive) {
                double acc = t == 1 ? grad[j] * grad[j]
                        : ADAPTIVE_WEIGHT * grad[j] * grad[j] + (1 - ADAPTIVE_WEIGHT) * old[k + j];
                next[k + j] = acc;
                scaleJ = 1 / (1 + Math.sqrt(acc));
            }
            step[j] = rho * scaleJ * grad[j];
            norm += step[j] * step[j];
        }
        norm = Math.sqrt(norm);
        double shrink = maxStepNorm > 0 && norm > maxStepNorm ? maxStepNorm / norm : 1.0;
        for (int j = 0; j < k; j++) {
            next[j] = phi[j] + shrink * step[j];
        }
        String problem = family.checkDomain(next.length == k ? next : Arrays.copyOf(next, k));
        if (problem == null) {
            for (double v : next) {
                if (!Double.isFinite(v)) {
                    problem = "adaptive step statistics are not finite";
                    break;
                }
            }
        }
        if (problem == null && !Double.isFinite(elbo.mean())) {
            problem = "ELBO estimate is not finite (" + elbo.mean() + ")";
        }
        if (problem != null) {
            return new StepResult(state, new StepDiagnostics(t, rho, n, s, Double.NaN, problem));
        }
        double stdErr = elbo.standardError(); // NaN with a single draw: unknown, not exact
        return new StepResult(new VariationalState(t, state.observationsSeen() + s, n, next),
                new StepDiagnostics(t, rho, n, s, elbo.mean(), null, stdErr));
    }

    @Override
    public Posterior posterior(VariationalState state) {
        int p = design.size();
        double[] phi = Arrays.copyOf(state.params(), family.parameterCount());
        double[] mean = family.mean(phi);
        double[] cov = family.covariance(phi);
        GlmSpec.Covariance c = (i, j) -> cov[i * p + j];
        return new Posterior(family instanceof FullRankGaussian ? "MultivariateNormal" : "Normal^p (mean-field)",
                List.of(new NamedParameter("mean", new int[] {p}, mean),
                        new NamedParameter("covariance", new int[] {p, p}, cov)),
                spec.coefficients(mean, c), spec.predictive(mean, c));
    }

    /** w ~ q (its Gaussian family), then y ~ p(y | zᵀw) at the observation's covariates. */
    @Override
    public PredictiveSampler predictiveSampler(VariationalState state) {
        double[] phi = Arrays.copyOf(state.params(), family.parameterCount());
        return GlmSpec.predictiveSampler(likelihood, design, GaussianDraws.full(family.mean(phi), family.covariance(phi)));
    }

    @Override
    public LogDensity logPosterior(List<? extends Observation> data) {
        return new GlmLogPosterior(likelihood, design, spec, data);
    }

    @Override
    public GaussianApproximation approximation(VariationalState state) {
        double[] phi = Arrays.copyOf(state.params(), family.parameterCount());
        return new GaussianApproximation(family.mean(phi), family.covariance(phi));
    }

    @Override
    public double logLikelihood(Observation y, double[] w) {
        Regression r = (Regression) y;
        return likelihood.logLikelihood(r.y(), design.linear(r, w), r.exposure());
    }
}
