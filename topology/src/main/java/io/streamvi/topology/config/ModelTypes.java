package io.streamvi.topology.config;

import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.conjugate.BetaBernoulli;
import io.streamvi.model.conjugate.ConjugateFamily;
import io.streamvi.model.conjugate.ConjugateModel;
import io.streamvi.model.conjugate.DirichletCategorical;
import io.streamvi.model.conjugate.GammaPoisson;
import io.streamvi.model.conjugate.NormalGamma;
import io.streamvi.model.glm.GlmLikelihood;
import io.streamvi.model.glm.LogisticLikelihood;
import io.streamvi.model.glm.NaturalGradientGlm;
import io.streamvi.model.glm.PoissonLikelihood;
import io.streamvi.model.glm.ReparameterisedGlm;
import io.streamvi.model.meanfield.MeanFieldFamily;
import io.streamvi.model.meanfield.MeanFieldModel;
import io.streamvi.model.meanfield.NormalMeanField;
import io.streamvi.model.mixture.GaussianMixtureModel;
import io.streamvi.model.mixture.MixturePrior;
import io.streamvi.model.regression.Design;
import io.streamvi.model.regression.GaussianLinearRegression;
import io.streamvi.model.regression.MeanFieldLinearRegression;
import io.streamvi.model.regression.NormalGammaLinearRegression;
import io.streamvi.model.schedule.StepSchedule;
import io.streamvi.model.svi.EffectiveDataSize;
import io.streamvi.model.svi.StreamingModel;
import io.streamvi.model.svi.UpdateMode;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;

/**
 * The model types a configuration may name, each with the reader of its own settings. Adding a
 * model type is one entry in {@link #TYPES}. Model parameters are validated by the model classes
 * themselves; their errors are re-thrown with the path of the field in the file.
 */
final class ModelTypes {

    /** Everything a model reader needs besides its own mapping. */
    record Common(UpdateMode mode, StepSchedule schedule, EffectiveDataSize dataSize, ConfigNode cavi) {
    }

    private interface Reader {
        StreamingModel read(ConfigNode model, Common common);
    }

    private static final Map<String, Reader> TYPES = Map.of(
            BetaBernoulli.TYPE, (m, c) -> conjugate(m, c, prior(m, "alpha", "beta"),
                    p -> new BetaBernoulli(p.number("alpha", 1.0), p.number("beta", 1.0))),
            GammaPoisson.TYPE, (m, c) -> conjugate(m, c, prior(m, "shape", "rate"),
                    p -> new GammaPoisson(p.number("shape", 1.0), p.number("rate", 1.0))),
            NormalGamma.TYPE, (m, c) -> conjugate(m, c, prior(m, "mu0", "kappa0", "a0", "b0"),
                    p -> new NormalGamma(p.number("mu0", 0.0), p.number("kappa0", 1.0), p.number("a0", 1.0),
                            p.number("b0", 1.0))),
            DirichletCategorical.TYPE, ModelTypes::dirichlet,
            NormalMeanField.TYPE, ModelTypes::normalMeanField,
            GaussianLinearRegression.TYPE, ModelTypes::linearRegression,
            GaussianMixtureModel.TYPE, ModelTypes::gaussianMixture,
            LogisticLikelihood.TYPE, (m, c) -> glm(m, c, new LogisticLikelihood()),
            PoissonLikelihood.TYPE, (m, c) -> glm(m, c, new PoissonLikelihood()));

    private ModelTypes() {
    }

    /** The settings a type accepts besides the common ones (type, mode, schedule, ...). */
    static String[] ownFields(String type) {
        return switch (type) {
            case DirichletCategorical.TYPE -> new String[] {"categories"};
            case GaussianLinearRegression.TYPE -> new String[] {"features", "intercept", "noise", "posterior", "predictAt"};
            case GaussianMixtureModel.TYPE -> new String[] {"components", "dimension", "covariance"};
            case LogisticLikelihood.TYPE, PoissonLikelihood.TYPE -> new String[] {"features", "intercept", "family",
                "method", "draws", "adaptive", "maxStepNorm", "predictAt"};
            default -> new String[0];
        };
    }

    /** Fails naming the type field unless {@code type} is known. */
    static void requireKnown(String type, ConfigNode model) {
        if (!TYPES.containsKey(type)) {
            throw new ConfigException(model.child("type"), "unknown model type '" + type + "' (known: "
                    + known() + ")");
        }
    }

    /** Every type name a configuration may use: the per-key types and {@code lda} (read by {@link LdaConfigReader}). */
    private static TreeSet<String> known() {
        TreeSet<String> names = new TreeSet<>(TYPES.keySet());
        names.add(LdaConfig.TYPE);
        return names;
    }

    static StreamingModel build(String type, ConfigNode model, Common common) {
        requireKnown(type, model);
        Reader reader = TYPES.get(type);
        try {
            return reader.read(model, common);
        } catch (InvalidParameterException e) {
            // the model named a field of its own; it lives under prior unless it is a model-level setting
            String field = e.field();
            String path = Arrays.asList(ownFields(type)).contains(field.split("[.\\[]")[0]) || field.startsWith("noise.")
                    || field.startsWith("predictAt") || field.equals("mode")
                    ? model.child(field) : model.optionalObject("prior").child(field);
            throw new ConfigException(path, e.requirement() + " (was " + e.value() + ")");
        }
    }

    private static ConfigNode prior(ConfigNode model, String... fields) {
        return model.optionalObject("prior").allowOnly(fields);
    }

    private interface FamilyReader {
        ConjugateFamily read(ConfigNode prior);
    }

    private static StreamingModel conjugate(ConfigNode model, Common c, ConfigNode prior, FamilyReader reader) {
        ConjugateFamily family = reader.read(prior);
        return conjugate(model, c, family);
    }

    private static StreamingModel conjugate(ConfigNode model, Common c, ConjugateFamily family) {
        if (c.mode() == UpdateMode.CAVI) {
            throw new ConfigException(model.child("mode"),
                    "'cavi' is for mean-field families; this model is conjugate: use 'exact' or 'svi'");
        }
        return new ConjugateModel(family, c.mode(), c.schedule(), c.dataSize());
    }

    private static StreamingModel meanField(ConfigNode model, Common c, MeanFieldFamily family) {
        if (c.mode() == UpdateMode.EXACT) {
            throw new ConfigException(model.child("mode"),
                    "a mean-field posterior is fitted with 'cavi' (all data) or 'svi', not 'exact'");
        }
        ConfigNode cavi = c.cavi().allowOnly("tolerance", "maxSweeps");
        double tolerance = cavi.number("tolerance", 1e-10);
        if (!(tolerance > 0 && tolerance < 1)) {
            throw new ConfigException(cavi.child("tolerance"), "must be in (0, 1) (was " + tolerance + ")");
        }
        return new MeanFieldModel(family, c.mode(), c.schedule(), c.dataSize(), tolerance,
                cavi.intValue("maxSweeps", 1000, 1, 1_000_000));
    }

    private static StreamingModel dirichlet(ConfigNode m, Common c) {
        int k = m.intValue("categories", 0, 2, 1_000_000);
        if (k == 0) {
            throw new ConfigException(m.child("categories"), "missing (the number of outcomes K >= 2)");
        }
        ConfigNode prior = prior(m, "alpha");
        double[] alpha = new double[k];
        if (!prior.has("alpha") || prior.isNumber("alpha")) {
            double a = prior.number("alpha", 1.0);
            if (!(a > 0) || !Double.isFinite(a)) {
                throw new ConfigException(prior.child("alpha"), "must be finite and > 0 (was " + a + ")");
            }
            Arrays.fill(alpha, a);
        } else {
            alpha = prior.numbers("alpha");
            if (alpha.length != k) {
                throw new ConfigException(prior.child("alpha"), "needs " + k + " values, one per category (got "
                        + alpha.length + ")");
            }
        }
        return conjugate(m, c, new DirichletCategorical(alpha));
    }

    private static StreamingModel normalMeanField(ConfigNode m, Common c) {
        ConfigNode p = prior(m, "mu0", "variance0", "kappa0", "a0", "b0");
        if (p.has("variance0") && p.has("kappa0")) {
            throw new ConfigException(p.path(), "give variance0 (independent prior on mu) or kappa0 "
                    + "(mu | tau conjugate prior), not both");
        }
        NormalMeanField family = p.has("kappa0")
                ? NormalMeanField.conjugatePrior(p.number("mu0", 0.0), p.number("kappa0"), p.number("a0", 1.0),
                        p.number("b0", 1.0))
                : NormalMeanField.independentPrior(p.number("mu0", 0.0), p.number("variance0", 100.0),
                        p.number("a0", 1.0), p.number("b0", 1.0));
        return meanField(m, c, family);
    }

    /**
     * logistic-regression and poisson-regression: Gaussian q(w), {@code family: fullrank} or
     * {@code meanfield}, fitted in SVI mode by {@code method: natural} (natural-gradient steps with
     * quadrature expectations; the default and the recommended one) or {@code reparam}
     * (reparameterisation gradients from {@code draws} Monte Carlo draws, ADVI-style adaptive
     * steps, optional {@code maxStepNorm}).
     */
    private static StreamingModel glm(ConfigNode m, Common c, GlmLikelihood likelihood) {
        if (c.mode() != UpdateMode.SVI) {
            throw new ConfigException(m.child("mode"), "a " + likelihood.type() + " is fitted by 'svi' only");
        }
        int features = m.intValue("features", 0, 1, 1_000);
        if (features == 0) {
            throw new ConfigException(m.child("features"), "missing (the length of x)");
        }
        Design design = new Design(features, m.bool("intercept", true));
        String family = m.text("family", "fullrank");
        if (!family.equals("fullrank") && !family.equals("meanfield")) {
            throw new ConfigException(m.child("family"), "expected 'fullrank' or 'meanfield' (was '" + family + "')");
        }
        String method = m.text("method", "natural");
        ConfigNode prior = prior(m, "sd", "interceptSd");
        double[][] points = m.has("predictAt") ? m.rows("predictAt") : new double[0][];
        boolean full = family.equals("fullrank");
        // a log rate's intercept gets sd 1 by default: a vague prior there makes E[e^η] explode
        double defaultInterceptSd = likelihood instanceof PoissonLikelihood ? 1.0 : 5.0;
        switch (method) {
            case "natural" -> {
                for (String f : new String[] {"draws", "adaptive", "maxStepNorm"}) {
                    if (m.has(f)) {
                        throw new ConfigException(m.child(f), "only for method 'reparam'");
                    }
                }
                return new NaturalGradientGlm(likelihood, design, full, prior.number("sd", 1.0),
                        prior.number("interceptSd", defaultInterceptSd), c.schedule(), c.dataSize(), points);
            }
            case "reparam" -> {
                return new ReparameterisedGlm(likelihood, design, full, prior.number("sd", 1.0),
                        prior.number("interceptSd", defaultInterceptSd), c.schedule(), c.dataSize(), m.intValue("draws", 10, 1, 10_000),
                        m.bool("adaptive", true), m.number("maxStepNorm", 0.0), points);
            }
            default -> throw new ConfigException(m.child("method"),
                    "expected 'natural' or 'reparam' (was '" + method + "')");
        }
    }

    /**
     * gaussian-mixture: K components in R^d, Dirichlet weights, Normal-Wishart ({@code covariance:
     * full}, prior psi0, nu0) or Normal-Gamma per dimension ({@code covariance: diagonal}, prior
     * a0, b0) components; SVI only (Hoffman et al. 2013).
     */
    private static StreamingModel gaussianMixture(ConfigNode m, Common c) {
        if (c.mode() != UpdateMode.SVI) {
            throw new ConfigException(m.child("mode"), "a Gaussian mixture is fitted by 'svi' only");
        }
        int k = m.intValue("components", 0, 1, 1_000);
        int d = m.intValue("dimension", 0, 1, 1_000);
        if (k == 0 || d == 0) {
            throw new ConfigException(m.child(k == 0 ? "components" : "dimension"), "missing (must be >= 1)");
        }
        String covariance = m.text("covariance", "full");
        boolean full = switch (covariance) {
            case "full" -> true;
            case "diagonal" -> false;
            default -> throw new ConfigException(m.child("covariance"),
                    "expected 'full' or 'diagonal' (was '" + covariance + "')");
        };
        ConfigNode p = full ? prior(m, "alpha0", "m0", "beta0", "psi0", "nu0") : prior(m, "alpha0", "m0", "beta0", "a0", "b0");
        double[] m0 = new double[d];
        if (p.has("m0")) {
            double[] given = p.numbersOrScalar("m0");
            if (given.length != 1 && given.length != d) {
                throw new ConfigException(p.child("m0"), "needs 1 value or " + d + " (the dimension), got " + given.length);
            }
            for (int j = 0; j < d; j++) {
                m0[j] = given[given.length == 1 ? 0 : j];
            }
        }
        MixturePrior prior = full
                ? MixturePrior.full(k, p.number("alpha0", 1.0), m0, p.number("beta0", 1.0), p.number("psi0", 1.0),
                        p.number("nu0", d + 2.0))
                : MixturePrior.diagonal(k, p.number("alpha0", 1.0), m0, p.number("beta0", 1.0), p.number("a0", 1.0),
                        p.number("b0", 1.0));
        return new GaussianMixtureModel(prior, c.schedule(), c.dataSize());
    }

    /**
     * linear-regression: known noise ({@code noise: {variance}}) or unknown ({@code noise: {shape,
     * rate}}); posterior {@code exact} (conjugate), {@code meanfield} (q(w) full × q(τ)) or
     * {@code factorised} (Π q(w_j) × q(τ)).
     */
    private static StreamingModel linearRegression(ConfigNode m, Common c) {
        int features = m.intValue("features", 0, 1, 1_000);
        if (features == 0) {
            throw new ConfigException(m.child("features"), "missing (the length of x)");
        }
        Design design = new Design(features, m.bool("intercept", true));
        ConfigNode noise = m.object("noise").allowOnly("variance", "shape", "rate");
        boolean known = noise.has("variance");
        if (known == (noise.has("shape") || noise.has("rate"))) {
            throw new ConfigException(noise.path(), "give either variance (known noise) or shape and rate "
                    + "(a Gamma prior on the noise precision)");
        }
        ConfigNode prior = prior(m, "mean", known ? "sd" : "precision");
        double[] mean = prior.has("mean") ? prior.numbersOrScalar("mean") : new double[] {0};
        double[] scale = prior.has(known ? "sd" : "precision") ? prior.numbersOrScalar(known ? "sd" : "precision")
                : new double[] {1};
        double[][] points = m.has("predictAt") ? m.rows("predictAt") : new double[0][];
        String posterior = m.text("posterior", "exact");
        switch (posterior) {
            case "exact" -> {
                return conjugate(m, c, known
                        ? new GaussianLinearRegression(design, noise.number("variance"), mean, scale, points)
                        : new NormalGammaLinearRegression(design, noise.number("shape"), noise.number("rate"), mean,
                                scale, points));
            }
            case "meanfield", "factorised" -> {
                MeanFieldLinearRegression.Form form = posterior.equals("meanfield")
                        ? MeanFieldLinearRegression.Form.FULL : MeanFieldLinearRegression.Form.DIAGONAL;
                return meanField(m, c, known
                        ? MeanFieldLinearRegression.knownNoise(design, form, noise.number("variance"), mean, scale, points)
                        : MeanFieldLinearRegression.unknownNoise(design, form, noise.number("shape"),
                                noise.number("rate"), mean, scale, points));
            }
            default -> throw new ConfigException(m.child("posterior"),
                    "expected 'exact', 'meanfield' or 'factorised' (was '" + posterior + "')");
        }
    }
}
