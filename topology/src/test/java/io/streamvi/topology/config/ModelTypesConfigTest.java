package io.streamvi.topology.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamvi.model.conjugate.ConjugateModel;
import io.streamvi.model.meanfield.MeanFieldModel;
import io.streamvi.model.regression.MeanFieldLinearRegression;
import io.streamvi.model.regression.NormalGammaLinearRegression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelTypesConfigTest {

    static final String HEAD = """
            application: {id: app}
            topics: {observations: o, snapshots: s, deadLetters: d}
            models:
            """;

    /** Every model type of the conjugate and mean-field families, as a user writes them. */
    static final String ALL = HEAD + """
              conversion: {type: beta-bernoulli, mode: exact, prior: {alpha: 1, beta: 1}}
              requests: {type: gamma-poisson, mode: exact, prior: {shape: 1, rate: 0.1}}
              sensor: {type: normal-gamma, mode: exact, prior: {mu0: 0, kappa0: 1, a0: 1, b0: 1}}
              sensor-mf: {type: normal-meanfield, mode: cavi, prior: {mu0: 0, variance0: 100, a0: 1, b0: 1}}
              errors: {type: dirichlet-categorical, mode: exact, categories: 3, prior: {alpha: [1, 2, 1]}}
              price:
                type: linear-regression
                mode: exact
                features: 2
                noise: {shape: 2, rate: 1}
                prior: {mean: 0, precision: 1}
                predictAt: [[0, 0], [1, -1]]
              price-mf:
                type: linear-regression
                mode: cavi
                posterior: factorised
                features: 2
                intercept: false
                noise: {shape: 2, rate: 1}
                cavi: {tolerance: 1e-9, maxSweeps: 500}
              clusters:
                type: gaussian-mixture
                mode: svi
                components: 3
                dimension: 2
                covariance: full
                prior: {alpha0: 1, m0: 0, beta0: 1, psi0: 0.2, nu0: 6}
                batch: {size: 2, firstSize: 4}
              churn:
                type: logistic-regression
                mode: svi
                features: 2
                prior: {sd: 1, interceptSd: 5}
                family: fullrank
                predictAt: [[0, 1]]
              calls:
                type: poisson-regression
                mode: svi
                features: 2
                family: meanfield
                method: reparam
                draws: 8
                maxStepNorm: 5
            """;

    @Test
    void everyTypeLoads() {
        AppConfig c = ConfigLoader.parse(ALL);
        assertEquals(10, c.models().size());
        assertEquals(4, c.models().get("clusters").batch().sizeAt(0));
        assertEquals(2, c.models().get("clusters").batch().sizeAt(1));
        ConjugateModel price = assertInstanceOf(ConjugateModel.class, c.models().get("price").model());
        assertInstanceOf(NormalGammaLinearRegression.class, price.family());
        MeanFieldModel mf = assertInstanceOf(MeanFieldModel.class, c.models().get("price-mf").model());
        assertInstanceOf(MeanFieldLinearRegression.class, mf.family());
    }

    @Test
    void aStateTooLargeForOneChangelogRecordIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(HEAD + """
                  wide: {type: linear-regression, mode: exact, features: 400, noise: {variance: 1}}
                """));
        assertEquals("models.wide", e.field(), e.getMessage());
        assertTrue(e.getMessage().contains("KiB"), e.getMessage());
    }

    @Test
    void monteCarloSettingsBelongToTheReparamMethod() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(ALL.replace("family: fullrank", "family: fullrank\n    draws: 3")));
        assertEquals("models.churn.draws", e.field(), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "prior: {alpha: [1, 2, 1]}             | prior: {alpha: [1, 2]}                  | models.errors.prior.alpha",
        "prior: {shape: 1, rate: 0.1}          | prior: {shape: 1, rate: -0.1}           | models.requests.prior.rate",
        "variance0: 100                        | variance0: 100, kappa0: 1               | models.sensor-mf.prior",
        "predictAt: [[0, 0], [1, -1]]          | predictAt: [[0, 0], [1]]                | models.price.predictAt[1]",
        "noise: {shape: 2, rate: 1}            | noise: {shape: 2, rate: 1, variance: 1} | models.price.noise",
        "prior: {mean: 0, precision: 1}        | prior: {mean: 0, sd: 1}                 | models.price.prior.sd",
        "mode: cavi                            | mode: exact                             | models.sensor-mf.mode",
        "mode: exact, prior: {alpha: 1, beta: 1} | mode: cavi, prior: {alpha: 1, beta: 1} | models.conversion.mode",
        "posterior: factorised                 | posterior: diagonal                     | models.price-mf.posterior",
        "tolerance: 1e-9                       | tolerance: 2                            | models.price-mf.cavi.tolerance",
        "features: 2                           | features: 0                             | models.price.features",
        "psi0: 0.2                             | psi0: -1                                | models.clusters.prior.psi0",
        "covariance: full                      | covariance: spherical                   | models.clusters.covariance",
        "m0: 0, beta0                          | m0: [0, 0, 0], beta0                    | models.clusters.prior.m0",
        "components: 3                         | components: 0                           | models.clusters.components",
        "nu0: 6}                               | nu0: 6, a0: 1}                          | models.clusters.prior.a0",
        "mode: svi                             | mode: cavi                              | models.clusters.mode",
        "family: fullrank                      | family: diagonal                        | models.churn.family",
        "draws: 8                              | draws: 0                                | models.calls.draws",
        "maxStepNorm: 5                        | maxStepNorm: -1                         | models.calls.maxStepNorm",
        "method: reparam                       | method: laplace                         | models.calls.method",
        "interceptSd: 5                        | interceptSd: 0                          | models.churn.prior.interceptSd",
        "predictAt: [[0, 1]]                   | predictAt: [[0, 1, 2]]                  | models.churn.predictAt[0]",
        "type: gaussian-mixture                | type: gaussian-mixtur                   | models.clusters.type",
        "size: 2, firstSize: 4                 | size: 2, firstSize: 2                   | models.clusters.batch.firstSize",
        "size: 2, firstSize: 4                 | size: 4294967296                        | models.clusters.batch.size",
        "maxSweeps: 500                        | maxSweeps: 3000000000                   | models.price-mf.cavi.maxSweeps",
    })
    void badModelSettingsNameTheField(String from, String to, String field) {
        String yaml = ALL.replaceFirst(java.util.regex.Pattern.quote(from.strip()), to.strip());
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml));
        assertEquals(field.strip(), e.field(), e.getMessage());
        assertTrue(e.getMessage().length() > field.length() + 5, e.getMessage());
    }
}
