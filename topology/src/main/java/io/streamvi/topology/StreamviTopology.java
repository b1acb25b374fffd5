package io.streamvi.topology;

import io.streamvi.avro.DocumentTopics;
import io.streamvi.avro.LdaState;
import io.streamvi.avro.PosteriorSnapshot;
import io.streamvi.avro.StoredState;
import io.streamvi.serde.AvroSerde;
import io.streamvi.topology.config.AppConfig;
import io.streamvi.topology.config.LdaConfig;
import io.streamvi.topology.processor.LdaProcessor;
import io.streamvi.topology.processor.SviProcessor;
import io.streamvi.topology.processor.ValidateProcessor;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the streamvi topology from a configuration:
 * <pre>
 *   observations ─► validate ─► svi-step ──► snapshots
 *                      │  │        │  └── variational-state (RocksDB, changelogged)
 *                      │  └────────┴──► dead-letters
 *                      └─► documents topic (online LDA, keyed by model name)
 *
 *   documents topic ─► lda-step ──► snapshots, dead-letters, mixtures topics
 *                         └── lda-rows, lda-state, lda-pending (RocksDB, changelogged)
 * </pre>
 * The online-LDA part exists only when an {@code lda} model is configured.
 * Tests build the same topology through this one factory.
 */
public final class StreamviTopology {

    private StreamviTopology() {
    }

    public static Topology build(AppConfig config) {
        Topology topology = new Topology();
        topology.addSource(TopologyNames.SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                config.topics().observations());
        topology.addProcessor(TopologyNames.VALIDATE, () -> new ValidateProcessor(config.models(), config.ldaModels()),
                TopologyNames.SOURCE);
        topology.addProcessor(TopologyNames.SVI_STEP, () -> new SviProcessor(config), TopologyNames.VALIDATE);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TopologyNames.STATE_STORE),
                Serdes.String(), new AvroSerde<>(StoredState.class)), TopologyNames.SVI_STEP);
        topology.addSink(TopologyNames.SNAPSHOT_SINK, config.topics().snapshots(), new StringSerializer(),
                new AvroSerde<>(PosteriorSnapshot.class).serializer(), TopologyNames.SVI_STEP);
        topology.addSink(TopologyNames.DEAD_LETTER_SINK, config.topics().deadLetters(), new ByteArraySerializer(),
                new ByteArraySerializer(), TopologyNames.VALIDATE, TopologyNames.SVI_STEP);
        if (!config.ldaModels().isEmpty()) {
            addLda(topology, config);
        }
        return topology;
    }

    /**
     * The online-LDA sub-topology: validated documents go through the documents topic keyed by model
     * name, so each model's documents meet in one task, whose step owns the model's rows.
     */
    private static void addLda(Topology topology, AppConfig config) {
        String documents = config.topics().documents();
        topology.addSink(TopologyNames.LDA_DOCUMENTS_SINK, documents, new ByteArraySerializer(),
                new ByteArraySerializer(), TopologyNames.VALIDATE);
        topology.addSource(TopologyNames.LDA_DOCUMENTS_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                documents);
        topology.addProcessor(TopologyNames.LDA_STEP, () -> new LdaProcessor(config), TopologyNames.LDA_DOCUMENTS_SOURCE);
        // rows are read and written a few thousand at a time per step: the record cache keeps the hot
        // ones in memory and merges their repeated writes between commits
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TopologyNames.LDA_ROWS_STORE),
                Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled(), TopologyNames.LDA_STEP);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TopologyNames.LDA_STATE_STORE),
                Serdes.String(), new AvroSerde<>(LdaState.class)), TopologyNames.LDA_STEP);
        // a document usually waits less than a commit interval: in the record cache its put and its
        // delete meet before either reaches RocksDB, and the changelog gets the tombstone only
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TopologyNames.LDA_PENDING_STORE),
                Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled(), TopologyNames.LDA_STEP);
        topology.addSink(TopologyNames.LDA_SNAPSHOT_SINK, config.topics().snapshots(), new StringSerializer(),
                new AvroSerde<>(PosteriorSnapshot.class).serializer(), TopologyNames.LDA_STEP);
        topology.addSink(TopologyNames.LDA_DEAD_LETTER_SINK, config.topics().deadLetters(), new ByteArraySerializer(),
                new ByteArraySerializer(), TopologyNames.LDA_STEP);
        for (String topic : mixturesTopics(config)) {
            topology.addSink(TopologyNames.ldaMixturesSink(topic), topic, new StringSerializer(),
                    new AvroSerde<>(DocumentTopics.class).serializer(), TopologyNames.LDA_STEP);
        }
    }

    /** The distinct topics online-LDA models write per-document topic proportions to. */
    public static Set<String> mixturesTopics(AppConfig config) {
        Set<String> topics = new TreeSet<>();
        for (LdaConfig lda : config.ldaModels().values()) {
            if (lda.mixturesTopic() != null) {
                topics.add(lda.mixturesTopic());
            }
        }
        return topics;
    }
}
