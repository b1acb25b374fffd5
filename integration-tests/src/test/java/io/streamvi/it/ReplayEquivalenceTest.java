package io.streamvi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamvi.avro.ObservationEvent;
import io.streamvi.avro.PosteriorSnapshot;
import io.streamvi.avro.Regression;
import io.streamvi.deploy.client.EventFileProducer;
import io.streamvi.deploy.client.SnapshotSubscriber;
import io.streamvi.model.DevData;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.svi.Seeds;
import io.streamvi.model.svi.StepResult;
import io.streamvi.model.svi.VariationalState;
import io.streamvi.serde.EventJson;
import io.streamvi.serde.ObservationMapper;
import io.streamvi.topology.StreamviApp;
import io.streamvi.topology.config.AppConfig;
import io.streamvi.topology.config.ConfigLoader;
import io.streamvi.topology.config.ModelConfig;
import io.streamvi.topology.processor.Snapshots;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replaying a topic through the real broker, the app's snapshots equal, bit for bit, what the same models compute
 * in process on the same minibatches. Minibatches are made deterministic by the stream-time
 * flush: after the data, one event far in the future (for another key) moves stream time past
 * every deadline, so the last partial minibatch is applied at a point fixed by the input.
 */
@ExtendWith(KafkaBroker.class)
class ReplayEquivalenceTest {

    private static final int BATCH = 16;

    @TempDir
    Path stateDir;

    static List<io.streamvi.avro.VectorValue> iris() {
        List<io.streamvi.avro.VectorValue> out = new ArrayList<>();
        for (JsonNode n : DevData.lines("/dev/c_gmm_iris/events.jsonl")) {
            List<Double> x = new ArrayList<>();
            n.get("x").forEach(v -> x.add(v.asDouble()));
            out.add(new io.streamvi.avro.VectorValue(x));
        }
        return out;
    }

    static List<Regression> diabetes() {
        return DevData.regressionEvents("/dev/b_linreg_diabetes/events.jsonl").stream().map(o -> (Regression) ObservationMapper.toAvro(o)).toList();
    }

    private AppConfig config(String name) {
        return ConfigLoader.parse("""
                application: {id: %1$s, bootstrapServers: '%2$s', punctuateIntervalMs: 100}
                topics: {observations: %1$s.o, snapshots: %1$s.s, deadLetters: %1$s.d, partitions: 1}
                models:
                  exact:
                    type: linear-regression
                    mode: exact
                    features: 10
                    noise: {shape: 2, rate: 1}
                    predictAt: [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0]]
                    predictiveChecks: {enabled: true, window: 40, replications: 50}
                    batch: {size: %3$d, maxDelayMs: 3600000}
                  meanfield:
                    type: linear-regression
                    mode: svi
                    posterior: meanfield
                    features: 10
                    noise: {shape: 2, rate: 1}
                    schedule: {tau0: 1, kappa: 0.7}
                    effectiveDataSize: {type: fixed, n: 442}
                    batch: {size: %3$d, maxDelayMs: 3600000}
                  clock: {type: beta-bernoulli, mode: exact}
                """.formatted(name, KafkaBroker.bootstrapServers(), BATCH))
                .withKafkaProperty(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(name).toString());
    }

    @Test
    void regressionSnapshotsEqualInProcessResultsBitForBit() throws Exception {
        AppConfig cfg = config("replay-lr");
        Map<String, List<PosteriorSnapshot>> snapshots = compare(cfg, List.of("exact", "meanfield"), "diabetes", diabetes());
        // the posterior predictive p-values (random replications seeded by model, key and step) replay too
        PosteriorSnapshot last = snapshots.get("exact").get(snapshots.get("exact").size() - 1);
        assertTrue(last.getDiagnostics().containsKey("ppc.variance") && last.getDiagnostics().get("ppcWindow") == 40.0,
                last.getDiagnostics().toString());
    }

    /** The Gaussian mixture draws random numbers (k-means++): seeded by (model, key, step), they replay exactly. */
    @Test
    void mixtureSnapshotsEqualInProcessResultsBitForBit() throws Exception {
        AppConfig cfg = ConfigLoader.parse("""
                application: {id: replay-gmm, bootstrapServers: '%1$s', punctuateIntervalMs: 100}
                topics: {observations: replay-gmm.o, snapshots: replay-gmm.s, deadLetters: replay-gmm.d, partitions: 1}
                models:
                  iris:
                    type: gaussian-mixture
                    mode: svi
                    components: 3
                    dimension: 4
                    prior: {alpha0: 1, m0: 0, beta0: 1, psi0: 0.2, nu0: 6}
                    schedule: {tau0: 1, kappa: 0.6}
                    effectiveDataSize: {type: fixed, n: 150}
                    batch: {size: 15, firstSize: 50, maxDelayMs: 3600000}
                  clock: {type: beta-bernoulli, mode: exact}
                """.formatted(KafkaBroker.bootstrapServers()))
                .withKafkaProperty(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("replay-gmm").toString());
        List<io.streamvi.avro.VectorValue> passes = new ArrayList<>();
        for (int pass = 0; pass < 3; pass++) {
            passes.addAll(iris());
        }
        compare(cfg, List.of("iris"), "iris", passes);
    }

    static List<Regression> breastCancer() {
        return DevData.regressionEvents("/dev/a_logreg_breast_cancer/events.jsonl").stream().map(o -> (Regression) ObservationMapper.toAvro(o)).toList();
    }

    /**
     * Black-box VI draws Monte Carlo samples at every step, seeded by (model, key, step): the app's
     * snapshots through the broker equal an independent in-process replay bit for bit, Monte Carlo
     * ELBO standard errors included; the natural-gradient method too.
     */
    @Test
    void blackBoxLogisticRegressionReplaysBitForBit() throws Exception {
        AppConfig cfg = ConfigLoader.parse("""
                application: {id: replay-bbvi, bootstrapServers: '%1$s', punctuateIntervalMs: 100}
                topics: {observations: replay-bbvi.o, snapshots: replay-bbvi.s, deadLetters: replay-bbvi.d, partitions: 1}
                models:
                  reparam:
                    type: logistic-regression
                    mode: svi
                    features: 30
                    prior: {sd: 1, interceptSd: 5}
                    family: fullrank
                    method: reparam
                    draws: 10
                    effectiveDataSize: {type: fixed, n: 569}
                    predictAt: [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]]
                    batch: {size: 50, maxDelayMs: 3600000}
                  natural:
                    type: logistic-regression
                    mode: svi
                    features: 30
                    family: meanfield
                    schedule: {tau0: 0, kappa: 1}
                    effectiveDataSize: {type: fixed, n: 569}
                    batch: {size: 50, maxDelayMs: 3600000}
                  clock: {type: beta-bernoulli, mode: exact}
                """.formatted(KafkaBroker.bootstrapServers()))
                .withKafkaProperty(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve("replay-bbvi").toString());
        compare(cfg, List.of("reparam", "natural"), "patients", breastCancer());
    }

    /**
     * Produces {@code payloads} for each model (key {@code key}, one second apart) and a clock
     * event a day later, collects the snapshots and compares them with {@link #inProcess}.
     */
    private static Map<String, List<PosteriorSnapshot>> compare(AppConfig cfg, List<String> models, String key, List<?> payloads)
            throws Exception {
        StreamviApp.ensureTopics(cfg, Duration.ofSeconds(30));
        long base = DevStreams.BASE_TIME;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            for (String model : models) {
                lines.add(EventJson.write(new ObservationEvent(model, key, base + 1000L * i, payloads.get(i))));
            }
        }
        lines.add(EventJson.write(new ObservationEvent("clock", "tick", base + 86_400_000L,
                new io.streamvi.avro.BinaryOutcome(true))));
        Map<String, List<PosteriorSnapshot>> expected = new HashMap<>();
        int expectedCount = 0;
        for (String name : models) {
            expected.put(name, inProcess(cfg.models().get(name), key, payloads, base));
            expectedCount += expected.get(name).size();
        }
        Map<String, List<PosteriorSnapshot>> actual = new HashMap<>();
        String stalled = "";
        // the whole input is in the topic before the app starts: a replay, as after a reset
        EventFileProducer.produce(KafkaBroker.bootstrapServers(), cfg.topics().observations(),
                new BufferedReader(new StringReader(String.join("\n", lines))));
        try (StreamviApp app = new StreamviApp(cfg)) {
            app.start();
            app.awaitRunning(Duration.ofSeconds(60));
            long received;
            try (SnapshotSubscriber sub = new SnapshotSubscriber(KafkaBroker.bootstrapServers(), cfg.topics().snapshots(), true)) {
                received = sub.run(s -> !s.getModel().equals("clock"), expectedCount, Duration.ofSeconds(90),
                        s -> actual.computeIfAbsent(s.getModel(), k -> new ArrayList<>()).add(s));
            }
            if (received < expectedCount) {
                stalled = AppDiagnostics.describe(app);
            }
        }
        for (String name : models) {
            assertEquals(expected.get(name).size(), actual.get(name).size(), name + "\n"
                    + BrokerDiagnostics.describe(cfg.topics().snapshots(), cfg.topics().observations()) + "\n" + stalled);
            for (int i = 0; i < expected.get(name).size(); i++) {
                assertEquals(expected.get(name).get(i), actual.get(name).get(i), name + " snapshot " + i);
            }
        }
        return actual;
    }

    /** The same model over the same minibatches (sizes from its batch policy), in process. */
    static List<PosteriorSnapshot> inProcess(ModelConfig model, String key, List<?> payloads, long base) {
        List<PosteriorSnapshot> out = new ArrayList<>();
        VariationalState s = model.model().initialState();
        double[] history = new double[0];
        List<Observation> recent = new ArrayList<>();
        long seed = Seeds.forStream(model.name(), key);
        for (int i = 0; i < payloads.size(); ) {
            int end = Math.min(payloads.size(), i + model.batch().sizeAt(s.step()));
            List<Observation> batch = new ArrayList<>();
            for (int j = i; j < end; j++) {
                batch.add(ObservationMapper.toModel(payloads.get(j)));
            }
            StepResult r = model.model().update(s, batch, seed);
            s = r.state();
            history = model.convergence().append(history, r.diagnostics().elbo());
            if (model.predictiveChecks().enabled()) {
                model.predictiveChecks().append(recent, batch);
            }
            out.add(Snapshots.of(model, key, s, r.diagnostics().rho(), r.diagnostics().elbo(), r.diagnostics().elboStdErr(),
                    base + 1000L * (end - 1), history, recent));
            i = end;
        }
        return out;
    }
}
