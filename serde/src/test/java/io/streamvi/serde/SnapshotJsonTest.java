package io.streamvi.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SnapshotJsonTest {
    @Test
    void writesParametersAndSummariesByName() throws Exception {
        JsonNode n = new ObjectMapper().readTree(SnapshotJson.write(Samples.snapshot()));
        assertEquals("variant-B", n.get("key").asText());
        assertEquals(31.0, n.at("/distribution/parameters/alpha").asDouble(), 0.0);
        assertEquals("Beta", n.at("/distribution/family").asText());
        assertEquals(0.1026, n.at("/summaries/theta/mean").asDouble(), 0.0);
        assertEquals(-101.0, n.at("/diagnostics/elboSmoothed").asDouble(), 0.0);
        assertEquals(300, n.get("observationsSeen").asLong());
    }
}
