package io.streamvi.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamvi.avro.Category;
import io.streamvi.avro.Count;
import io.streamvi.avro.ObservationEvent;
import io.streamvi.avro.PosteriorSnapshot;
import io.streamvi.avro.RealValue;
import io.streamvi.avro.Regression;
import io.streamvi.avro.VectorValue;
import io.streamvi.serde.AvroCodec;
import io.streamvi.serde.AvroSerde;
import io.streamvi.topology.config.AppConfig;
import io.streamvi.topology.config.ConfigLoader;
import io.streamvi.topology.processor.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every model type runs through the topology; events that do not fit their model are dead-lettered. */
class AllModelTypesTopologyTest {

    @TempDir
    Path stateDir;

    @Test
    void everyModelPublishesAndRefusesWhatDoesNotFit() {
        AppConfig config = ConfigLoader.parse(io.streamvi.topology.config.ModelTypesConfigTestAccess.ALL
                .replace("application: {id: app}", "application: {id: app, bootstrapServers: 'localhost:9'}"));
        Properties p = StreamviApp.streamsProperties(config);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        AvroCodec<ObservationEvent> codec = AvroCodec.of(ObservationEvent.class);
        try (TopologyTestDriver driver = new TopologyTestDriver(StreamviTopology.build(config), p)) {
            TestInputTopic<byte[], byte[]> in = driver.createInputTopic("o", new ByteArraySerializer(), new ByteArraySerializer());
            var snaps = driver.createOutputTopic("s", new StringDeserializer(), new AvroSerde<>(PosteriorSnapshot.class).deserializer());
            var dead = driver.createOutputTopic("d", new ByteArrayDeserializer(), new ByteArrayDeserializer());
            Object[][] events = {
                {"requests", new Count(3L, 2.0)},
                {"requests", new Count(-1L, 1.0)},
                {"sensor", new RealValue(1.5)},
                {"sensor-mf", new RealValue(2.5)},
                {"errors", new Category(2)},
                {"errors", new Category(3)},
                {"price", new Regression(List.of(0.5, -1.0), 2.0, 1.0)},
                {"price", new Regression(List.of(0.5), 2.0, 1.0)},
                {"price-mf", new Regression(List.of(0.5, 1.0), 1.0, 1.0)},
                {"price-mf", new Regression(List.of(0.5, Double.POSITIVE_INFINITY), 1.0, 1.0)},
                {"clusters", new VectorValue(List.of(0.1, 0.2))},
                {"clusters", new VectorValue(List.of(-1.0, 0.5))},
                {"clusters", new VectorValue(List.of(1.5, -0.5, 1.0))},
                {"clusters", new VectorValue(List.of(2.0, 2.0))},
                {"clusters", new VectorValue(List.of(-2.0, 1.0))},
                {"churn", new Regression(List.of(0.5, -1.0), 1.0, 1.0)},
                {"churn", new Regression(List.of(0.5, -1.0), 2.0, 1.0)},
                {"calls", new Regression(List.of(0.5, -1.0), 3.0, 2.0)},
                {"calls", new Regression(List.of(0.5, -1.0), -3.0, 2.0)},
            };
            long t = 1000;
            for (Object[] e : events) {
                in.pipeInput("k".getBytes(StandardCharsets.UTF_8),
                        codec.encode(new ObservationEvent((String) e[0], "k", t, e[1])), t++);
            }
            Map<String, PosteriorSnapshot> byModel = snaps.readValuesToList().stream()
                    .collect(Collectors.toMap(PosteriorSnapshot::getModel, s -> s));
            assertEquals(java.util.Set.of("requests", "sensor", "sensor-mf", "errors", "price", "price-mf", "clusters", "churn", "calls"),
                    byModel.keySet());
            assertEquals("mean@0", byModel.get("churn").getPredictive().get(0).getName());
            assertEquals(4, byModel.get("clusters").getObservationsSeen(), "the first minibatch holds firstSize = 4");
            assertEquals(2, byModel.get("price").getPredictive().size(), "predictive at the two configured points");
            assertEquals("y@1", byModel.get("price").getPredictive().get(1).getName());
            List<String> reasons = dead.readRecordsToList().stream()
                    .map(r -> DeadLetters.header(r.headers(), DeadLetters.REASON)).toList();
            assertEquals(7, reasons.size(), reasons.toString());
            assertTrue(reasons.get(5).contains("must be 0 or 1"), reasons.get(5));
            assertTrue(reasons.get(6).contains("count >= 0"), reasons.get(6));
            assertTrue(reasons.get(4).contains("dimension 2, got 3"), reasons.get(4));
            assertTrue(reasons.get(0).contains("Count.count must be >= 0"), reasons.get(0));
            assertTrue(reasons.get(1).contains("Category.index must be in 0..2"), reasons.get(1));
            assertTrue(reasons.get(2).contains("expects x of dimension 2, got 1"), reasons.get(2));
            assertTrue(reasons.get(3).contains("non-finite value in Regression.x[1]"), reasons.get(3));
        }
    }
}
