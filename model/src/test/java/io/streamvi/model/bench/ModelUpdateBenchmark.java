package io.streamvi.model.bench;

import io.streamvi.model.conjugate.BetaBernoulli;
import io.streamvi.model.conjugate.ConjugateModel;
import io.streamvi.model.conjugate.DirichletCategorical;
import io.streamvi.model.conjugate.GammaPoisson;
import io.streamvi.model.conjugate.NormalGamma;
import io.streamvi.model.meanfield.MeanFieldModel;
import io.streamvi.model.meanfield.NormalMeanField;
import io.streamvi.model.observation.BinaryOutcome;
import io.streamvi.model.observation.Category;
import io.streamvi.model.observation.Count;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.observation.RealValue;
import io.streamvi.model.observation.Regression;
import io.streamvi.model.observation.VectorValue;
import io.streamvi.model.glm.LogisticLikelihood;
import io.streamvi.model.glm.NaturalGradientGlm;
import io.streamvi.model.glm.ReparameterisedGlm;
import io.streamvi.model.mixture.GaussianMixtureModel;
import io.streamvi.model.mixture.MixturePrior;
import io.streamvi.model.regression.Design;
import io.streamvi.model.regression.GaussianLinearRegression;
import io.streamvi.model.regression.MeanFieldLinearRegression;
import io.streamvi.model.regression.NormalGammaLinearRegression;
import io.streamvi.model.schedule.RobbinsMonroSchedule;
import io.streamvi.model.svi.EffectiveDataSize;
import io.streamvi.model.svi.StreamingModel;
import io.streamvi.model.svi.UpdateMode;
import io.streamvi.model.svi.VariationalState;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one model update per observation: a minibatch of {@value #BATCH} observations is
 * applied to a state that has already seen data, and the time is divided by the batch size.
 * Run with {@code bin/bench-models} (add {@code -prof gc} for bytes allocated per observation).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ModelUpdateBenchmark {

    static final int BATCH = 100;

    @Param({"beta-bernoulli", "gamma-poisson", "normal-gamma", "dirichlet-categorical-10", "normal-meanfield-cavi",
        "regression-known-d10", "regression-known-d100", "regression-normal-gamma-d10", "regression-normal-gamma-d100",
        "regression-meanfield-cavi-d10", "regression-factorised-svi-d10", "mixture-full-k5-d4", "mixture-diagonal-k5-d4",
        "logistic-natural-fullrank-d10", "logistic-natural-fullrank-d30", "logistic-natural-fullrank-d100",
        "logistic-reparam-fullrank-d10", "logistic-reparam-fullrank-d30", "logistic-reparam-fullrank-d100",
        "logistic-reparam-meanfield-d30"})
    public String model;

    private StreamingModel streaming;
    private VariationalState state;
    private List<Observation> batch;

    @Setup
    public void setUp() {
        SplittableRandom rng = new SplittableRandom(1);
        RobbinsMonroSchedule schedule = RobbinsMonroSchedule.of(1, 0.7);
        EffectiveDataSize seen = new EffectiveDataSize.Seen();
        int d = model.endsWith("d100") ? 100 : model.endsWith("d30") ? 30 : 10;
        Design design = new Design(d, true);
        double[][] none = new double[0][];
        streaming = switch (model) {
            case "beta-bernoulli" -> new ConjugateModel(new BetaBernoulli(1, 1), UpdateMode.EXACT, schedule, seen);
            case "gamma-poisson" -> new ConjugateModel(new GammaPoisson(1, 1), UpdateMode.EXACT, schedule, seen);
            case "normal-gamma" -> new ConjugateModel(new NormalGamma(0, 1, 1, 1), UpdateMode.EXACT, schedule, seen);
            case "dirichlet-categorical-10" -> new ConjugateModel(new DirichletCategorical(new double[] {1, 1, 1, 1, 1,
                1, 1, 1, 1, 1}), UpdateMode.EXACT, schedule, seen);
            case "normal-meanfield-cavi" -> new MeanFieldModel(NormalMeanField.independentPrior(0, 100, 1, 1),
                    UpdateMode.CAVI, schedule, seen, 1e-10, 1000);
            case "regression-known-d10", "regression-known-d100" -> new ConjugateModel(new GaussianLinearRegression(
                    design, 1, new double[] {0}, new double[] {1}, none), UpdateMode.EXACT, schedule, seen);
            case "regression-normal-gamma-d10", "regression-normal-gamma-d100" -> new ConjugateModel(
                    new NormalGammaLinearRegression(design, 2, 1, new double[] {0}, new double[] {1}, none),
                    UpdateMode.EXACT, schedule, seen);
            case "regression-meanfield-cavi-d10" -> new MeanFieldModel(MeanFieldLinearRegression.unknownNoise(design,
                    MeanFieldLinearRegression.Form.FULL, 2, 1, new double[] {0}, new double[] {1}, none),
                    UpdateMode.CAVI, schedule, seen, 1e-10, 1000);
            case "regression-factorised-svi-d10" -> new MeanFieldModel(MeanFieldLinearRegression.unknownNoise(design,
                    MeanFieldLinearRegression.Form.DIAGONAL, 2, 1, new double[] {0}, new double[] {1}, none),
                    UpdateMode.SVI, schedule, new EffectiveDataSize.Fixed(10_000), 1e-10, 1000);
            case "mixture-full-k5-d4" -> new GaussianMixtureModel(MixturePrior.full(5, 1, new double[4], 1, 0.2, 6),
                    schedule, new EffectiveDataSize.Fixed(10_000));
            case "mixture-diagonal-k5-d4" -> new GaussianMixtureModel(MixturePrior.diagonal(5, 1, new double[4], 1, 1, 1),
                    schedule, new EffectiveDataSize.Fixed(10_000));
            case "logistic-natural-fullrank-d10", "logistic-natural-fullrank-d30", "logistic-natural-fullrank-d100" ->
                new NaturalGradientGlm(new LogisticLikelihood(), design, true, 1, 5, schedule,
                        new EffectiveDataSize.Fixed(10_000), none);
            case "logistic-reparam-fullrank-d10", "logistic-reparam-fullrank-d30", "logistic-reparam-fullrank-d100" ->
                new ReparameterisedGlm(new LogisticLikelihood(), design, true, 1, 5, schedule,
                        new EffectiveDataSize.Fixed(10_000), 10, true, 0, none);
            case "logistic-reparam-meanfield-d30" -> new ReparameterisedGlm(new LogisticLikelihood(), design, false, 1, 5,
                    schedule, new EffectiveDataSize.Fixed(10_000), 10, true, 0, none);
            default -> throw new IllegalArgumentException(model);
        };
        batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            batch.add(observation(rng, d));
        }
        state = streaming.initialState();
        for (int i = 0; i < 5; i++) {
            state = streaming.update(state, batch).state();
        }
    }

    private Observation observation(SplittableRandom rng, int d) {
        if (model.startsWith("mixture")) {
            int k = rng.nextInt(5);
            double[] v = new double[4];
            for (int j = 0; j < 4; j++) {
                v[j] = 3.0 * ((k + j) % 3 - 1) + rng.nextDouble() - 0.5;
            }
            return new VectorValue(v);
        }
        if (model.startsWith("logistic")) {
            double[] x = new double[d];
            double eta = 0;
            for (int j = 0; j < d; j++) {
                x[j] = rng.nextDouble() * 2 - 1;
                eta += x[j] * (j % 3 - 1);
            }
            return new Regression(x, rng.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0, 1.0);
        }
        if (model.startsWith("regression")) {
            double[] x = new double[d];
            double y = 0;
            for (int j = 0; j < d; j++) {
                x[j] = rng.nextDouble() * 2 - 1;
                y += x[j] * (j % 3 - 1);
            }
            return new Regression(x, y + rng.nextDouble() - 0.5, 1.0);
        }
        return switch (model) {
            case "beta-bernoulli" -> new BinaryOutcome(rng.nextDouble() < 0.3);
            case "gamma-poisson" -> new Count(rng.nextInt(10), 1.0);
            case "dirichlet-categorical-10" -> new Category(rng.nextInt(10));
            default -> new RealValue(rng.nextDouble() * 4);
        };
    }

    /** One minibatch of {@value #BATCH} observations; reported per observation. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public VariationalState updatePerObservation() {
        return streaming.update(state, batch).state();
    }
}
