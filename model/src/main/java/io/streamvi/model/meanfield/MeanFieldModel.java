package io.streamvi.model.meanfield;

import io.streamvi.model.mcmc.LogDensity;
import io.streamvi.model.evaluation.GaussianApproximation;
import io.streamvi.model.evaluation.Evaluable;
import io.streamvi.model.check.PredictiveSampler;
import io.streamvi.model.check.PredictiveReplicator;
import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.posterior.Posterior;
import io.streamvi.model.schedule.StepSchedule;
import io.streamvi.model.svi.EffectiveDataSize;
import io.streamvi.model.svi.Forgetting;
import io.streamvi.model.svi.StepDiagnostics;
import io.streamvi.model.svi.StepResult;
import io.streamvi.model.svi.StreamingModel;
import io.streamvi.model.svi.UpdateMode;
import io.streamvi.model.svi.VariationalState;
import java.util.Arrays;
import java.util.List;

/**
 * A mean-field family run as a streaming model.
 *
 * <p>State layout: {@code params = [T_1 .. T_m, q_1 .. q_k]}: the accumulated statistics of the
 * data seen (discounted by γ when a half-life is set) and q's natural parameters.
 *
 * <ul>
 *   <li>CAVI: T ← γT + Σ_B w_i t(x) (forgetting per observation, {@link Forgetting}); then coordinate-ascent sweeps from the previous q until the ELBO
 *       changes by less than {@code tolerance} (relative) or {@code maxSweeps} is reached. The
 *       result is the mean-field optimum for all data seen (Bishop 2006 §10.1; Blei et al. 2017).
 *   <li>SVI: T̂ = (N_t/S) Σ_B t(x); one natural-gradient step of size ρ_t per factor (Hoffman et al.
 *       2013, Algorithm 1, with the local step trivial). The reported ELBO is the minibatch estimate.
 * </ul>
 * The guard keeps the old state when q or the ELBO is not finite or leaves the domain.
 */
public final class MeanFieldModel implements StreamingModel, PredictiveReplicator, Evaluable {

    private final MeanFieldFamily family;
    private final UpdateMode mode;
    private final StepSchedule schedule;
    private final EffectiveDataSize dataSize;
    private final double tolerance;
    private final int maxSweeps;

    public MeanFieldModel(MeanFieldFamily family, UpdateMode mode, StepSchedule schedule, EffectiveDataSize dataSize,
            double tolerance, int maxSweeps) {
        if (mode == UpdateMode.EXACT) {
            throw new InvalidParameterException("mode", "exact",
                    "a mean-field family is fitted by 'cavi' (all data) or 'svi', not in closed form");
        }
        if (!(tolerance > 0 && tolerance < 1)) { // relative change of the parameters between sweeps
            throw new InvalidParameterException("tolerance", tolerance, "must be in (0, 1)");
        }
        if (maxSweeps < 1) {
            throw new InvalidParameterException("maxSweeps", maxSweeps, "must be >= 1");
        }
        this.family = family;
        this.mode = mode;
        this.schedule = schedule;
        this.dataSize = dataSize;
        this.tolerance = tolerance;
        this.maxSweeps = maxSweeps;
    }

    public MeanFieldFamily family() {
        return family;
    }

    @Override
    public String type() {
        return family.type();
    }

    @Override
    public String validate(Observation observation) {
        String nonFinite = Observation.nonFiniteReason(observation);
        if (nonFinite != null) {
            return nonFinite;
        }
        return family.validate(observation);
    }

    @Override
    public VariationalState initialState() {
        double[] params = new double[family.statisticsDimension() + family.variationalDimension()];
        System.arraycopy(family.initialVariational(), 0, params, family.statisticsDimension(),
                family.variationalDimension());
        return new VariationalState(0, 0, 0.0, params);
    }

    /** q of a state. */
    public double[] variational(VariationalState state) {
        int m = family.statisticsDimension();
        return Arrays.copyOfRange(state.params(), m, m + family.variationalDimension());
    }

    /** The accumulated statistics T of a state. */
    public double[] statistics(VariationalState state) {
        return Arrays.copyOf(state.params(), family.statisticsDimension());
    }

    @Override
    public StepResult update(VariationalState state, List<? extends Observation> batch, long seed) {
        int s = batch.size();
        if (s == 0) {
            throw new IllegalArgumentException("empty minibatch");
        }
        long t = state.step() + 1;
        int m = family.statisticsDimension();
        double[] batchStats = new double[m];
        double weight = Forgetting.accumulate(batch, batchStats, mode == UpdateMode.CAVI ? dataSize : null,
                family::addStatistics);
        double[] totals = statistics(state);
        double[] q = variational(state);
        double rho;
        double n;
        double elbo;
        try {
        if (mode == UpdateMode.CAVI) {
            double gamma = Forgetting.discount(dataSize, s);
            n = gamma * state.effectiveDataSize() + weight;
            rho = 1.0;
            for (int j = 0; j < m; j++) {
                totals[j] = gamma * totals[j] + batchStats[j];
            }
            elbo = fit(totals, q);
        } else {
            n = dataSize.next(state.effectiveDataSize(), state.observationsSeen(), s);
            rho = schedule.rho(t);
            double scale = n / s;
            double[] scaled = new double[m];
            for (int j = 0; j < m; j++) {
                scaled[j] = scale * batchStats[j];
                totals[j] += batchStats[j];
            }
            family.step(scaled, rho, q);
            elbo = family.checkDomain(q) == null ? family.elbo(q, scaled) : Double.NaN;
        }
        } catch (RuntimeException e) {
            // e.g. a Cholesky factorisation refused inside a coordinate update: the step is refused
            return new StepResult(state, new StepDiagnostics(t, mode == UpdateMode.CAVI ? 1.0 : schedule.rho(t),
                    state.effectiveDataSize(), s, Double.NaN, "coordinate update failed: " + e.getMessage()));
        }
        String problem = firstNonFinite(q);
        if (problem == null) {
            problem = family.checkDomain(q);
        }
        if (problem == null && !Double.isFinite(elbo)) {
            problem = "ELBO is not finite (" + elbo + ")";
        }
        if (problem != null) {
            return new StepResult(state, new StepDiagnostics(t, rho, n, s, Double.NaN, problem));
        }
        double[] params = new double[m + q.length];
        System.arraycopy(totals, 0, params, 0, m);
        System.arraycopy(q, 0, params, m, q.length);
        return new StepResult(new VariationalState(t, state.observationsSeen() + s, n, params),
                new StepDiagnostics(t, rho, n, s, elbo, null));
    }

    /**
     * CAVI sweeps until no parameter of q moves by more than {@code tolerance} relative to its
     * size (a criterion on the parameters, not on the ELBO: near the optimum the ELBO is flat to
     * second order, so an ELBO criterion of ε leaves the parameters only √ε-accurate). Returns
     * the ELBO at the result.
     */
    double fit(double[] totals, double[] q) {
        double[] before = new double[q.length];
        for (int sweep = 0; sweep < maxSweeps; sweep++) {
            System.arraycopy(q, 0, before, 0, q.length);
            family.step(totals, 1.0, q);
            if (family.checkDomain(q) != null) {
                return Double.NaN;
            }
            double change = 0;
            for (int j = 0; j < q.length; j++) {
                change = Math.max(change, Math.abs(q[j] - before[j]) / Math.max(Math.abs(before[j]), Double.MIN_NORMAL));
            }
            if (change <= tolerance) {
                break;
            }
        }
        return family.elbo(q, totals);
    }

    @Override
    public Posterior posterior(VariationalState state) {
        double[] q = variational(state);
        Posterior p = family.posterior(q);
        return new Posterior(p.family(), p.parameters(), p.summaries(), family.predictive(q));
    }

    private static String firstNonFinite(double[] q) {
        for (int j = 0; j < q.length; j++) {
            if (!Double.isFinite(q[j])) {
                return "variational parameter " + j + " is not finite (" + q[j] + ")";
            }
        }
        return null;
    }

    @Override
    public PredictiveSampler predictiveSampler(VariationalState state) {
        return family.predictiveSampler(variational(state));
    }

    @Override
    public String evaluationUnsupported() {
        return family instanceof Evaluable.Family f ? f.evaluationUnsupported()
                : "evaluation against MCMC is not offered for model type '" + type() + "' (q is not Gaussian)";
    }

    @Override
    public LogDensity logPosterior(List<? extends Observation> data) {
        return ((Evaluable.Family) family).logPosterior(data);
    }

    @Override
    public GaussianApproximation approximation(VariationalState state) {
        return ((Evaluable.Family) family).approximation(variational(state));
    }

    @Override
    public double logLikelihood(Observation y, double[] theta) {
        return ((Evaluable.Family) family).logLikelihood(y, theta);
    }
}
