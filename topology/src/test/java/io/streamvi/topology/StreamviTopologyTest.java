package io.streamvi.topology;

import io.streamvi.topology.config.ConfigLoader;
import java.util.Map;
import java.util.HashMap;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamvi.avro.BinaryOutcome;
import io.streamvi.avro.Count;
import io.streamvi.avro.ObservationEvent;
import io.streamvi.avro.PosteriorSnapshot;
import io.streamvi.avro.RealValue;
import io.streamvi.avro.StoredState;
import io.streamvi.serde.AvroCodec;
import io.streamvi.serde.AvroSerde;
import io.streamvi.topology.config.AppConfig;
import io.streamvi.topology.processor.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamviTopologyTest {

    private static final AvroCodec<ObservationEvent> EVENTS = AvroCodec.of(ObservationEvent.class);
    private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    @TempDir
    Path stateDir;

    private final class Harness implements AutoCloseable {
        final TopologyTestDriver driver;
        final TestInputTopic<byte[], byte[]> in;
        final TestOutputTopic<String, PosteriorSnapshot> snapshots;
        final TestOutputTopic<byte[], byte[]> deadLetters;

        Harness(AppConfig config) {
            Properties p = StreamviApp.streamsProperties(config);
            p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            driver = new TopologyTestDriver(StreamviTopology.build(config), p, Instant.ofEpochMilli(T0));
            in = driver.createInputTopic("obs", new ByteArraySerializer(), new ByteArraySerializer());
            snapshots = driver.createOutputTopic("snaps", new StringDeserializer(),
                    new AvroSerde<>(PosteriorSnapshot.class).deserializer());
            deadLetters = driver.createOutputTopic("dlq", new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }

        void send(String model, String key, long t, Object payload) {
            in.pipeInput(key.getBytes(StandardCharsets.UTF_8),
                    EVENTS.encode(new ObservationEvent(model, key, T0 + t, payload)), T0 + t);
        }

        void sendRaw(byte[] value, long t) {
            in.pipeInput("raw".getBytes(StandardCharsets.UTF_8), value, T0 + t);
        }

        KeyValueStore<String, StoredState> store() {
            return driver.getKeyValueStore(TopologyNames.STATE_STORE);
        }

        @Override
        public void close() {
            driver.close();
        }
    }

    @Test
    void minibatchesFillThenStepAndEmit() {
        try (Harness h = new Harness(TestConfigs.conversion("exact", 3, 0, 0, 1, 0))) {
            boolean[] ys = {true, false, false, true, true, false, true};
            for (int i = 0; i < ys.length; i++) {
                h.send("conversion", "B", i, new BinaryOutcome(ys[i]));
            }
            List<TestRecord<String, PosteriorSnapshot>> out = h.snapshots.readRecordsToList();
            assertEquals(2, out.size(), "steps after events 3 and 6");
            PosteriorSnapshot last = out.get(1).value();
            assertEquals("conversion/B", out.get(1).key());
            assertEquals(6, last.getObservationsSeen());
            assertEquals(2, last.getStep());
            assertEquals(1.5 + 3, last.getDistribution().getParameters().get(0).getValues().get(0), 0.0);
            assertEquals(2.5 + 3, last.getDistribution().getParameters().get(1).getValues().get(0), 0.0);
            assertEquals(T0 + 5, last.getLastEventTime());
            StoredState stored = h.store().get("conversion/B");
            assertEquals(1, stored.getPending().size(), "the seventh event waits for its minibatch");
            assertEquals(new BinaryOutcome(true), stored.getPending().get(0));
        }
    }

    @Test
    void streamTimePunctuatorFlushesAQuietKey() {
        try (Harness h = new Harness(TestConfigs.conversion("svi", 100, 1_000, 0, 1, 0))) {
            h.send("conversion", "quiet", 0, new BinaryOutcome(true));
            for (int i = 1; i <= 5; i++) {
                h.send("conversion", "busy", i * 300, new BinaryOutcome(false));
            }
            List<PosteriorSnapshot> out = h.snapshots.readValuesToList();
            assertTrue(out.stream().anyMatch(s -> s.getKey().equals("quiet") && s.getObservationsSeen() == 1),
                    "the quiet key was stepped once stream time passed its deadline: " + out);
            assertTrue(out.stream().anyMatch(s -> s.getKey().equals("busy") && s.getObservationsSeen() == 5),
                    "busy's minibatch (first event at t=300) was applied when stream time passed 1300, "
                            + "after the record at t=1500 that moved it there: " + out);
        }
    }

    @Test
    void wallClockIdleFlushAppliesTheTailOfAStoppedStream() {
        try (Harness h = new Harness(TestConfigs.conversion("exact", 100, 0, 2_000, 1, 0))) {
            h.send("conversion", "A", 0, new BinaryOutcome(true));
            h.send("conversion", "A", 1, new BinaryOutcome(true));
            assertTrue(h.snapshots.isEmpty());
            h.driver.advanceWallClockTime(Duration.ofMillis(1_000));
            assertTrue(h.snapshots.isEmpty(), "not idle long enough yet");
            h.driver.advanceWallClockTime(Duration.ofMillis(1_100));
            PosteriorSnapshot s = h.snapshots.readValue();
            assertEquals(2, s.getObservationsSeen());
            assertEquals(3.5, s.getDistribution().getParameters().get(0).getValues().get(0), 0.0);
        }
    }

    @Test
    void emitPolicyByCountAndByTime() {
        try (Harness h = new Harness(TestConfigs.conversion("exact", 1, 0, 0, 3, 0))) {
            for (int i = 0; i < 7; i++) {
                h.send("conversion", "A", i, new BinaryOutcome(i % 2 == 0));
            }
            List<Long> seen = h.snapshots.readValuesToList().stream().map(PosteriorSnapshot::getObservationsSeen).toList();
            assertEquals(List.of(3L, 6L), seen, "every third update");
        }
        try (Harness h = new Harness(TestConfigs.conversion("exact", 1, 0, 0, 0, 5_000))) {
            for (int i = 0; i < 4; i++) {
                h.send("conversion", "A", i, new BinaryOutcome(true));
            }
            h.driver.advanceWallClockTime(Duration.ofMillis(200));
            PosteriorSnapshot first = h.snapshots.readValue();
            assertEquals(4, first.getObservationsSeen(), "first change is published at the next tick");
            h.send("conversion", "A", 10, new BinaryOutcome(true));
            h.driver.advanceWallClockTime(Duration.ofMillis(1_000));
            assertTrue(h.snapshots.isEmpty(), "at most one snapshot per 5 s");
            h.driver.advanceWallClockTime(Duration.ofMillis(4_500));
            assertEquals(5, h.snapshots.readValue().getObservationsSeen());
            h.driver.advanceWallClockTime(Duration.ofMillis(10_000));
            assertTrue(h.snapshots.isEmpty(), "nothing changed, nothing published");
        }
    }

    @Test
    void badRecordsGoToTheDeadLetterTopicWithTheirReasonAndProcessingContinues() {
        try (Harness h = new Harness(TestConfigs.conversion("exact", 1, 0, 0, 1, 0))) {
            h.send("conversion", "A", 0, new BinaryOutcome(true));
            byte[] garbage = "{not avro}".getBytes(StandardCharsets.UTF_8);
            h.sendRaw(garbage, 1);
            h.send("churn", "A", 2, new BinaryOutcome(true));
            h.send("conversion", "A", 3, new Count(4L, 1.0));
            h.send("conversion", "A", 4, new RealValue(Double.NaN));
            h.send("conversion", "A", 5, new BinaryOutcome(false));

            List<TestRecord<byte[], byte[]>> dead = h.deadLetters.readRecordsToList();
            assertEquals(4, dead.size());
            assertArrayEquals(garbage, dead.get(0).value(), "the original bytes, unchanged");
            String[][] expected = {
                {"decode", "not Avro single-object encoding"},
                {"validate", "unknown model 'churn'"},
                {"validate", "expects a BinaryOutcome payload, got Count"},
                {"validate", "non-finite value in RealValue.value"}};
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i][0], DeadLetters.header(dead.get(i).headers(), DeadLetters.STAGE));
                String reason = DeadLetters.header(dead.get(i).headers(), DeadLetters.REASON);
                assertTrue(reason.contains(expected[i][1]), reason);
                assertEquals("obs", DeadLetters.header(dead.get(i).headers(), DeadLetters.SOURCE_TOPIC));
            }
            List<PosteriorSnapshot> snaps = h.snapshots.readValuesToList();
            assertEquals(2, snaps.size());
            assertEquals(2, snaps.get(1).getObservationsSeen(), "the good events around the bad ones all counted");
        }
    }

    /** Snapshots carry Stan ADVI's convergence rule over the last 20 ELBOs; an exact key settles. */
    @Test
    void snapshotsSayWhenAKeyHasSettled() {
        try (Harness h = new Harness(TestConfigs.conversion("exact", 1, 0, 0, 1, 0))) {
            for (int i = 0; i < 300; i++) {
                h.send("conversion", "A", i, new BinaryOutcome(i % 5 == 0));
            }
            List<PosteriorSnapshot> out = h.snapshots.readValuesToList();
            assertTrue(!out.get(0).getDiagnostics().containsKey("converged"), "nothing to compare after one step");
            // one success under Beta(1.5, 2.5): Beta(2.5, 2.5); under the halved prior Beta(1.75, 1.25)
            double sd = Math.sqrt(2.5 * 2.5 / (25.0 * 6.0));
            assertEquals((1.75 / 3.0 - 0.5) / sd, out.get(0).getDiagnostics().get("priorShift.x0.5.theta"), 1e-12);
            assertEquals(0.0, out.get(10).getDiagnostics().get("converged"), 0.0, "window not full, ELBO still moving");
            PosteriorSnapshot last = out.get(out.size() - 1);
            assertEquals(1.0, last.getDiagnostics().get("converged"), 0.0, last.getDiagnostics().toString());
            assertTrue(last.getDiagnostics().get("elboRelChangeMedian") < 0.01);
            assertEquals(0.0, last.getDiagnostics().get("priorSensitive"), 0.0, "300 observations outweigh the prior");
            assertTrue(Math.abs(last.getDiagnostics().get("priorShift.x2.0.theta")) < 0.1, last.getDiagnostics().toString());
        }
    }

    /**
     * Posterior predictive checks in the running app: a key fed over-dispersed counts is flagged
     * (its variance and share of zeros are extreme for the Gamma-Poisson posterior), a key fed
     * Poisson counts is not; the window kept with the state is bounded.
     */
    @Test
    void predictiveChecksFlagAStreamTheModelDoesNotFit() {
        AppConfig cfg = ConfigLoader.parse("""
                application: {id: test-app, bootstrapServers: 'localhost:9'}
                topics: {observations: obs, snapshots: snaps, deadLetters: dlq}
                models:
                  requests:
                    type: gamma-poisson
                    mode: exact
                    prior: {shape: 1, rate: 0.1}
                    batch: {size: 20}
                    predictiveChecks: {enabled: true, window: 100, replications: 400}
                """);
        try (Harness h = new Harness(cfg)) {
            org.hipparchus.random.RandomDataGenerator rng = new org.hipparchus.random.RandomDataGenerator(11);
            for (int i = 0; i < 300; i++) {
                h.send("requests", "poisson", i, new Count((long) rng.nextPoisson(4.0), 1.0));
                h.send("requests", "bursty", i, new Count((long) rng.nextPoisson(rng.nextGamma(0.3, 4.0 / 0.3)), 1.0));
            }
            Map<String, PosteriorSnapshot> last = new HashMap<>();
            h.snapshots.readValuesToList().forEach(s -> last.put(s.getKey(), s));
            Map<String, Double> fine = last.get("poisson").getDiagnostics();
            Map<String, Double> bursty = last.get("bursty").getDiagnostics();
            assertEquals(100.0, fine.get("ppcWindow"), 0.0, "the window keeps the newest 100 observations");
            assertEquals(0.0, fine.get("ppcFlag"), 0.0, fine.toString());
            assertEquals(1.0, bursty.get("ppcFlag"), 0.0, bursty.toString());
            assertTrue(bursty.get("ppc.variance") < 0.01 && bursty.get("ppc.zeros") < 0.01, bursty.toString());
            assertEquals(100, h.store().get("requests/bursty").getRecent().size());
        }
    }

    /**
     * Prior sensitivity flags a key whose posterior the prior still moves (two counts far from a
     * prior of mean 5 with the strength of 5 observations: halving or doubling that strength shifts
     * the mean by more than half a posterior sd) and not a key with 2,000 counts.
     */
    @Test
    void priorSensitivityFlagsAWeaklyIdentifiedKeyOnly() {
        AppConfig cfg = ConfigLoader.parse("""
                application: {id: test-app, bootstrapServers: 'localhost:9'}
                topics: {observations: obs, snapshots: snaps, deadLetters: dlq}
                models:
                  defects: {type: gamma-poisson, mode: exact, prior: {shape: 25, rate: 5}, batch: {size: 1}}
                """);
        try (Harness h = new Harness(cfg)) {
            h.send("defects", "new-line", 0, new Count(20L, 1.0));
            h.send("defects", "new-line", 1, new Count(22L, 1.0));
            org.hipparchus.random.RandomDataGenerator rng = new org.hipparchus.random.RandomDataGenerator(3);
            for (int i = 0; i < 2000; i++) {
                h.send("defects", "old-line", i, new Count((long) rng.nextPoisson(20.0), 1.0));
            }
            Map<String, PosteriorSnapshot> last = new HashMap<>();
            h.snapshots.readValuesToList().forEach(s -> last.put(s.getKey(), s));
            Map<String, Double> weak = last.get("new-line").getDiagnostics();
            Map<String, Double> strong = last.get("old-line").getDiagnostics();
            assertEquals(1.0, weak.get("priorSensitive"), 0.0, weak.toString());
            assertEquals(0.0, strong.get("priorSensitive"), 0.0, strong.toString());
            strong.forEach((name, v) -> assertTrue(!name.startsWith("priorShift") || Math.abs(v) < 0.5, strong.toString()));
            assertTrue(weak.keySet().stream().anyMatch(n -> n.startsWith("priorShift.x2.0.")), weak.toString());
        }
    }

    /** The same input yields the same snapshots, bit for bit. */
    @Test
    void replayIsDeterministic() {
        List<byte[]> first = runSvi();
        List<byte[]> second = runSvi();
        assertEquals(first.size(), second.size());
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i), second.get(i));
        }
        assertTrue(first.size() > 10);
    }

    private List<byte[]> runSvi() {
        AvroCodec<PosteriorSnapshot> codec = AvroCodec.of(PosteriorSnapshot.class);
        List<byte[]> out = new ArrayList<>();
        try (Harness h = new Harness(TestConfigs.conversion("svi", 5, 500, 0, 1, 0))) {
            SplittableRandom rng = new SplittableRandom(42);
            for (int i = 0; i < 400; i++) {
                h.send("conversion", "k" + rng.nextInt(7), i * 10L, new BinaryOutcome(rng.nextDouble() < 0.3));
            }
            h.snapshots.readValuesToList().forEach(s -> out.add(codec.encode(s)));
        }
        return out;
    }
}
