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
        assertEquals(null, n.get("topics"), "no topics member for models without topics");
    }

    @Test
    void writesTopicsWithTheirWords() throws Exception {
        JsonNode n = new ObjectMapper().readTree(SnapshotJson.write(Samples.ldaSnapshot()));
        assertEquals(2, n.get("topics").size());
        assertEquals(1500.5, n.at("/topics/0/lambdaTotal").asDouble(), 0.0);
        assertEquals("file", n.at("/topics/0/words/0/word").asText());
        assertEquals(3, n.at("/topics/0/words/0/wordId").asInt());
        assertEquals(0.031, n.at("/topics/0/words/0/weight").asDouble(), 0.0);
        assertEquals(null, n.at("/topics/0/words/1").get("word"), "a word without a vocabulary has its id only");
        assertEquals(1, n.at("/topics/1/index").asInt());
        assertEquals(-7.5, n.at("/diagnostics/heldOutPerWordBound").asDouble(), 0.0);
    }
}
