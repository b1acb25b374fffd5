package io.streamvi.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamvi.avro.BinaryOutcome;
import io.streamvi.avro.ObservationEvent;
import io.streamvi.serde.EventJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The dev Beta-Bernoulli stream and its reference, from the test resources. */
final class DevStreams {

    /** Event time of t = 0 (the files count t in events; we space them a second apart). */
    static final long BASE_TIME = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    private DevStreams() {
    }

    /** The dev stream as ObservationEvent JSON lines for model {@code model}. */
    static List<String> betaBernoulliLines(String model) {
        ObjectMapper mapper = new ObjectMapper();
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                resource("dev/e_conjugate_streams/beta_bernoulli.jsonl"), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                JsonNode n = mapper.readTree(line);
                lines.add(EventJson.write(new ObservationEvent(model, n.get("key").asText(),
                        BASE_TIME + 1000L * n.get("t").asLong(), new BinaryOutcome(n.get("y").asInt() == 1))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    /** {@code reference.json}'s {@code beta_bernoulli.per_key}. */
    static JsonNode betaBernoulliReference() {
        try (InputStream in = resource("dev/e_conjugate_streams/reference.json")) {
            return new ObjectMapper().readTree(in).get("beta_bernoulli").get("per_key");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = DevStreams.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + path);
        }
        return in;
    }
}
