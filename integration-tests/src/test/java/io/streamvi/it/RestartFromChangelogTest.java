package io.streamvi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamvi.avro.PosteriorSnapshot;
import io.streamvi.deploy.client.EventFileProducer;
import io.streamvi.deploy.client.SnapshotSubscriber;
import io.streamvi.topology.StreamviApp;
import io.streamvi.topology.config.AppConfig;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app is stopped in the middle of the stream, its local state is deleted, and a new instance
 * restores the RocksDB store (posteriors and half-filled minibatches) from the changelog; under
 * exactly-once, the final posteriors are still the exact reference: no event lost or counted
 * twice.
 */
@ExtendWith(KafkaBroker.class)
class RestartFromChangelogTest {

    @TempDir
    Path tmp;

    private static void produce(AppConfig cfg, List<String> lines) {
        EventFileProducer.Report report = EventFileProducer.produce(KafkaBroker.bootstrapServers(),
                cfg.topics().observations(), new BufferedReader(new StringReader(String.join("\n", lines))));
        assertEquals(lines.size(), report.sent());
    }

    @Test
    void restoredAppFinishesWithTheExactPosterior() throws Exception {
        BetaBernoulliEndToEndTest helper = new BetaBernoulliEndToEndTest();
        helper.stateDir = tmp;
        AppConfig cfg = helper.config("restart-bb");
        Path stateDir = Path.of(cfg.kafka().get(StreamsConfig.STATE_DIR_CONFIG));
        StreamviApp.ensureTopics(cfg, Duration.ofSeconds(30));
        List<String> lines = DevStreams.betaBernoulliLines("conversion");
        produce(cfg, lines.subList(0, 10_000));

        // first life: stop once some (not all) of the stream is in the posteriors
        long seenAtStop;
        try (StreamviApp first = new StreamviApp(cfg)) {
            first.start();
            first.awaitRunning(Duration.ofSeconds(60));
            AtomicLong newest = new AtomicLong();
            try (SnapshotSubscriber sub = new SnapshotSubscriber(KafkaBroker.bootstrapServers(), cfg.topics().snapshots(), true)) {
                sub.run(s -> s.getStep() > 30, 1, Duration.ofSeconds(60), s -> newest.set(s.getObservationsSeen()));
            }
            seenAtStop = newest.get();
        }
        assertTrue(seenAtStop > 0, "the first instance applied some minibatches");
        assertTrue(seenAtStop < 10_000, "and stopped with the second half of the stream still unsent");
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }

        // second life: nothing local, everything from the changelog and committed offsets
        try (StreamviApp second = new StreamviApp(cfg)) {
            second.start();
            produce(cfg, lines.subList(10_000, lines.size()));
            JsonNode reference = DevStreams.betaBernoulliReference();
            Map<String, PosteriorSnapshot> latest = BetaBernoulliEndToEndTest.awaitSnapshots(cfg, reference);
            for (Iterator<Map.Entry<String, JsonNode>> it = reference.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                PosteriorSnapshot s = latest.get(e.getKey());
                assertEquals(e.getValue().get("n").asLong(), s.getObservationsSeen(), e.getKey());
                BetaBernoulliEndToEndTest.assertRelative(e.getValue().get("alpha").asDouble(),
                        s.getDistribution().getParameters().get(0).getValues().get(0));
                BetaBernoulliEndToEndTest.assertRelative(e.getValue().get("beta").asDouble(),
                        s.getDistribution().getParameters().get(1).getValues().get(0));
            }
        }
    }
}
