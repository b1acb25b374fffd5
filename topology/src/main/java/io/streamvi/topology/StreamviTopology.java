package io.streamvi.topology;

import io.streamvi.avro.PosteriorSnapshot;
import io.streamvi.avro.StoredState;
import io.streamvi.serde.AvroSerde;
import io.streamvi.topology.config.AppConfig;
import io.streamvi.topology.processor.SviProcessor;
import io.streamvi.topology.processor.ValidateProcessor;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the streamvi topology from a configuration:
 * <pre>
 *   observations ─► validate ─► svi-step ──► snapshots
 *                      │           │  └── variational-state (RocksDB, changelogged)
 *                      └───────────┴──► dead-letters
 * </pre>
 * Tests build the same topology through this one factory.
 */
public final class StreamviTopology {

    private StreamviTopology() {
    }

    public static Topology build(AppConfig config) {
        Topology topology = new Topology();
        topology.addSource(TopologyNames.SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                config.topics().observations());
        topology.addProcessor(TopologyNames.VALIDATE, () -> new ValidateProcessor(config.models()), TopologyNames.SOURCE);
        topology.addProcessor(TopologyNames.SVI_STEP, () -> new SviProcessor(config), TopologyNames.VALIDATE);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TopologyNames.STATE_STORE),
                Serdes.String(), new AvroSerde<>(StoredState.class)), TopologyNames.SVI_STEP);
        topology.addSink(TopologyNames.SNAPSHOT_SINK, config.topics().snapshots(), new StringSerializer(),
                new AvroSerde<>(PosteriorSnapshot.class).serializer(), TopologyNames.SVI_STEP);
        topology.addSink(TopologyNames.DEAD_LETTER_SINK, config.topics().deadLetters(), new ByteArraySerializer(),
                new ByteArraySerializer(), TopologyNames.VALIDATE, TopologyNames.SVI_STEP);
        return topology;
    }
}
