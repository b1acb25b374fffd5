package io.streamvi.model.mixture;

import io.streamvi.model.mixture.ComponentFamily.OutsideDomainException;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.observation.VectorValue;
import io.streamvi.model.posterior.NamedParameter;
import io.streamvi.model.posterior.ParameterSummary;
import io.streamvi.model.posterior.Posterior;
import io.streamvi.model.schedule.StepSchedule;
import io.streamvi.model.svi.EffectiveDataSize;
import io.streamvi.model.svi.Seeds;
import io.streamvi.model.svi.StepDiagnostics;
import io.streamvi.model.svi.StepResult;
import io.streamvi.model.svi.StreamingModel;
import io.streamvi.model.svi.VariationalState;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A Bayesian Gaussian mixture fitted by stochastic variational inference (Hoffman, Blei, Wang and
 * Paisley 2013, Algorithm 1) with the mean-field family of Bishop (2006), §10.2:
 * q(z) q(π) Π_k q(μ_k, Λ_k), q(π) Dirichlet and q(μ_k, Λ_k) Normal-Wishart ({@link CovarianceType#FULL})
 * or a Normal-Gamma per dimension ({@link CovarianceType#DIAGONAL}).
 *
 * <p>One {@link #update} with a minibatch B of S points at step t = state.step() + 1:
 * <ol>
 *   <li>Local step: r_ik ∝ exp(E[ln π_k] + E[ln N(x_i | μ_k, Λ_k^-1)]) under the current q
 *       (Bishop eqs. 10.46–10.49, 10.64–10.66), normalised with log-sum-exp. For this model the
 *       local coordinate-ascent step is closed-form: one pass given the globals is exact.
 *   <li>Global step in natural parameters: λ̂ = η + (N_t / S) Σ_{i∈B} Σ_k r_ik t_k(x_i) and
 *       λ ← (1 − ρ_t) λ + ρ_t λ̂, with ρ_t from the {@link StepSchedule} and N_t from the
 *       {@link EffectiveDataSize} (Hoffman et al. 2013, Algorithm 1). The state is stored in an
 *       additive form (below) in which this convex combination is exact.
 *   <li>At the first step (state.step() == 0) the prior is symmetric in the components, so the
 *       local step would give every component the same responsibilities. Instead k-means++ with
 *       {@code SplittableRandom(Seeds.forStep(seed, 0))} picks K centres among the first
 *       minibatch's points, at most {@value #LLOYD_ITERATIONS} Lloyd iterations refine them on the
 *       same points, the tightest of {@value #KMEANS_RESTARTS} such runs is kept, and its hard
 *       assignments to the nearest centre serve as r_ik for the first global step. Only the first
 *       minibatch is seen, and the same input and seed give the same state bit for bit. The
 *       first minibatch must hold at least K distinct points (otherwise some centres coincide and
 *       those components stay exchangeable) and should hold many more: a poor split of a small
 *       first minibatch can leave SVI in a poor local optimum (on the iris data, first minibatches
 *       of 10–25 points did, 50 did not), so a larger warm-up minibatch is worth sending first.
 *   <li>ELBO after the step: with the new globals and their optimal responsibilities,
 *       <pre>
 *   L = (N_t / S) Σ_{i∈B} ln Σ_k exp(E[ln π_k] + E[ln N(x_i | μ_k, Λ_k^-1)])
 *       − KL(q(π) ‖ p(π)) − Σ_k KL(q(μ_k, Λ_k) ‖ p(μ_k, Λ_k))
 *       </pre>
 *       the minibatch estimate of Bishop's eqs. 10.70–10.77 (the terms in r_ik collapse to the
 *       log-sum-exp at the optimal r_ik). With K = 1, a single minibatch of all the data and
 *       ρ = 1 it is the log marginal likelihood.
 *   <li>Guard: when the new state or the ELBO is not finite, or a Dirichlet, Wishart or Gamma
 *       parameter leaves its domain, the old state is returned with the reason, as in
 *       {@link io.streamvi.model.conjugate.ConjugateModel}.
 * </ol>
 *
 * <p>Layout of {@code VariationalState.params()} (K components, dimension d):
 * <pre>
 *   [ α_1 .. α_K,  block_1, ..., block_K ]
 *   FULL,     block of 2 + d + d² doubles: [ β, β·m (d), Ψ = W^-1 + β m mᵀ (d×d row-major), ν ]
 *   DIAGONAL, block of 2 + 2d doubles:     [ β, β·m (d), s_j = b_j + ½ β m_j² (d), a ]
 * </pre>
 * Every entry is the prior's value plus Σ r_ik t(x_i) with t(x) = (1, x, x xᵀ, 1) for FULL and
 * (1, x, ½ x², ½) for DIAGONAL; α_k gains r_ik.
 *
 * <p>The model is immutable and thread-safe; scratch arrays live inside each call.
 */
public final class GaussianMixtureModel implements StreamingModel {

    public static final String TYPE = "gaussian-mixture";

    /** Number of k-means++/Lloyd runs of the initialisation; the tightest clustering is kept. */
    static final int KMEANS_RESTARTS = 10;

    /** Upper bound on the Lloyd iterations of each initialisation run. */
    static final int LLOYD_ITERATIONS = 25;

    private final MixturePrior prior;
    private final ComponentFamily family;
    private final int k;
    private final int d;
    private final StepSchedule schedule;
    private final EffectiveDataSize dataSize;
    private final double[] eta;

    public GaussianMixtureModel(MixturePrior prior, StepSchedule schedule, EffectiveDataSize dataSize) {
        this.prior = Objects.requireNonNull(prior, "prior");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.dataSize = Objects.requireNonNull(dataSize, "dataSize");
        this.family = prior.family();
        this.k = prior.components();
        this.d = prior.dimension();
        this.eta = new double[VariationalMixture.size(family, k)];
        for (int c = 0; c < k; c++) {
            eta[c] = prior.alpha0();
            family.writePrior(eta, VariationalMixture.offset(family, k, c));
        }
    }

    public MixturePrior prior() {
        return prior;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String validate(Observation observation) {
        String nonFinite = Observation.nonFiniteReason(observation);
        if (nonFinite != null) {
            return nonFinite;
        }
        if (!(observation instanceof VectorValue v)) {
            return "expects a VectorValue of dimension " + d + ", got " + observation.kind();
        }
        if (v.dimension() != d) {
            return "expects a VectorValue of dimension " + d + ", got " + v.dimension();
        }
        return null;
    }

    /** The first minibatch initialises K components: it needs at least K points. */
    @Override
    public int minimumFirstBatch() {
        return k;
    }

    @Override
    public VariationalState initialState() {
        return new VariationalState(0, 0, 0.0, eta);
    }

    @Override
    public StepResult update(VariationalState state, List<? extends Observation> batch, long seed) {
        int s = batch.size();
        if (s == 0) {
            throw new IllegalArgumentException("empty minibatch");
        }
        requireLayout(state);
        long t = state.step() + 1;
        double n = dataSize.next(state.effectiveDataSize(), state.observationsSeen(), s);
        double rho = schedule.rho(t);
        double[] xs = flatten(batch);
        double[] old = state.params();
        double[] stats = new double[old.length];
        if (state.step() == 0) {
            initialStatistics(xs, s, seed, stats);
        } else {
            VariationalMixture q;
            try {
                q = VariationalMixture.decode(family, k, old);
            } catch (OutsideDomainException e) {
                return rejected(state, t, rho, n, s, "current state is invalid: " + e.getMessage());
            }
            localStatistics(q, xs, s, stats);
        }
        double scale = n / s;
        double[] lambda = new double[old.length];
        for (int j = 0; j < lambda.length; j++) {
            lambda[j] = (1.0 - rho) * old[j] + rho * (eta[j] + scale * stats[j]);
        }
        String problem = firstNonFinite(lambda);
        VariationalMixture next = null;
        if (problem == null) {
            try {
                next = VariationalMixture.decode(family, k, lambda);
            } catch (OutsideDomainException e) {
                problem = e.getMessage();
            }
        }
        double elbo = Double.NaN;
        if (problem == null) {
            elbo = elbo(next, xs, s, scale);
            if (!Double.isFinite(elbo)) {
                problem = "ELBO is not finite (" + elbo + ")";
            }
        }
        if (problem != null) {
            return rejected(state, t, rho, n, s, problem);
        }
        VariationalState updated = new VariationalState(t, state.observationsSeen() + s, n, lambda);
        return new StepResult(updated, new StepDiagnostics(t, rho, n, s, elbo, null));
    }

    /** Hard k-means++/Lloyd assignments on the first minibatch, as Σ r_ik t(x_i). */
    private void initialStatistics(double[] xs, int s, long seed, double[] stats) {
        SplittableRandom rng = new SplittableRandom(Seeds.forStep(seed, 0));
        int[] assignment = KMeansPlusPlus.cluster(xs, s, d, k, rng, KMEANS_RESTARTS, LLOYD_ITERATIONS);
        for (int i = 0; i < s; i++) {
            int c = assignment[i];
            stats[c] += 1.0;
            family.addStatistics(1.0, xs, i * d, stats, VariationalMixture.offset(family, k, c));
        }
    }

    /** The local step under q, as Σ r_ik t(x_i). */
    private void localStatistics(VariationalMixture q, double[] xs, int s, double[] stats) {
        double[] r = new double[k];
        double[] scratch = new double[d];
        for (int i = 0; i < s; i++) {
            q.responsibilities(xs, i * d, r, scratch);
            for (int c = 0; c < k; c++) {
                if (r[c] != 0.0) {
                    stats[c] += r[c];
                    family.addStatistics(r[c], xs, i * d, stats, VariationalMixture.offset(family, k, c));
                }
            }
        }
    }

    /** (N/S) Σ_i ln Σ_k ρ_ik − KL(q ‖ prior) under q. */
    private double elbo(VariationalMixture q, double[] xs, int s, double scale) {
        double[] r = new double[k];
        double[] scratch = new double[d];
        double local = 0;
        for (int i = 0; i < s; i++) {
            local += q.responsibilities(xs, i * d, r, scratch);
        }
        return scale * local - q.klFromPrior(prior.alpha0());
    }

    /**
     * The ELBO of {@code state} on {@code points} standing for {@code effectiveDataSize}
     * observations: (N/|points|) Σ_i ln Σ_k ρ_ik − KL(q ‖ prior), the quantity {@link #update}
     * reports for its minibatch. With all the data and N = their number it is the batch ELBO
     * (Bishop 2006, eq. 10.70) at the optimal responsibilities.
     */
    public double elbo(VariationalState state, List<? extends Observation> points, double effectiveDataSize) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("no points");
        }
        VariationalMixture q = decodeOrThrow(state, null);
        return elbo(q, flatten(points), points.size(), effectiveDataSize / points.size());
    }

    /**
     * ln p(x | data), the posterior predictive density of a new point (Bishop 2006, eq. 10.81): a
     * mixture of multivariate Student-t (FULL) or of products of univariate Student-t (DIAGONAL),
     * summed with log-sum-exp.
     *
     * @throws IllegalArgumentException when x has the wrong dimension or the state is invalid
     */
    public double logPredictiveDensity(VariationalState state, double[] x) {
        VariationalMixture q = decodeOrThrow(state, x);
        return MixturePredictive.logDensity(q, x, 0, new double[k], new double[d]);
    }

    /** {@link #logPredictiveDensity(VariationalState, double[])} at many points, decoding the state once. */
    public double[] logPredictiveDensities(VariationalState state, List<double[]> points) {
        VariationalMixture q = decodeOrThrow(state, null);
        double[] out = new double[points.size()];
        double[] terms = new double[k];
        double[] scratch = new double[d];
        for (int i = 0; i < out.length; i++) {
            double[] x = points.get(i);
            requireDimension(x);
            out[i] = MixturePredictive.logDensity(q, x, 0, terms, scratch);
        }
        return out;
    }

    /** The responsibilities r_k of x under {@code state}'s q: the local step for one point. */
    public double[] responsibilities(VariationalState state, double[] x) {
        VariationalMixture q = decodeOrThrow(state, x);
        double[] r = new double[k];
        q.responsibilities(x, 0, r, new double[d]);
        return r;
    }

    /**
     * Family {@code GaussianMixture}. Parameters: {@code alpha} [K]; per component k,
     * {@code m[k]} [d], {@code beta[k]}, and {@code W[k]} [d, d] with {@code nu[k]} (FULL) or
     * {@code a[k]} [d] with {@code b[k]} [d] (DIAGONAL). Summaries: {@code weight[k]} (Beta
     * marginal of the Dirichlet), {@code mean[k][j]} (Student-t marginal of μ_kj) and
     * {@code covariance[k][j][j]} (inverse-Gamma marginal of the variance of dimension j, whose
     * mean is E[Σ_k]_jj). Moments that do not exist are NaN (undefined) or +∞. No predictive
     * summaries: the predictive is multimodal, use {@link #logPredictiveDensity}.
     */
    @Override
    public Posterior posterior(VariationalState state) {
        VariationalMixture q = decodeOrThrow(state, null);
        List<NamedParameter> parameters = new ArrayList<>();
        parameters.add(new NamedParameter("alpha", new int[] {k}, q.alpha()));
        List<ParameterSummary> summaries = new ArrayList<>();
        double[] alpha = q.alpha();
        for (int c = 0; c < k; c++) {
            summaries.add(DirichletWeights.weight(alpha, k, c));
        }
        for (int c = 0; c < k; c++) {
            parameters.addAll(q.component(c).parameters(c));
            summaries.addAll(q.component(c).summaries(c));
        }
        return new Posterior("GaussianMixture", parameters, summaries);
    }

    /** The state's q; x, when given, must have dimension d. */
    private VariationalMixture decodeOrThrow(VariationalState state, double[] x) {
        requireLayout(state);
        if (x != null) {
            requireDimension(x);
        }
        try {
            return VariationalMixture.decode(family, k, state.params());
        } catch (OutsideDomainException e) {
            throw new IllegalArgumentException("state is not a valid mixture posterior: " + e.getMessage(), e);
        }
    }

    private void requireDimension(double[] x) {
        if (x.length != d) {
            throw new IllegalArgumentException("expects a point of dimension " + d + ", got " + x.length);
        }
    }

    private void requireLayout(VariationalState state) {
        if (state.dimension() != eta.length) {
            throw new IllegalArgumentException("state has " + state.dimension() + " parameters, this "
                    + prior.covariance() + " mixture with K=" + k + ", d=" + d + " has " + eta.length);
        }
    }

    private double[] flatten(List<? extends Observation> batch) {
        double[] xs = new double[batch.size() * d];
        int i = 0;
        for (Observation o : batch) {
            String problem = validate(o);
            if (problem != null) {
                throw new IllegalArgumentException("observation " + i + " was not validated: " + problem);
            }
            VectorValue v = (VectorValue) o;
            for (int j = 0; j < d; j++) {
                xs[i * d + j] = v.value(j);
            }
            i++;
        }
        return xs;
    }

    private static StepResult rejected(VariationalState state, long t, double rho, double n, int s, String reason) {
        return new StepResult(state, new StepDiagnostics(t, rho, n, s, Double.NaN, reason));
    }

    private static String firstNonFinite(double[] lambda) {
        for (int j = 0; j < lambda.length; j++) {
            if (!Double.isFinite(lambda[j])) {
                return "parameter " + j + " is not finite (" + lambda[j] + ")";
            }
        }
        return null;
    }
}
