package io.streamvi.model.check;

import io.streamvi.model.conjugate.ConjugateModel;
import io.streamvi.model.conjugate.NormalGamma;
import io.streamvi.model.glm.LogisticLikelihood;
import io.streamvi.model.glm.NaturalGradientGlm;
import io.streamvi.model.meanfield.MeanFieldModel;
import io.streamvi.model.meanfield.NormalMeanField;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.observation.RealValue;
import io.streamvi.model.observation.Regression;
import io.streamvi.model.regression.Design;
import io.streamvi.model.regression.GaussianLinearRegression;
import io.streamvi.model.regression.MeanFieldLinearRegression;
import io.streamvi.model.schedule.RobbinsMonroSchedule;
import io.streamvi.model.svi.EffectiveDataSize;
import io.streamvi.model.svi.UpdateMode;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.random.RandomDataGenerator;

/**
 * The simulation-based calibration scenarios of {@code streamvi calibrate}: each pairs a
 * generative model with the ways streamvi can fit it — exact where a closed form exists, a
 * full-covariance q and a mean-field (fully factorised) q — so that their coverage can be read
 * side by side.
 */
public final class CalibrationScenarios {

    /** A problem and the methods compared on it. */
    public record Scenario(SimulationBasedCalibration.Problem problem, List<SimulationBasedCalibration.Method> methods) {
    }

    public static final List<String> NAMES = List.of("regression", "normal", "logistic");

    private CalibrationScenarios() {
    }

    public static Scenario named(String name) {
        return switch (name) {
            case "regression" -> regression(3, 0.9, 20);
            case "normal" -> normal(5);
            case "logistic" -> logistic(3, 0.9, 100);
            default -> throw new IllegalArgumentException("unknown scenario '" + name + "' (known: " + NAMES + ")");
        };
    }

    /**
     * Linear regression y = xᵀw + ε, ε ~ N(0, 1), w ~ N(0, I_p), n observations whose features are
     * equicorrelated standard normals (correlation {@code correlation}): exact (Gaussian
     * posterior), full-covariance q(w) by CAVI (exact here: the noise is known), and the fully
     * factorised q(w) = Π q(w_j), whose marginal variances 1/Λ_jj are below (Λ⁻¹)_jj when the
     * features correlate.
     */
    public static Scenario regression(int p, double correlation, int n) {
        Design design = new Design(p, false);
        double[][] none = new double[0][];
        var problem = regressionProblem("regression (p = " + p + ", feature correlation " + correlation + ", n = " + n
                + ", known noise sd 1)", design, correlation, n, (eta, rng) -> rng.nextNormal(eta, 1));
        var cavi = new EffectiveDataSize.Seen();
        var schedule = RobbinsMonroSchedule.of(1, 0.7);
        return new Scenario(problem, List.of(
                new SimulationBasedCalibration.Method("exact", new ConjugateModel(
                        new GaussianLinearRegression(design, 1, new double[] {0}, new double[] {1}, none),
                        UpdateMode.EXACT, schedule, cavi), 1),
                new SimulationBasedCalibration.Method("full-covariance", new MeanFieldModel(
                        MeanFieldLinearRegression.knownNoise(design, MeanFieldLinearRegression.Form.FULL, 1,
                                new double[] {0}, new double[] {1}, none), UpdateMode.CAVI, schedule, cavi, 1e-10, 10_000), 1),
                new SimulationBasedCalibration.Method("mean-field", new MeanFieldModel(
                        MeanFieldLinearRegression.knownNoise(design, MeanFieldLinearRegression.Form.DIAGONAL, 1,
                                new double[] {0}, new double[] {1}, none), UpdateMode.CAVI, schedule, cavi, 1e-10, 10_000), 1)));
    }

    /**
     * Normal with unknown mean and precision, conjugate prior μ | τ ~ N(0, 1/τ), τ ~ Gamma(2, 2),
     * n observations: the exact Normal-Gamma posterior against the classic mean-field q(μ)q(τ) by
     * CAVI, whose q(μ) is narrower than the exact marginal (a Student t).
     */
    public static Scenario normal(int n) {
        double kappa0 = 1;
        double a0 = 2;
        double b0 = 2;
        var problem = new SimulationBasedCalibration.Problem() {
            @Override
            public String name() {
                return "normal (unknown mean and precision, conjugate prior, n = " + n + ")";
            }

            @Override
            public List<String> parameters() {
                return List.of("mu", "tau");
            }

            @Override
            public double[] drawPrior(RandomDataGenerator rng) {
                double tau = rng.nextGamma(a0, 1 / b0);
                return new double[] {rng.nextNormal(0, 1 / Math.sqrt(kappa0 * tau)), tau};
            }

            @Override
            public List<Observation> simulate(double[] theta, RandomDataGenerator rng) {
                List<Observation> out = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    out.add(new RealValue(rng.nextNormal(theta[0], 1 / Math.sqrt(theta[1]))));
                }
                return out;
            }
        };
        var seen = new EffectiveDataSize.Seen();
        var schedule = RobbinsMonroSchedule.of(1, 0.7);
        return new Scenario(problem, List.of(
                new SimulationBasedCalibration.Method("exact",
                        new ConjugateModel(new NormalGamma(0, kappa0, a0, b0), UpdateMode.EXACT, schedule, seen), 1),
                new SimulationBasedCalibration.Method("mean-field", new MeanFieldModel(
                        NormalMeanField.conjugatePrior(0, kappa0, a0, b0), UpdateMode.CAVI, schedule, seen, 1e-10, 10_000), 1)));
    }

    /**
     * Logistic regression, w ~ N(0, I_p), equicorrelated standard-normal features, n observations:
     * full-rank against mean-field Gaussian q by natural-gradient steps (200 passes over the data
     * with ρ_t = 1/t and N = n, run to their fixed points). No closed form exists; the full-rank q
     * is close to the posterior at this n (the breast-cancer comparison with NUTS shows how
     * close), the mean-field one under-covers.
     */
    public static Scenario logistic(int p, double correlation, int n) {
        Design design = new Design(p, false);
        var problem = regressionProblem("logistic regression (p = " + p + ", feature correlation " + correlation
                + ", n = " + n + ")", design, correlation, n,
                (eta, rng) -> rng.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0);
        var schedule = RobbinsMonroSchedule.of(0, 1);
        var fixed = new EffectiveDataSize.Fixed(n);
        double[][] none = new double[0][];
        return new Scenario(problem, List.of(
                new SimulationBasedCalibration.Method("full-rank", new NaturalGradientGlm(new LogisticLikelihood(), design,
                        true, 1, 1, schedule, fixed, none), 200),
                new SimulationBasedCalibration.Method("mean-field", new NaturalGradientGlm(new LogisticLikelihood(), design,
                        false, 1, 1, schedule, fixed, none), 200)));
    }

    /** A draw of the outcome y given the linear predictor η. */
    private interface Outcome {
        double draw(double eta, RandomDataGenerator rng);
    }

    /** w ~ N(0, I_p), then n observations of equicorrelated features and outcomes drawn from xᵀw. */
    private static SimulationBasedCalibration.Problem regressionProblem(String name, Design design, double correlation,
            int n, Outcome outcome) {
        int p = design.size();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            names.add(design.name(i));
        }
        return new SimulationBasedCalibration.Problem() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<String> parameters() {
                return names;
            }

            @Override
            public double[] drawPrior(RandomDataGenerator rng) {
                return normals(rng, p);
            }

            @Override
            public List<Observation> simulate(double[] w, RandomDataGenerator rng) {
                return regressionData(w, correlation, n, rng, eta -> outcome.draw(eta, rng));
            }
        };
    }

    private static double[] normals(RandomDataGenerator rng, int p) {
        double[] w = new double[p];
        for (int i = 0; i < p; i++) {
            w[i] = rng.nextNormal(0, 1);
        }
        return w;
    }

    /** n regressions with x_j = √c z + √(1 − c) e_j (equicorrelated, correlation c) and y drawn from η = xᵀw. */
    private static List<Observation> regressionData(double[] w, double correlation, int n, RandomDataGenerator rng,
            java.util.function.DoubleUnaryOperator outcome) {
        List<Observation> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double common = rng.nextNormal(0, 1);
            double[] x = new double[w.length];
            double eta = 0;
            for (int j = 0; j < w.length; j++) {
                x[j] = Math.sqrt(correlation) * common + Math.sqrt(1 - correlation) * rng.nextNormal(0, 1);
                eta += x[j] * w[j];
            }
            out.add(new Regression(x, outcome.applyAsDouble(eta), 1));
        }
        return out;
    }
}
