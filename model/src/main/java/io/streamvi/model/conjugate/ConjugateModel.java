package io.streamvi.model.conjugate;

import io.streamvi.model.mcmc.LogDensity;
import io.streamvi.model.evaluation.GaussianApproximation;
import io.streamvi.model.evaluation.Evaluable;
import io.streamvi.model.check.PredictiveSampler;
import io.streamvi.model.check.PredictiveReplicator;
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
 * A conjugate-exponential family run as a streaming model, in exact or SVI mode.
 *
 * <p>SVI (Hoffman et al. 2013, Algorithm 1, with no local variables): for the minibatch B of S
 * observations at step t,
 * <pre>
 *   λ̂   = η + (N_t / S) Σ_{i∈B} t(x_i)
 *   λ_t = (1 − ρ_t) λ_{t−1} + ρ_t λ̂
 * </pre>
 * which is a natural-gradient step of length ρ_t on the ELBO. The reported ELBO is the
 * minibatch estimate (N_t/S) Σ E_q[log p(x_i | θ)] − KL(q ‖ prior) at λ_t.
 *
 * <p>Exact: λ ← η + γ (λ − η) + Σ t(x_i), γ = 1 unless the effective data size forgets; then
 * every observation is discounted by its own age ({@link Forgetting}), so the result does not
 * depend on how the stream was cut into minibatches. The reported ELBO is that of all
 * (discounted) data seen, equal to the log evidence when nothing is forgotten.
 *
 * <p>State layout: {@code params = [λ_1 .. λ_d, L]} where L accumulates Σ log h(x_i) (discounted
 * like λ in exact mode), so that the exact-mode ELBO includes the base measure and equals the log
 * evidence at the exact posterior.
 *
 * <p>Guard (after NumPyro's {@code stable_update}): if the new λ or the ELBO is not finite, or λ
 * leaves the family's domain, the old state is returned unchanged and the diagnostics say why.
 */
public final class ConjugateModel implements StreamingModel, PredictiveReplicator, Evaluable {

    private final ConjugateFamily family;
    private final UpdateMode mode;
    private final StepSchedule schedule;
    private final EffectiveDataSize dataSize;
    private final double[] prior;

    public ConjugateModel(ConjugateFamily family, UpdateMode mode, StepSchedule schedule, EffectiveDataSize dataSize) {
        this.family = family;
        this.mode = mode;
        this.schedule = schedule;
        this.dataSize = dataSize;
        this.prior = family.prior();
    }

    public ConjugateFamily family() {
        return family;
    }

    public UpdateMode mode() {
        return mode;
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
        return new VariationalState(0, 0, 0.0, Arrays.copyOf(prior, prior.length + 1));
    }

    @Override
    public StepResult update(VariationalState state, List<? extends Observation> batch, long seed) {
        int s = batch.size();
        long t = state.step() + 1;
        if (s == 0) {
            throw new IllegalArgumentException("empty minibatch");
        }
        int d = family.dimension();
        double[] stats = new double[d + 1];
        double weight = mode == UpdateMode.EXACT
                ? Forgetting.accumulate(batch, stats, dataSize, family::addStatistics)
                : Forgetting.accumulate(batch, stats, null, family::addStatistics);
        double[] next = new double[d + 1];
        double[] elboStats = new double[d + 1];
        double n;
        double rho;
        if (mode == UpdateMode.EXACT) {
            double gamma = Forgetting.discount(dataSize, s);
            n = gamma * state.effectiveDataSize() + weight;
            rho = 1.0;
            for (int j = 0; j < d; j++) {
                next[j] = prior[j] + gamma * (state.param(j) - prior[j]) + stats[j];
                elboStats[j] = next[j] - prior[j];
            }
            next[d] = gamma * state.param(d) + stats[d];
            elboStats[d] = next[d];
        } else {
            n = dataSize.next(state.effectiveDataSize(), state.observationsSeen(), s);
            rho = schedule.rho(t);
            double scale = n / s;
            for (int j = 0; j < d; j++) {
                elboStats[j] = scale * stats[j];
                double lambdaHat = prior[j] + elboStats[j];
                next[j] = (1.0 - rho) * state.param(j) + rho * lambdaHat;
            }
            elboStats[d] = scale * stats[d];
            next[d] = state.param(d) + stats[d];
        }
        double[] lambda = Arrays.copyOf(next, d);
        String problem = firstNonFinite(lambda);
        if (problem == null) {
            problem = family.checkDomain(lambda);
        }
        double elbo = Double.NaN;
        if (problem == null) {
            try {
                elbo = family.elbo(lambda, elboStats);
            } catch (RuntimeException e) {
                problem = "ELBO could not be evaluated: " + e.getMessage();
            }
        }
        if (problem == null && !Double.isFinite(elbo)) {
            problem = "ELBO is not finite (" + elbo + ")";
        }
        if (problem != null) {
            return new StepResult(state, new StepDiagnostics(t, rho, n, s, Double.NaN, problem));
        }
        return new StepResult(new VariationalState(t, state.observationsSeen() + s, n, next),
                new StepDiagnostics(t, rho, n, s, elbo, null));
    }

    @Override
    public Posterior posterior(VariationalState state) {
        double[] lambda = lambda(state);
        Posterior p = family.posterior(lambda);
        return new Posterior(p.family(), p.parameters(), p.summaries(), family.predictive(lambda));
    }

    /**
     * The posterior the same data would give under the prior's strength scaled by {@code factor}
     * (η → factor·η: halving or doubling its pseudo-observations). Every state of this model is
     * λ = η + A with A the (weighted) statistics of the data — in exact mode by construction, in
     * SVI mode because each λ̂ holds η and the convex combinations keep it — so the shadow
     * posterior is λ − η + factor·η, with no extra state. Null when it is not a valid distribution.
     */
    public Posterior posteriorUnderScaledPrior(VariationalState state, double factor) {
        double[] lambda = lambda(state);
        for (int j = 0; j < lambda.length; j++) {
            lambda[j] += (factor - 1) * prior[j];
        }
        return family.checkDomain(lambda) == null ? family.posterior(lambda) : null;
    }

    /** The family's parameter λ of a state (without the base-measure accumulator). */
    public double[] lambda(VariationalState state) {
        return Arrays.copyOf(state.params(), family.dimension());
    }

    private static String firstNonFinite(double[] lambda) {
        for (int j = 0; j < lambda.length; j++) {
            if (!Double.isFinite(lambda[j])) {
                return "parameter " + j + " is not finite (" + lambda[j] + ")";
            }
        }
        return null;
    }

    @Override
    public PredictiveSampler predictiveSampler(VariationalState state) {
        return family.predictiveSampler(Arrays.copyOf(state.params(), family.dimension()));
    }

    @Override
    public String evaluationUnsupported() {
        return family instanceof Evaluable.Family f ? f.evaluationUnsupported()
                : "model type '" + type() + "' is exact: its posterior needs no comparison with MCMC";
    }

    @Override
    public LogDensity logPosterior(List<? extends Observation> data) {
        return ((Evaluable.Family) family).logPosterior(data);
    }

    @Override
    public GaussianApproximation approximation(VariationalState state) {
        return ((Evaluable.Family) family).approximation(Arrays.copyOf(state.params(), family.dimension()));
    }

    @Override
    public double logLikelihood(Observation y, double[] theta) {
        return ((Evaluable.Family) family).logLikelihood(y, theta);
    }
}
