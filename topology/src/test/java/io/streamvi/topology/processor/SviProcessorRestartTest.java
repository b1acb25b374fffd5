package io.streamvi.topology.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamvi.avro.BinaryOutcome;
import io.streamvi.avro.ObservationEvent;
import io.streamvi.avro.PosteriorSnapshot;
import io.streamvi.avro.StoredState;
import io.streamvi.serde.AvroSerde;
import io.streamvi.serde.ObservationMapper;
import io.streamvi.topology.StreamviApp;
import io.streamvi.topology.TestConfigs;
import io.streamvi.topology.TopologyNames;
import io.streamvi.topology.config.AppConfig;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A processor restarted on the same RocksDB store carries on where the last one stopped: the
 * posterior, the half-filled minibatch and the deadlines (rebuilt from the store in init) all
 * survive.
 */
class SviProcessorRestartTest {

    @TempDir
    Path stateDir;

    private final AppConfig config = TestConfigs.conversion("exact", 4, 0, 1_000, 1, 0);

    private MockProcessorContext<Object, Object> context() {
        Properties p = StreamviApp.streamsProperties(config);
        MockProcessorContext<Object, Object> c =
                new MockProcessorContext<>(p, new TaskId(0, 0), new File(stateDir.toFile(), "task"));
        c.setCurrentSystemTimeMs(0);
        return c;
    }

    private KeyValueStore<String, StoredState> openStore(MockProcessorContext<Object, Object> context) {
        KeyValueStore<String, StoredState> store = Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(TopologyNames.STATE_STORE),
                        Serdes.String(), new AvroSerde<>(StoredState.class))
                .withLoggingDisabled().withCachingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    private static Record<Object, Object> event(String key, long t, boolean y) {
        ObservationEvent e = new ObservationEvent("conversion", key, t, new BinaryOutcome(y));
        return new Record<>(key, new ValidateProcessor.Validated(e, ObservationMapper.toModel(e.getPayload())), t);
    }

    /**
     * A configuration change that alters the model's parameter layout (here the number of
     * features) is refused per key: the event is dead-lettered with the reason and the stored
     * state is left as it was.
     */
    @Test
    void aChangedLayoutIsRefusedNotMisread() {
        AppConfig two = io.streamvi.topology.config.ConfigLoader.parse(REGRESSION.formatted(2));
        AppConfig three = io.streamvi.topology.config.ConfigLoader.parse(REGRESSION.formatted(3));
        MockProcessorContext<Object, Object> c1 = context();
        KeyValueStore<String, StoredState> s1 = openStore(c1);
        SviProcessor p1 = new SviProcessor(two);
        p1.init(c1);
        p1.process(regression("A", 2));
        byte[] before = new AvroSerde<>(StoredState.class).serializer().serialize("t", s1.get("price/A"));
        s1.close();

        MockProcessorContext<Object, Object> c2 = context();
        KeyValueStore<String, StoredState> s2 = openStore(c2);
        SviProcessor p2 = new SviProcessor(three);
        p2.init(c2);
        p2.process(regression("A", 3));
        var forwarded = c2.forwarded();
        assertEquals(1, forwarded.size());
        assertEquals("dead-letters", forwarded.get(0).childName().orElseThrow());
        String reason = DeadLetters.header(forwarded.get(0).record().headers(), DeadLetters.REASON);
        assertTrue(reason.contains("the configured model needs"), reason);
        org.junit.jupiter.api.Assertions.assertArrayEquals(before,
                new AvroSerde<>(StoredState.class).serializer().serialize("t", s2.get("price/A")), "state untouched");
        s2.close();
    }

    private static final String REGRESSION = """
            application: {id: test-app, bootstrapServers: 'localhost:9'}
            topics: {observations: obs, snapshots: snaps, deadLetters: dlq}
            models:
              price: {type: linear-regression, mode: exact, features: %d, noise: {variance: 1}}
            """;

    private static Record<Object, Object> regression(String key, int features) {
        java.util.List<Double> x = new java.util.ArrayList<>();
        for (int i = 0; i < features; i++) {
            x.add(0.5 * i);
        }
        ObservationEvent e = new ObservationEvent("price", key, 5L, new io.streamvi.avro.Regression(x, 1.0, 1.0));
        return new Record<>(key, new ValidateProcessor.Validated(e, ObservationMapper.toModel(e.getPayload())), 5L);
    }

    @Test
    void restartsFromTheStore() {
        // first life: 6 events, one minibatch of 4 applied, 2 pending
        MockProcessorContext<Object, Object> c1 = context();
        KeyValueStore<String, StoredState> s1 = openStore(c1);
        SviProcessor p1 = new SviProcessor(config);
        p1.init(c1);
        boolean[] ys = {true, true, false, true, false, true};
        for (int i = 0; i < ys.length; i++) {
            p1.process(event("A", i, ys[i]));
        }
        assertEquals(1, c1.forwarded().size());
        s1.close();

        // second life on the same files: the pending pair is known without any new event
        MockProcessorContext<Object, Object> c2 = context();
        KeyValueStore<String, StoredState> s2 = openStore(c2);
        assertEquals(2, s2.get("conversion/A").getPending().size());
        SviProcessor p2 = new SviProcessor(config);
        p2.init(c2);
        MockProcessorContext.CapturedPunctuator wall = c2.scheduledPunctuators().stream()
                .filter(p -> p.getType() == PunctuationType.WALL_CLOCK_TIME).findFirst().orElseThrow();
        wall.getPunctuator().punctuate(500);
        assertTrue(c2.forwarded().isEmpty(), "idle flush is not due yet");
        wall.getPunctuator().punctuate(1_000);
        List<MockProcessorContext.CapturedForward<?, ?>> out = c2.forwarded();
        assertEquals(1, out.size());
        PosteriorSnapshot s = (PosteriorSnapshot) out.get(0).record().value();
        assertEquals(6, s.getObservationsSeen());
        assertEquals(2, s.getStep());
        assertEquals(1.5 + 4, s.getDistribution().getParameters().get(0).getValues().get(0), 0.0);
        assertEquals(2.5 + 2, s.getDistribution().getParameters().get(1).getValues().get(0), 0.0);
        assertTrue(s2.get("conversion/A").getPending().isEmpty());
        s2.close();
    }
}
