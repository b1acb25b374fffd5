package io.streamvi.topology.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamvi.model.conjugate.ConjugateModel;
import io.streamvi.model.svi.UpdateMode;
import io.streamvi.topology.StreamviApp;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

    private static final String GOOD = """
            application:
              id: app
              bootstrapServers: 127.0.0.1:9092
            topics:
              observations: obs
              snapshots: snaps
              deadLetters: dlq
              partitions: 3
            kafka:
              num.stream.threads: 2
            models:
              conversion:
                type: beta-bernoulli
                mode: svi
                prior: {alpha: 2, beta: 8}
                schedule: {tau0: 64, kappa: 0.7, rhoMin: 0.001}
                effectiveDataSize: {type: fixed, n: 5000}
                batch: {size: 16, maxDelayMs: 1000}
                emit: {everyUpdates: 4, everyMs: 500}
            """;

    @Test
    void readsEveryField() {
        AppConfig c = ConfigLoader.parse(GOOD);
        assertEquals("app", c.applicationId());
        assertEquals(3, c.topics().partitions());
        assertEquals("2", c.kafka().get("num.stream.threads"));
        ModelConfig m = c.models().get("conversion");
        assertEquals(UpdateMode.SVI, m.mode());
        assertEquals(new BatchPolicy(16, 16, 1000, 0), m.batch());
        assertEquals(new EmitPolicy(4, 500), m.emit());
        ConjugateModel model = assertInstanceOf(ConjugateModel.class, m.model());
        assertEquals(2.0, model.family().prior()[0], 0.0);
    }

    @Test
    void exactlyOnceIsTheDefaultGuarantee() {
        assertEquals("exactly_once_v2", StreamviApp.streamsProperties(ConfigLoader.parse(GOOD)).get("processing.guarantee"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "kappa: 0.7               | kappa: 0.3               | models.conversion.schedule.kappa",
        "tau0: 64                 | tau0: -1                 | models.conversion.schedule.tau0",
        "rhoMin: 0.001            | rhoMin: 1.5              | models.conversion.schedule.rhoMin",
        "alpha: 2                 | alpha: -2                | models.conversion.prior.alpha",
        "beta: 8                  | beta: 0                  | models.conversion.prior.beta",
        "n: 5000                  | n: 0                     | models.conversion.effectiveDataSize.n",
        "type: fixed              | type: window             | models.conversion.effectiveDataSize.type",
        "type: beta-bernoulli     | type: beta-binomial      | models.conversion.type",
        "mode: svi                | mode: mcmc               | models.conversion.mode",
        "size: 16                 | size: 0                  | models.conversion.batch.size",
        "size: 16                 | size: many               | models.conversion.batch.size",
        "maxDelayMs: 1000         | maxDelayMs: -5           | models.conversion.batch.maxDelayMs",
        "kappa: 0.7               | kapa: 0.7                | models.conversion.schedule.kapa",
        "everyUpdates: 4, everyMs: 500 | everyUpdates: 0, everyMs: 0 | models.conversion.emit",
        "deadLetters: dlq         | deadLetters: obs         | topics",
        "snapshots: snaps         | snapshot: snaps          | topics.snapshot",
        "  conversion:            | '  conv/ersion:'         | models.conv/ersion",
        "id: app                  | id: ''                   | application.id",
    })
    void badValuesAreRefusedNamingTheField(String from, String to, String field) {
        String yaml = GOOD.replace(from.strip(), to.strip().replace("'", ""));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml));
        assertEquals(field.strip(), e.field(), e.getMessage());
        assertTrue(e.getMessage().startsWith(field.strip() + ": "), e.getMessage());
    }

    @Test
    void predictiveChecksAreValidated() {
        String yaml = """
                application: {id: app, bootstrapServers: 'localhost:9'}
                topics: {observations: obs, snapshots: snaps, deadLetters: dlq}
                models:
                  m:
                    type: gaussian-mixture
                    components: 2
                    dimension: 1
                    prior: {alpha0: 1, m0: 0, beta0: 1, psi0: 1, nu0: 3}
                    batch: {size: 10}
                    predictiveChecks: {enabled: true}
                """;
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml));
        assertEquals("models.m.predictiveChecks.enabled", e.field(), e.getMessage());
        String counts = """
                application: {id: app, bootstrapServers: 'localhost:9'}
                topics: {observations: obs, snapshots: snaps, deadLetters: dlq}
                models:
                  m: {type: gamma-poisson, mode: exact, predictiveChecks: {enabled: true, threshold: 0.7}}
                """;
        e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(counts));
        assertEquals("models.m.predictiveChecks.threshold", e.field(), e.getMessage());
        var checks = ConfigLoader.parse(counts.replace("threshold: 0.7", "window: 50")).models().get("m").predictiveChecks();
        assertEquals(new PredictiveChecks(true, 50, 200, 0.01), checks);
    }

    @Test
    void fixedSizeIsRefusedInExactMode() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(GOOD.replace("mode: svi", "mode: exact")));
        assertEquals("models.conversion.effectiveDataSize.type", e.field());
    }

    @Test
    void badKafkaPropertiesFailAtStartUp() {
        AppConfig c = ConfigLoader.parse(GOOD.replace("num.stream.threads: 2", "processing.guarantee: twice"));
        ConfigException e = assertThrows(ConfigException.class, () -> StreamviApp.streamsProperties(c));
        assertTrue(e.getMessage().startsWith("kafka: "), e.getMessage());
        assertTrue(e.getMessage().contains("processing.guarantee"), e.getMessage());
    }

    @Test
    void missingFileAndMissingSectionsAreNamed() {
        assertThrows(ConfigException.class, () -> ConfigLoader.load(Path.of("/nonexistent/streamvi.yaml")));
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("application: {id: a}\ntopics: {observations: a, snapshots: b, deadLetters: c}\n"));
        assertEquals("models", e.field());
    }
}
