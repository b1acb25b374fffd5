package io.streamvi.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamvi.avro.Document;
import io.streamvi.avro.DocumentTopics;
import io.streamvi.avro.ObservationEvent;
import io.streamvi.avro.PosteriorSnapshot;
import io.streamvi.avro.Topic;
import io.streamvi.avro.TopicWord;
import io.streamvi.deploy.client.EventFileProducer;
import io.streamvi.deploy.client.SnapshotSubscriber;
import io.streamvi.model.lda.LdaTestCorpus;
import io.streamvi.serde.AvroCodec;
import io.streamvi.serde.EventJson;
import io.streamvi.topology.StreamviApp;
import io.streamvi.topology.config.AppConfig;
import io.streamvi.topology.config.ConfigLoader;
import io.streamvi.topology.offline.OfflineLda;
import io.streamvi.topology.processor.DeadLetters;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Online LDA on the real broker: documents in (JSON lines through the {@code produce} code path,
 * half as raw text, half as word counts), topic snapshots out.
 * <ol>
 *   <li>One partition: the snapshots, per-document topic proportions and held-out scores equal,
 *       bit for bit, an in-process run ({@link OfflineLda}) of the same minibatches; a bad document
 *       is dead-lettered with its reason.
 *   <li>Three partitions and a key per document: the documents are spread over the observation
 *       partitions, yet every one of them reaches the model's one task (documents seen = all of
 *       them), and the learned topics are the corpus's true ones.
 * </ol>
 * The corpus is drawn from a known LDA (K = 4, V = 100, seed 2024; {@link LdaTestCorpus}): topic k
 * puts 90% of its mass on its own 25 words.
 */
@ExtendWith(KafkaBroker.class)
class LdaEndToEndTest {

    private static final int DOCUMENTS = 400;
    private static final int PASSES = 3;

    @TempDir
    Path dir;

    /** Word i of the synthetic vocabulary: three letters or more, as the tokeniser wants. */
    static String word(int i) {
        return "wd" + (char) ('a' + i / 26) + (char) ('a' + i % 26);
    }

    private AppConfig config(String name, int partitions) throws Exception {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            words.add(word(i));
        }
        Files.write(dir.resolve("vocab.txt"), words);
        List<String> held = new ArrayList<>();
        for (int[] tokens : new LdaTestCorpus(4, 100, 40, 50, 0.2, 77L).tokens) {
            held.add(text(tokens));
        }
        Files.write(dir.resolve("heldout.txt"), held);
        return ConfigLoader.parse("""
                application: {id: %1$s, bootstrapServers: '%2$s', punctuateIntervalMs: 100}
                topics: {observations: %1$s.o, snapshots: %1$s.s, deadLetters: %1$s.d, partitions: %3$d}
                kafka: {commit.interval.ms: 100}
                models:
                  docs:
                    type: lda
                    topics: 4
                    vocabulary: {file: vocab.txt}
                    prior: {alpha: 0.25, eta: 0.05}
                    schedule: {tau0: 1, kappa: 0.6}
                    effectiveDataSize: {type: fixed, n: 400}
                    iterations: 100
                    gammaThreshold: 0.001
                    batch: {size: 50}
                    emit: {everyDocuments: 400}
                    topWords: 10
                    heldOutFile: heldout.txt
                    mixturesTopic: %1$s.mixtures
                    seed: 7
                """.formatted(name, KafkaBroker.bootstrapServers(), partitions), dir)
                .withKafkaProperty(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state-" + name).toString());
    }

    static String text(int[] tokens) {
        StringBuilder sb = new StringBuilder();
        for (int t : tokens) {
            sb.append(sb.isEmpty() ? "" : " ").append(word(t));
        }
        return sb.toString();
    }

    /** Document n of the stream: the corpus in order, pass after pass; even ones as text, odd ones as counts. */
    private static List<ObservationEvent> stream() {
        LdaTestCorpus corpus = new LdaTestCorpus(4, 100, DOCUMENTS, 50, 0.2, 2024L);
        List<ObservationEvent> events = new ArrayList<>();
        for (int n = 0; n < DOCUMENTS * PASSES; n++) {
            int[] tokens = corpus.tokens.get(n % DOCUMENTS);
            Document payload;
            if (n % 2 == 0) {
                payload = new Document(List.of(), List.of(), text(tokens));
            } else {
                io.streamvi.model.observation.Document bag = corpus.documents().get(n % DOCUMENTS);
                payload = new Document(box(bag.wordIds()), box(bag.counts()), null);
            }
            events.add(new ObservationEvent("docs", "doc-" + n, DevStreams.BASE_TIME + 1000L * n, payload));
        }
        return events;
    }

    private static List<Integer> box(int[] values) {
        List<Integer> out = new ArrayList<>(values.length);
        for (int v : values) {
            out.add(v);
        }
        return out;
    }

    private static List<PosteriorSnapshot> run(AppConfig cfg, List<String> lines, int expectedSnapshots)
            throws Exception {
        StreamviApp.ensureTopics(cfg, Duration.ofSeconds(30));
        List<PosteriorSnapshot> out = new ArrayList<>();
        try (StreamviApp app = new StreamviApp(cfg)) {
            app.start();
            app.awaitRunning(Duration.ofSeconds(60));
            EventFileProducer.Report report = EventFileProducer.produce(KafkaBroker.bootstrapServers(),
                    cfg.topics().observations(), new BufferedReader(new StringReader(String.join("\n", lines))));
            assertTrue(report.errors().isEmpty(), report.errors().toString());
            try (SnapshotSubscriber sub = new SnapshotSubscriber(KafkaBroker.bootstrapServers(), cfg.topics().snapshots(),
                    true)) {
                sub.run(s -> true, expectedSnapshots, Duration.ofSeconds(60), out::add);
            }
        }
        return out;
    }

    /** Every committed record of {@code topic}, read until {@code count} arrived or 30 s passed. */
    private static List<ConsumerRecord<byte[], byte[]>> read(String topic, int count) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < count && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }

    @Test
    void snapshotsEqualAnInProcessRunOfTheSameMinibatchesBitForBit() throws Exception {
        AppConfig cfg = config("lda-replay", 1);
        OfflineLda reference = new OfflineLda(cfg.ldaModels().get("docs"));
        List<String> lines = new ArrayList<>();
        for (ObservationEvent e : stream()) {
            assertNull(reference.add(e));
            lines.add(EventJson.write(e));
        }
        ObservationEvent bad = new ObservationEvent("docs", "bad", DevStreams.BASE_TIME,
                new Document(List.of(7, 100), List.of(1, 1), null));
        lines.add(17, EventJson.write(bad));

        List<PosteriorSnapshot> snapshots = run(cfg, lines, PASSES);

        assertEquals(reference.snapshots(), snapshots, "app through the broker vs in process");
        PosteriorSnapshot last = snapshots.get(PASSES - 1);
        assertEquals(DOCUMENTS * PASSES, last.getObservationsSeen());
        double bound = last.getDiagnostics().get("heldOutPerWordBound");
        double completion = last.getDiagnostics().get("heldOutCompletionPerplexity");
        // one topic alone has a per-token perplexity of about 39 (0.9 spread over 25 words, 0.1 over
        // 75): a learned model completes held-out documents well below the uniform 100
        assertTrue(completion < 60, "held-out completion perplexity " + completion);
        // gensim's bound with total_docs = H counts the whole topic-word KL against 40 documents: it
        // is pessimistic on a small held-out set, but it must improve as training goes on
        double firstBound = snapshots.get(0).getDiagnostics().get("heldOutPerWordBound");
        assertTrue(bound > firstBound, "held-out per-word bound " + firstBound + " after one pass, " + bound
                + " after " + PASSES);
        assertTrue(completion < snapshots.get(0).getDiagnostics().get("heldOutCompletionPerplexity"));

        List<ConsumerRecord<byte[], byte[]>> mixtures = read(cfg.ldaModels().get("docs").mixturesTopic(),
                DOCUMENTS * PASSES);
        AvroCodec<DocumentTopics> codec = AvroCodec.of(DocumentTopics.class);
        assertEquals(reference.mixtures(), mixtures.stream().map(r -> codec.decode(r.value())).toList());

        List<ConsumerRecord<byte[], byte[]>> dead = read(cfg.topics().deadLetters(), 1);
        assertEquals(1, dead.size());
        assertTrue(DeadLetters.header(dead.get(0).headers(), DeadLetters.REASON)
                .contains("word id 100 at position 1 is outside [0, 100)"));
        assertArrayEquals(AvroCodec.of(ObservationEvent.class).encode(bad), dead.get(0).value());
    }

    @Test
    void documentsOnEveryPartitionReachTheModelsOneTask() throws Exception {
        AppConfig cfg = config("lda-spread", 3);
        List<String> lines = stream().stream().map(EventJson::write).toList();

        List<PosteriorSnapshot> snapshots = run(cfg, lines, PASSES);

        List<TopicPartition> used = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : read(cfg.topics().observations(), DOCUMENTS * PASSES)) {
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            if (!used.contains(tp)) {
                used.add(tp);
            }
        }
        assertEquals(3, used.size(), "the documents' keys spread them over all observation partitions");
        PosteriorSnapshot last = snapshots.get(PASSES - 1);
        assertEquals(DOCUMENTS * PASSES, last.getObservationsSeen(), "one model saw every document");
        assertEquals(PASSES * DOCUMENTS / 50, last.getStep());
        boolean[] blocks = new boolean[4];
        for (Topic t : last.getTopics()) {
            int block = t.getWords().get(0).getWordId() / 25;
            for (TopicWord w : t.getWords()) {
                assertEquals(block, w.getWordId() / 25, "topic " + t.getIndex() + ": " + t.getWords());
                assertEquals(word(w.getWordId()), w.getWord());
            }
            assertFalse(blocks[block], "two topics found block " + block);
            blocks[block] = true;
        }
    }
}
