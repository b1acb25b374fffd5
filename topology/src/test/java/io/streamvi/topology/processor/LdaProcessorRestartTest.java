package io.streamvi.topology.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamvi.avro.Document;
import io.streamvi.avro.LdaDocument;
import io.streamvi.avro.LdaState;
import io.streamvi.avro.ObservationEvent;
import io.streamvi.avro.PosteriorSnapshot;
import io.streamvi.serde.AvroCodec;
import io.streamvi.serde.AvroSerde;
import io.streamvi.topology.StreamviApp;
import io.streamvi.topology.TopologyNames;
import io.streamvi.topology.config.AppConfig;
import io.streamvi.topology.config.ConfigLoader;
import io.streamvi.topology.config.LdaConfig;
import io.streamvi.topology.lda.LdaDocuments;
import io.streamvi.topology.offline.OfflineLda;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The online-LDA step restarted on the same RocksDB stores carries on where the last one stopped:
 * the documents pending in {@code lda-pending} are rebuilt in init and applied with the next ones
 * as one minibatch, with the same result as without the restart; a configuration that changes K
 * is refused, not misread.
 */
class LdaProcessorRestartTest {

    private static final AvroCodec<LdaDocument> DOCUMENTS = AvroCodec.of(LdaDocument.class);

    @TempDir
    Path stateDir;

    private static AppConfig config(int topics) {
        return ConfigLoader.parse("""
                application: {id: restart}
                topics: {observations: o, snapshots: s, deadLetters: d}
                models:
                  docs: {type: lda, topics: %d, vocabulary: {size: 12}, batch: {size: 5}, emit: {everyDocuments: 5}, seed: 4}
                """.formatted(topics));
    }

    private record Stores3(KeyValueStore<Bytes, byte[]> rows, KeyValueStore<String, LdaState> state,
            KeyValueStore<Bytes, byte[]> pending) {
        void close() {
            rows.close();
            state.close();
            pending.close();
        }
    }

    private MockProcessorContext<Object, Object> context(AppConfig config) {
        Properties p = StreamviApp.streamsProperties(config);
        MockProcessorContext<Object, Object> c =
                new MockProcessorContext<>(p, new TaskId(1, 0), new File(stateDir.toFile(), "task"));
        c.setCurrentSystemTimeMs(0);
        return c;
    }

    private static Stores3 open(MockProcessorContext<Object, Object> c) {
        KeyValueStore<Bytes, byte[]> rows = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TopologyNames.LDA_ROWS_STORE), Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingDisabled().withCachingDisabled().build();
        KeyValueStore<String, LdaState> state = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TopologyNames.LDA_STATE_STORE), Serdes.String(),
                new AvroSerde<>(LdaState.class)).withLoggingDisabled().withCachingDisabled().build();
        KeyValueStore<Bytes, byte[]> pending = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TopologyNames.LDA_PENDING_STORE), Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingDisabled().withCachingDisabled().build();
        for (var s : List.of(rows, state, pending)) {
            s.init(c.getStateStoreContext(), s);
            c.addStateStore(s);
        }
        return new Stores3(rows, state, pending);
    }

    private static List<ObservationEvent> events() {
        List<ObservationEvent> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            out.add(new ObservationEvent("docs", "d" + i, 100L + i, new Document(List.of(i, i + 3, 11),
                    List.of(2, 1, 1 + i), null)));
        }
        return out;
    }

    /** The record the validation step sends to the documents topic for {@code e}. */
    private static Record<byte[], byte[]> routed(LdaConfig config, ObservationEvent e) {
        LdaDocuments.Parsed parsed = LdaDocuments.parse(config, e.getPayload());
        return new Record<>("docs".getBytes(StandardCharsets.UTF_8),
                DOCUMENTS.encode(LdaDocuments.routed(e, parsed, e.getEventTime())), e.getEventTime());
    }

    @Test
    void pendingDocumentsSurviveARestartAndMakeTheSameMinibatch() {
        AppConfig config = config(3);
        LdaConfig lda = config.ldaModels().get("docs");
        List<ObservationEvent> events = events();

        MockProcessorContext<Object, Object> c1 = context(config);
        Stores3 s1 = open(c1);
        LdaProcessor p1 = new LdaProcessor(config);
        p1.init(c1);
        for (int i = 0; i < 3; i++) {
            p1.process(routed(lda, events.get(i)));
        }
        assertTrue(c1.forwarded().isEmpty(), "three of five documents: no step yet");
        s1.close();

        MockProcessorContext<Object, Object> c2 = context(config);
        Stores3 s2 = open(c2);
        LdaProcessor p2 = new LdaProcessor(config);
        p2.init(c2);
        for (int i = 3; i < 5; i++) {
            p2.process(routed(lda, events.get(i)));
        }
        var forwarded = c2.forwarded();
        assertEquals(1, forwarded.size());
        assertEquals(TopologyNames.LDA_SNAPSHOT_SINK, forwarded.get(0).childName().orElseThrow());
        PosteriorSnapshot snapshot = (PosteriorSnapshot) forwarded.get(0).record().value();
        assertEquals(5, snapshot.getObservationsSeen(), "the restored three and the new two, one minibatch");
        assertEquals(1, snapshot.getStep());

        OfflineLda reference = new OfflineLda(lda);
        events.forEach(reference::add);
        assertEquals(reference.snapshots(), List.of(snapshot));
        try (var it = s2.pending().all()) {
            assertFalse(it.hasNext(), "the applied documents left lda-pending");
        }
        s2.close();
    }

    @Test
    void aChangedNumberOfTopicsIsRefusedNotMisread() {
        AppConfig three = config(3);
        AppConfig four = config(4);
        List<ObservationEvent> events = events();
        MockProcessorContext<Object, Object> c1 = context(three);
        Stores3 s1 = open(c1);
        LdaProcessor p1 = new LdaProcessor(three);
        p1.init(c1);
        events.forEach(e -> p1.process(routed(three.ldaModels().get("docs"), e)));
        LdaState before = s1.state().get("docs");
        s1.close();

        MockProcessorContext<Object, Object> c2 = context(four);
        Stores3 s2 = open(c2);
        LdaProcessor p2 = new LdaProcessor(four);
        p2.init(c2);
        events.forEach(e -> p2.process(routed(four.ldaModels().get("docs"), e)));
        var forwarded = c2.forwarded();
        assertEquals(5, forwarded.size());
        for (var f : forwarded) {
            assertEquals(TopologyNames.LDA_DEAD_LETTER_SINK, f.childName().orElseThrow());
            String reason = DeadLetters.header(f.record().headers(), DeadLetters.REASON);
            assertTrue(reason.contains("has K = 3") && reason.contains("says K = 4"), reason);
            assertEquals("update", DeadLetters.header(f.record().headers(), DeadLetters.STAGE));
        }
        assertEquals(before, s2.state().get("docs"), "the stored state is untouched");
        s2.close();
    }
}
