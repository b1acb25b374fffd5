package io.streamvi.it;

import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Admin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamvi.avro.BinaryOutcome;
import io.streamvi.avro.Count;
import io.streamvi.avro.ObservationEvent;
import io.streamvi.avro.PosteriorSnapshot;
import io.streamvi.avro.RealValue;
import io.streamvi.avro.Summary;
import io.streamvi.deploy.client.EventFileProducer;
import io.streamvi.deploy.client.SnapshotSubscriber;
import io.streamvi.serde.AvroCodec;
import io.streamvi.topology.StreamviApp;
import io.streamvi.topology.config.AppConfig;
import io.streamvi.topology.config.ConfigLoader;
import io.streamvi.topology.processor.DeadLetters;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on a real KRaft broker: the dev Beta-Bernoulli stream (20 keys, 20,000 events)
 * goes in through the code path of {@code streamvi produce}, with malformed records mixed in;
 * every key's final snapshot must equal the exact reference posterior, and every bad record must
 * be in the dead-letter topic with its reason.
 */
@ExtendWith(KafkaBroker.class)
class BetaBernoulliEndToEndTest {

    /** Reference values carry 12 significant digits; the posterior parameters are integers. */
    private static final double TOLERANCE = 1e-9;

    @TempDir
    Path stateDir;

    AppConfig config(String name) {
        return ConfigLoader.parse("""
                application:
                  id: %1$s
                  bootstrapServers: %2$s
                  punctuateIntervalMs: 200
                topics:
                  observations: %1$s.observations
                  snapshots: %1$s.snapshots
                  deadLetters: %1$s.dead-letters
                  partitions: 3
                kafka:
                  commit.interval.ms: 200
                models:
                  conversion:
                    type: beta-bernoulli
                    mode: exact
                    prior: {alpha: 1, beta: 1}
                    batch: {size: 16, idleFlushMs: 500}
                    emit: {everyUpdates: 1}
                """.formatted(name, KafkaBroker.bootstrapServers()))
                .withKafkaProperty(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(name).toString());
    }

    @Test
    void devStreamReachesTheExactPosteriorAndBadRecordsAreDeadLettered() throws Exception {
        AppConfig cfg = config("e2e-bb");
        StreamviApp.ensureTopics(cfg, Duration.ofSeconds(30));

        // step 1: the input, with bad lines mixed into the file at known places
        List<String> lines = new ArrayList<>(DevStreams.betaBernoulliLines("conversion"));
        lines.add(100, "{\"model\":\"conversion\",\"key\":\"ab-00\"");                       // not JSON: refused by produce
        lines.add(5_000, line("churn", "ab-01", "{\"BinaryOutcome\":{\"success\":true}}"));  // unknown model
        lines.add(10_000, line("conversion", "ab-02", "{\"Count\":{\"count\":3}}"));          // wrong payload type
        lines.add(15_000, "{\"model\":\"conversion\",\"key\":\"ab-03\",\"eventTime\":1,\"payload\":{\"BinaryOutcome\":{\"success\":2}}}");

        try (StreamviApp app = new StreamviApp(cfg)) {
            app.start();
            app.awaitRunning(Duration.ofSeconds(60));

            // step 2: produce as `streamvi produce` does, plus records no JSON line can express
            EventFileProducer.Report report = EventFileProducer.produce(KafkaBroker.bootstrapServers(),
                    cfg.topics().observations(), new BufferedReader(new StringReader(String.join("\n", lines))));
            assertEquals(20_000 + 2, report.sent(), "the good lines and the two well-formed but invalid ones");
            assertEquals(List.of(101L, 15_001L), report.errors().stream().map(EventFileProducer.LineError::line).toList());
            assertTrue(report.errors().get(1).message().contains("payload.BinaryOutcome.success"), report.errors().toString());
            sendRaw(cfg);

            // step 3: every key's newest snapshot reaches its reference posterior
            JsonNode reference = DevStreams.betaBernoulliReference();
            Map<String, PosteriorSnapshot> latest = awaitSnapshots(cfg, reference);
            long total = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = reference.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                PosteriorSnapshot s = latest.get(e.getKey());
                JsonNode ref = e.getValue();
                assertEquals(ref.get("n").asLong(), s.getObservationsSeen(), e.getKey());
                assertRelative(ref.get("alpha").asDouble(), s.getDistribution().getParameters().get(0).getValues().get(0));
                assertRelative(ref.get("beta").asDouble(), s.getDistribution().getParameters().get(1).getValues().get(0));
                Summary theta = s.getSummaries().get(0);
                assertRelative(ref.get("mean").asDouble(), theta.getMean());
                assertRelative(ref.get("sd").asDouble(), theta.getSd());
                assertRelative(ref.get("q50").asDouble(), theta.getMedian());
                total += s.getObservationsSeen();
            }
            assertEquals(20_000, total, "every good event counted exactly once");

            // step 4: the dead letters, with their reasons
            List<ConsumerRecord<byte[], byte[]>> dead = readAll(cfg.topics().deadLetters(), 5, Duration.ofSeconds(60));
            Map<String, String> reasons = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : dead) {
                reasons.put(DeadLetters.header(r.headers(), DeadLetters.REASON), DeadLetters.header(r.headers(), DeadLetters.STAGE));
            }
            assertEquals(5, dead.size(), reasons + "\n" + BrokerDiagnostics.describe(cfg.topics().deadLetters(), cfg.topics().snapshots()));
            assertStage(reasons, "unknown model 'churn'", "validate");
            assertStage(reasons, "expects a BinaryOutcome payload, got Count", "validate");
            assertStage(reasons, "non-finite value in RealValue.value", "validate");
            assertStage(reasons, "not Avro single-object encoding", "decode");
            assertStage(reasons, "empty entity key", "validate");

            // the records are months older than a default retention: the local broker deleted none
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers()))) {
                Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
                for (String topic : List.of(cfg.topics().observations(), cfg.topics().snapshots(), cfg.topics().deadLetters())) {
                    for (int p = 0; p < 3; p++) {
                        earliest.put(new TopicPartition(topic, p), OffsetSpec.earliest());
                    }
                }
                admin.listOffsets(earliest).all().get().forEach((tp, o) -> assertEquals(0L, o.offset(), tp.toString()));
            }
        }
    }

    /** Raw records that cannot come from a JSON line: garbage bytes, NaN, an empty key. */
    private static void sendRaw(AppConfig cfg) throws Exception {
        AvroCodec<ObservationEvent> codec = AvroCodec.of(ObservationEvent.class);
        String topic = cfg.topics().observations();
        try (KafkaProducer<byte[], byte[]> p = EventFileProducer.newProducer(KafkaBroker.bootstrapServers())) {
            p.send(new ProducerRecord<>(topic, "ab-00".getBytes(StandardCharsets.UTF_8),
                    "definitely not avro".getBytes(StandardCharsets.UTF_8))).get();
            p.send(EventFileProducer.record(topic, new ObservationEvent("conversion", "ab-00", DevStreams.BASE_TIME,
                    new RealValue(Double.NaN)), codec)).get();
            p.send(EventFileProducer.record(topic, new ObservationEvent("conversion", "", DevStreams.BASE_TIME,
                    new BinaryOutcome(true)), codec)).get();
        }
    }

    private static String line(String model, String key, String payload) {
        return "{\"model\":\"" + model + "\",\"key\":\"" + key + "\",\"eventTime\":" + DevStreams.BASE_TIME
                + ",\"payload\":" + payload + "}";
    }

    static Map<String, PosteriorSnapshot> awaitSnapshots(AppConfig cfg, JsonNode reference) {
        Map<String, PosteriorSnapshot> latest = new HashMap<>();
        try (SnapshotSubscriber sub = new SnapshotSubscriber(KafkaBroker.bootstrapServers(), cfg.topics().snapshots(), true)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!complete(latest, reference) && System.nanoTime() < deadline) {
                sub.run(s -> true, 0, Duration.ofMillis(500), s -> latest.merge(s.getKey(), s,
                        (a, b) -> b.getObservationsSeen() >= a.getObservationsSeen() ? b : a));
            }
        }
        assertTrue(complete(latest, reference), "snapshots did not reach the reference counts: " + counts(latest)
                + "\n" + BrokerDiagnostics.describe(cfg.topics().snapshots()));
        return latest;
    }

    private static boolean complete(Map<String, PosteriorSnapshot> latest, JsonNode reference) {
        for (Iterator<Map.Entry<String, JsonNode>> it = reference.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            PosteriorSnapshot s = latest.get(e.getKey());
            if (s == null || s.getObservationsSeen() < e.getValue().get("n").asLong()) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Long> counts(Map<String, PosteriorSnapshot> latest) {
        Map<String, Long> c = new HashMap<>();
        latest.forEach((k, v) -> c.put(k, v.getObservationsSeen()));
        return c;
    }

    /**
     * Reads {@code topic} from the beginning (committed records only) until {@code expected}
     * records arrived or {@code timeout} passed. A reader that makes no progress for 15 s starts
     * over with a new consumer (and so a new connection and fetch session).
     */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            out = new ArrayList<>();
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers(),
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> parts = c.partitionsFor(topic).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                c.assign(parts);
                c.seekToBeginning(parts);
                long progress = System.nanoTime();
                while (out.size() < expected && System.nanoTime() < deadline
                        && System.nanoTime() - progress < Duration.ofSeconds(15).toNanos()) {
                    var records = c.poll(Duration.ofMillis(200));
                    if (!records.isEmpty()) {
                        progress = System.nanoTime();
                        records.forEach(out::add);
                    }
                }
                if (out.size() >= expected) {
                    c.poll(Duration.ofMillis(500)).forEach(out::add); // anything beyond the expected count
                    return out;
                }
            }
        }
        return out;
    }

    private static void assertStage(Map<String, String> reasons, String fragment, String stage) {
        String match = reasons.keySet().stream().filter(r -> r.contains(fragment)).findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter with '" + fragment + "' in " + reasons));
        assertEquals(stage, reasons.get(match), match);
    }

    static void assertRelative(double expected, double actual) {
        assertEquals(expected, actual, TOLERANCE * Math.abs(expected));
    }
}
