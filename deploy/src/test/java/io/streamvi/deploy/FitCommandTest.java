package io.streamvi.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamvi.deploy.cli.StreamviCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `streamvi fit` as a user runs it: no broker, final snapshots on stdout, refused lines on stderr. */
class FitCommandTest {

    @TempDir
    Path tmp;

    @Test
    void printsTheFinalPosteriorOfEveryKey() throws Exception {
        Path events = tmp.resolve("events.jsonl");
        Files.write(events, List.of(
                "{\"model\":\"conversion\",\"key\":\"A\",\"eventTime\":1,\"payload\":{\"BinaryOutcome\":{\"success\":true}}}",
                "{\"model\":\"conversion\",\"key\":\"A\",\"eventTime\":2,\"payload\":{\"BinaryOutcome\":{\"success\":false}}}",
                "{\"model\":\"conversion\",\"key\":\"B\",\"eventTime\":3,\"payload\":{\"BinaryOutcome\":{\"success\":true}}}",
                "{\"model\":\"conversion\",\"key\":\"B\",\"eventTime\":4,\"payload\":{\"RealValue\":{\"value\":1}}}"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = StreamviCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int rc = cl.execute("fit", "--config", "config/local.yaml", "--input", events.toString());
        assertEquals(1, rc, "a refused line makes the exit code 1: " + err);
        assertTrue(err.toString().contains("line 4: model") && err.toString().contains("expects a BinaryOutcome"), err.toString());
        List<String> lines = out.toString().lines().toList();
        assertEquals(2, lines.size(), out.toString());
        JsonNode a = new ObjectMapper().readTree(lines.get(0));
        assertEquals("A", a.get("key").asText());
        assertEquals(2, a.get("observationsSeen").asLong());
        assertEquals(2.0, a.at("/distribution/parameters/alpha").asDouble(), 0.0);
        assertEquals(2.0, a.at("/distribution/parameters/beta").asDouble(), 0.0);
    }
}
