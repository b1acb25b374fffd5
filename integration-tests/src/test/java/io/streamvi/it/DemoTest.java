package io.streamvi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamvi.deploy.demo.AbTestStream;
import io.streamvi.deploy.demo.Demo;
import io.streamvi.serde.SnapshotJson;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@code streamvi demo} as a newcomer runs it: its own embedded broker, the app, the A/B/C/D
 * stream; snapshots of both models for every variant arrive as JSON lines.
 */
class DemoTest {

    @Test
    void demoPrintsSnapshotsForEveryVariantOfBothModels() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        try (Demo demo = Demo.start(400, s -> {
            lines.add(SnapshotJson.write(s));
            seen.add(s.getModel() + "/" + s.getKey());
        })) {
            long deadline = System.nanoTime() + 90_000_000_000L;
            while (seen.size() < 8 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertTrue(demo.summary().contains("conversion"), demo.summary());
        }
        assertEquals(8, seen.size(), "2 models x 4 variants: " + seen);
        ObjectMapper mapper = new ObjectMapper();
        for (String line : lines) {
            JsonNode n = mapper.readTree(line);
            assertTrue(AbTestStream.VARIANTS.contains(n.get("key").asText()));
            double mean = n.at("/summaries/theta/mean").asDouble();
            assertTrue(n.at("/summaries/theta/lower95").asDouble() < mean && mean < n.at("/summaries/theta/upper95").asDouble());
        }
    }
}
