package io.streamvi.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamvi.avro.BinaryOutcome;
import io.streamvi.avro.Document;
import io.streamvi.avro.DocumentTopics;
import io.streamvi.avro.LdaState;
import io.streamvi.avro.ObservationEvent;
import io.streamvi.avro.PosteriorSnapshot;
import io.streamvi.avro.Topic;
import io.streamvi.avro.TopicWord;
import io.streamvi.model.lda.LdaTestCorpus;
import io.streamvi.serde.AvroCodec;
import io.streamvi.serde.AvroSerde;
import io.streamvi.topology.config.AppConfig;
import io.streamvi.topology.config.ConfigLoader;
import io.streamvi.topology.config.LdaConfig;
import io.streamvi.topology.lda.LdaStoreKeys;
import io.streamvi.topology.offline.OfflineLda;
import io.streamvi.topology.processor.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Online LDA through the topology (TopologyTestDriver): documents in, topic snapshots out, equal bit
 * for bit to {@link OfflineLda} fed the same minibatches; every producer key lands on the documents
 * topic keyed by the model name; a step writes the rows of its minibatch's words and no others; bad
 * documents are dead-lettered with their reason; raw text goes through the vocabulary.
 */
class LdaTopologyTest {

    private static final AvroCodec<ObservationEvent> EVENTS = AvroCodec.of(ObservationEvent.class);
    private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    @TempDir
    Path dir;

    /** A configuration with the LDA model 'docs' ({@code lda} holds its own fields) and a Beta-Bernoulli model. */
    private AppConfig config(String lda) {
        return ConfigLoader.parse("""
                application: {id: test-app, bootstrapServers: 'localhost:9', punctuateIntervalMs: 100}
                topics: {observations: obs, snapshots: snaps, deadLetters: dlq}
                models:
                  docs:
                    type: lda
                %s
                  conversion: {type: beta-bernoulli, mode: exact}
                """.formatted(lda.indent(4).stripTrailing()), dir);
    }

    /** K = 4, V = 100, the settings of the model's topic-recovery test scaled to 400 documents. */
    private static final String SYNTHETIC = """
            topics: 4
            vocabulary: {size: 100}
            prior: {alpha: 0.25, eta: 0.05}
            schedule: {tau0: 1, kappa: 0.6}
            effectiveDataSize: {type: fixed, n: 400}
            iterations: 100
            gammaThreshold: 0.001
            seed: 7
            """;

    private final class Harness implements AutoCloseable {
        final TopologyTestDriver driver;
        final TestInputTopic<byte[], byte[]> in;
        final TestOutputTopic<String, PosteriorSnapshot> snapshots;
        final TestOutputTopic<byte[], byte[]> deadLetters;
        final TestOutputTopic<String, byte[]> documents;

        Harness(AppConfig config) {
            Properties p = StreamviApp.streamsProperties(config);
            p.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
            driver = new TopologyTestDriver(StreamviTopology.build(config), p, Instant.ofEpochMilli(T0));
            in = driver.createInputTopic("obs", new ByteArraySerializer(), new ByteArraySerializer());
            snapshots = driver.createOutputTopic("snaps", new StringDeserializer(),
                    new AvroSerde<>(PosteriorSnapshot.class).deserializer());
            deadLetters = driver.createOutputTopic("dlq", new ByteArrayDeserializer(), new ByteArrayDeserializer());
            documents = driver.createOutputTopic(config.topics().documents(), new StringDeserializer(),
                    new ByteArrayDeserializer());
        }

        ObservationEvent send(String model, String key, long t, Object payload) {
            ObservationEvent e = new ObservationEvent(model, key, T0 + t, payload);
            in.pipeInput(key.getBytes(StandardCharsets.UTF_8), EVENTS.encode(e), T0 + t);
            return e;
        }

        TestOutputTopic<String, DocumentTopics> mixtures(String topic) {
            return driver.createOutputTopic(topic, new StringDeserializer(),
                    new AvroSerde<>(DocumentTopics.class).deserializer());
        }

        KeyValueStore<Bytes, byte[]> rows() {
            return driver.getKeyValueStore(TopologyNames.LDA_ROWS_STORE);
        }

        /** The stored rows of model 'docs' by word id. */
        Map<Integer, byte[]> storedRows() {
            Map<Integer, byte[]> out = new TreeMap<>();
            try (KeyValueIterator<Bytes, byte[]> it = rows().all()) {
                while (it.hasNext()) {
                    KeyValue<Bytes, byte[]> kv = it.next();
                    assertEquals("docs", LdaStoreKeys.model(kv.key));
                    out.put(LdaStoreKeys.wordId(kv.key), kv.value);
                }
            }
            return out;
        }

        @Override
        public void close() {
            driver.close();
        }
    }

    private static Document counts(int[] ids, int[] counts) {
        List<Integer> i = new ArrayList<>();
        List<Integer> c = new ArrayList<>();
        for (int j = 0; j < ids.length; j++) {
            i.add(ids[j]);
            c.add(counts[j]);
        }
        return new Document(i, c, null);
    }

    private static Document bag(io.streamvi.model.observation.Document d) {
        return counts(d.wordIds(), d.counts());
    }

    private static Document text(String text) {
        return new Document(List.of(), List.of(), text);
    }

    @Test
    void documentsInTopicSnapshotsOutEqualToTheSameStepsWithoutKafka() {
        AppConfig cfg = config(SYNTHETIC + """
                batch: {size: 50}
                emit: {everyDocuments: 400}
                topWords: 10
                mixturesTopic: mixtures
                """);
        LdaConfig lda = cfg.ldaModels().get("docs");
        OfflineLda reference = new OfflineLda(lda);
        LdaTestCorpus corpus = new LdaTestCorpus(4, 100, 400, 50, 0.2, 2024L);
        List<io.streamvi.model.observation.Document> docs = corpus.documents();
        List<PosteriorSnapshot> snapshots;
        List<TestRecord<String, DocumentTopics>> mixtures;
        try (Harness h = new Harness(cfg)) {
            TestOutputTopic<String, DocumentTopics> mixtureTopic = h.mixtures("mixtures");
            int n = 0;
            for (int pass = 0; pass < 3; pass++) {
                for (io.streamvi.model.observation.Document d : docs) {
                    // every document has its own producer key: they still meet in the model's one task
                    ObservationEvent e = h.send("docs", "doc-" + n, n, bag(d));
                    assertNull(reference.add(e));
                    n++;
                }
            }
            List<TestRecord<String, byte[]>> routed = h.documents.readRecordsToList();
            assertEquals(1200, routed.size());
            assertTrue(routed.stream().allMatch(r -> r.key().equals("docs")), "documents are keyed by model name");
            snapshots = h.snapshots.readValuesToList();
            mixtures = mixtureTopic.readRecordsToList();
            LdaState state = h.driver.<String, LdaState>getKeyValueStore(TopologyNames.LDA_STATE_STORE).get("docs");
            assertEquals(1200, state.getDocumentsSeen());
            assertEquals(24, state.getStep());
            try (var it = h.driver.getKeyValueStore(TopologyNames.LDA_PENDING_STORE).all()) {
                assertFalse(it.hasNext(), "no document left pending after the last full minibatch");
            }
        }
        assertEquals(3, snapshots.size(), "a snapshot every 400 documents");
        assertEquals(reference.snapshots(), snapshots, "the app's snapshots equal the steps without Kafka, bit for bit");
        PosteriorSnapshot last = snapshots.get(2);
        assertEquals("docs", last.getModel());
        assertEquals("*", last.getKey());
        assertEquals("lda", last.getModelType());
        assertEquals(24, last.getStep());
        assertEquals(1200, last.getObservationsSeen());
        assertEquals(400.0, last.getEffectiveDataSize(), 0.0);
        assertEquals(Math.pow(1 + 24, -0.6), last.getRho(), 0.0);
        assertEquals(T0 + 1199, last.getLastEventTime());
        assertEquals(50.0, last.getDiagnostics().get("batchSize"), 0.0);
        // the topics: each one's top 10 words lie in one true topic's block of 25, all 4 blocks found
        assertEquals(4, last.getTopics().size());
        boolean[] blocks = new boolean[4];
        for (Topic t : last.getTopics()) {
            assertEquals(10, t.getWords().size());
            int block = t.getWords().get(0).getWordId() / 25;
            for (TopicWord w : t.getWords()) {
                assertEquals(block, w.getWordId() / 25, "topic " + t.getIndex() + ": " + t.getWords());
                assertNull(w.getWord(), "no vocabulary file, no words");
            }
            assertFalse(blocks[block], "two topics found block " + block);
            blocks[block] = true;
            double mass = t.getWords().stream().mapToDouble(TopicWord::getWeight).sum();
            assertEquals(0.36, mass, 0.05, "the true topic puts 0.9/25 on each word of its block");
        }
        assertEquals(1200, mixtures.size());
        assertEquals(reference.mixtures(), mixtures.stream().map(TestRecord::value).toList());
        for (int i = 0; i < mixtures.size(); i++) {
            assertEquals("doc-" + i, mixtures.get(i).key());
            assertEquals(1.0, mixtures.get(i).value().getProportions().stream().mapToDouble(Double::doubleValue).sum(),
                    1e-12);
        }
    }

    @Test
    void aStepWritesTheRowsOfItsWordsAndNoOthers() {
        AppConfig cfg = config(SYNTHETIC + """
                batch: {size: 2}
                emit: {everyDocuments: 2}
                """);
        OfflineLda reference = new OfflineLda(cfg.ldaModels().get("docs"));
        try (Harness h = new Harness(cfg)) {
            reference.add(h.send("docs", "a", 0, counts(new int[] {0, 1, 2, 3, 4}, new int[] {3, 1, 2, 1, 1})));
            assertTrue(h.storedRows().isEmpty(), "nothing is written before the minibatch is full");
            reference.add(h.send("docs", "b", 1, counts(new int[] {5, 6, 7, 8, 9, 0}, new int[] {1, 1, 1, 1, 4, 2})));
            Map<Integer, byte[]> first = h.storedRows();
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), List.copyOf(first.keySet()));

            reference.add(h.send("docs", "c", 2, counts(new int[] {50, 51, 52}, new int[] {2, 2, 2})));
            reference.add(h.send("docs", "d", 3, counts(new int[] {53, 54, 55, 56, 57, 58, 59}, new int[] {1, 1, 1, 1, 1, 1, 1})));
            Map<Integer, byte[]> second = h.storedRows();
            assertEquals(20, second.size(), "rows of the two minibatches' words only: " + second.keySet());
            for (int w = 0; w < 10; w++) {
                // the (1 - rho) shrinkage of untouched rows lives in the scale factor, not in their entries
                assertArrayEquals(first.get(w), second.get(w), "row of word " + w + " was rewritten");
            }
            for (int w = 50; w < 60; w++) {
                assertTrue(second.containsKey(w));
            }
            // and the rows are the model's: equal to those of the steps without Kafka
            reference.rows().forEach((w, row) -> assertArrayEquals(
                    io.streamvi.topology.lda.KeyValueTopicWordRows.encode(row), second.get(w), "row " + w));
            assertEquals(20, reference.rows().size());
            assertEquals(reference.snapshots(), h.snapshots.readValuesToList());
        }
    }

    /**
     * A step whose numbers are not finite is refused whole: here a row of the store was corrupted
     * to NaN behind the app's back, so the next step using that word produces NaN; its documents
     * go to the dead-letter topic with the reason (as events with their bags of words), and
     * lda-state and every row keep their bytes.
     */
    @Test
    void aNonFiniteStepIsRefusedAndLeavesTheStateAsItWas() {
        AppConfig cfg = config(SYNTHETIC + """
                batch: {size: 2}
                emit: {everyDocuments: 2}
                """);
        try (Harness h = new Harness(cfg)) {
            h.send("docs", "a", 0, counts(new int[] {0, 1}, new int[] {1, 1}));
            h.send("docs", "b", 1, counts(new int[] {2, 3}, new int[] {1, 1}));
            assertEquals(1, h.snapshots.readValuesToList().size());
            double[] nan = new double[4];
            Arrays.fill(nan, Double.NaN);
            h.rows().put(LdaStoreKeys.row(LdaStoreKeys.prefix("docs"), 0),
                    io.streamvi.topology.lda.KeyValueTopicWordRows.encode(nan));
            Map<Integer, byte[]> rowsBefore = h.storedRows();
            KeyValueStore<String, LdaState> states = h.driver.getKeyValueStore(TopologyNames.LDA_STATE_STORE);
            LdaState stateBefore = states.get("docs");

            h.send("docs", "c", 2, counts(new int[] {0, 5}, new int[] {2, 1}));
            h.send("docs", "d", 3, counts(new int[] {6}, new int[] {1}));

            assertTrue(h.snapshots.isEmpty(), "no snapshot of a refused step");
            List<TestRecord<byte[], byte[]>> dead = h.deadLetters.readRecordsToList();
            assertEquals(2, dead.size());
            for (TestRecord<byte[], byte[]> r : dead) {
                String reason = DeadLetters.header(r.headers(), DeadLetters.REASON);
                assertTrue(reason.startsWith("update rejected, state kept: ") && reason.contains("finite"), reason);
                assertEquals("update", DeadLetters.header(r.headers(), DeadLetters.STAGE));
            }
            ObservationEvent first = EVENTS.decode(dead.get(0).value());
            assertEquals("c", first.getKey());
            assertEquals(counts(new int[] {0, 5}, new int[] {2, 1}), first.getPayload());
            assertEquals(stateBefore, states.get("docs"));
            Map<Integer, byte[]> rowsAfter = h.storedRows();
            assertEquals(rowsBefore.keySet(), rowsAfter.keySet(), "no row of words 5 and 6 was written");
            rowsBefore.forEach((w, bytes) -> assertArrayEquals(bytes, rowsAfter.get(w), "row " + w));
        }
    }

    @Test
    void badDocumentsGoToTheDeadLetterTopicWithTheirReason() {
        AppConfig cfg = config(SYNTHETIC + """
                batch: {size: 2}
                emit: {everyDocuments: 2}
                """);
        try (Harness h = new Harness(cfg)) {
            List<byte[]> bad = new ArrayList<>();
            bad.add(EVENTS.encode(h.send("docs", "range", 0, counts(new int[] {3, 100}, new int[] {1, 1}))));
            bad.add(EVENTS.encode(h.send("docs", "zero", 1, counts(new int[] {3, 4}, new int[] {1, 0}))));
            bad.add(EVENTS.encode(h.send("docs", "empty", 2, counts(new int[0], new int[0]))));
            bad.add(EVENTS.encode(h.send("docs", "both", 3, new Document(List.of(1), List.of(1), "kernel"))));
            bad.add(EVENTS.encode(h.send("docs", "text", 4, text("no vocabulary file"))));
            bad.add(EVENTS.encode(h.send("docs", "kind", 5, new BinaryOutcome(true))));
            bad.add(EVENTS.encode(h.send("docs", "lengths", 6, new Document(List.of(1, 2), List.of(1), null))));
            h.send("docs", "good-1", 7, counts(new int[] {1, 2}, new int[] {1, 1}));
            h.send("docs", "good-2", 8, counts(new int[] {3}, new int[] {5}));
            List<TestRecord<byte[], byte[]>> dead = h.deadLetters.readRecordsToList();
            assertEquals(7, dead.size());
            String[] reasons = {
                "word id 100 at position 1 is outside [0, 100)",
                "count 0 of word id 4 at position 1 is below 1",
                "empty document",
                "give either wordIds/counts or text, not both",
                "raw text needs a vocabulary file",
                "takes Document payloads (word counts or text), got BinaryOutcome",
                "wordIds and counts differ in length: 2 vs 1"};
            for (int i = 0; i < 7; i++) {
                String reason = DeadLetters.header(dead.get(i).headers(), DeadLetters.REASON);
                assertTrue(reason.startsWith("model 'docs' (lda): ") && reason.contains(reasons[i]),
                        "expected '" + reasons[i] + "' in: " + reason);
                assertEquals("validate", DeadLetters.header(dead.get(i).headers(), DeadLetters.STAGE));
                assertArrayEquals(bad.get(i), dead.get(i).value(), "the original bytes, unchanged");
            }
            assertEquals(2, h.documents.readRecordsToList().size(), "only the good documents reach the model");
            List<PosteriorSnapshot> out = h.snapshots.readValuesToList();
            assertEquals(1, out.size());
            assertEquals(2, out.get(0).getObservationsSeen());
        }
    }

    @Test
    void rawTextIsTokenisedWithTheVocabularyAndScoredOnTheHeldOutFile() throws Exception {
        Files.write(dir.resolve("vocab.txt"), List.of("kernel", "process", "file", "memory", "socket", "network",
                "packet", "page", "thread", "signal"));
        Files.write(dir.resolve("heldout.txt"), List.of("kernel process thread signal process",
                "", "socket network packet network, the socket", "file page memory page memory file"));
        AppConfig cfg = config("""
                topics: 2
                vocabulary: {file: vocab.txt}
                heldOutFile: heldout.txt
                schedule: {tau0: 1, kappa: 0.7}
                effectiveDataSize: {type: seen}
                batch: {size: 3}
                emit: {everyDocuments: 6}
                topWords: 4
                seed: 3
                """);
        LdaConfig lda = cfg.ldaModels().get("docs");
        assertEquals(3, lda.heldOut().size(), "blank lines are not documents");
        OfflineLda reference = new OfflineLda(lda);
        String[] texts = {
            "The kernel schedules a process; the thread gets a SIGNAL (signal 9).",
            "Sockets? A socket sends a packet over the network.",
            "Each page of memory maps a file: page, page, memory.",
            "kernel thread process process signal",
            "network packet socket packet",
            "file memory page file"};
        List<PosteriorSnapshot> out;
        try (Harness h = new Harness(cfg)) {
            for (int i = 0; i < texts.length; i++) {
                assertNull(reference.add(h.send("docs", "t" + i, i, text(texts[i]))));
            }
            h.send("docs", "none", 6, text("The, a, an; of it!"));
            List<TestRecord<byte[], byte[]>> dead = h.deadLetters.readRecordsToList();
            assertEquals(1, dead.size());
            assertTrue(DeadLetters.header(dead.get(0).headers(), DeadLetters.REASON)
                    .contains("empty document: no token of the text is in the vocabulary (1 unknown)"));
            out = h.snapshots.readValuesToList();
        }
        assertEquals(1, out.size());
        assertEquals(reference.snapshots(), out);
        PosteriorSnapshot s = out.get(0);
        // unknown: the, schedules, the, gets; sockets, sends, over, the; each, maps (a, of, 9: too short)
        assertEquals(10.0, s.getDiagnostics().get("unknownTokens"), 0.0);
        assertEquals(3.0, s.getDiagnostics().get("heldOutDocuments"), 0.0);
        double bound = s.getDiagnostics().get("heldOutPerWordBound");
        assertTrue(bound < 0 && Double.isFinite(bound), "per-word bound " + bound);
        assertEquals(Math.pow(2, -bound), s.getDiagnostics().get("heldOutPerplexity"), 0.0);
        double completion = s.getDiagnostics().get("heldOutCompletionPerplexity");
        assertTrue(completion > 1 && completion < 10, "completion perplexity over 10 words: " + completion);
        for (Topic t : s.getTopics()) {
            assertEquals(4, t.getWords().size());
            for (TopicWord w : t.getWords()) {
                assertEquals(lda.vocabulary().word(w.getWordId()), w.getWord());
            }
        }
    }

    @Test
    void aStreamTimeDeadlineAppliesAPartialMinibatch() {
        AppConfig cfg = ConfigLoader.parse("""
                application: {id: test-app, bootstrapServers: 'localhost:9', punctuateIntervalMs: 100}
                topics: {observations: obs, snapshots: snaps, deadLetters: dlq}
                models:
                  docs: {type: lda, topics: 3, vocabulary: {size: 10}, batch: {size: 100, maxDelayMs: 1000}, emit: {everyDocuments: 1}}
                  clock: {type: lda, topics: 2, vocabulary: {size: 2}, batch: {size: 100}}
                """);
        try (Harness h = new Harness(cfg)) {
            h.send("docs", "a", 0, counts(new int[] {1}, new int[] {2}));
            h.send("docs", "b", 500, counts(new int[] {2}, new int[] {2}));
            assertTrue(h.snapshots.isEmpty());
            // a document of another LDA model moves the documents topic's stream time past the deadline
            h.send("clock", "tick", 1500, counts(new int[] {0}, new int[] {1}));
            List<PosteriorSnapshot> out = h.snapshots.readValuesToList();
            assertEquals(1, out.size(), "the two pending documents were applied as one minibatch: " + out);
            assertEquals("docs", out.get(0).getModel());
            assertEquals(2, out.get(0).getObservationsSeen());
            assertEquals(1, out.get(0).getStep());
        }
    }

    @Test
    void theLdaPartIsBuiltOnlyWhenAnLdaModelIsConfigured() {
        String description = StreamviTopology.build(TestConfigs.conversion("exact", 1, 0, 0, 1, 0)).describe().toString();
        assertFalse(description.contains(TopologyNames.LDA_STEP), description);
        assertNotNull(config(SYNTHETIC));
        String withLda = StreamviTopology.build(config(SYNTHETIC)).describe().toString();
        assertTrue(withLda.contains(TopologyNames.LDA_STEP) && withLda.contains("test-app.lda-documents"), withLda);
        assertTrue(Arrays.asList(withLda.split("Sub-topology")).size() >= 3, "the LDA step is a sub-topology of its own");
    }
}
