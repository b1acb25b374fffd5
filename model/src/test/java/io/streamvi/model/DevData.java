package io.streamvi.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.observation.Regression;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The dev reference cases under src/test/resources/dev (see the README there). */
public final class DevData {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DevData() {
    }

    /** The JSON lines of a case's file, parsed. */
    public static List<JsonNode> lines(String resource) {
        List<JsonNode> out = new ArrayList<>();
        try (InputStream in = open(resource);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                out.add(JSON.readTree(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** A regression case's events {"x": [...], "y": ...} as observations (exposure 1). */
    public static List<Observation> regressionEvents(String resource) {
        List<Observation> out = new ArrayList<>();
        for (JsonNode n : lines(resource)) {
            double[] x = new double[n.get("x").size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = n.get("x").get(i).asDouble();
            }
            out.add(new Regression(x, n.get("y").asDouble(), 1.0));
        }
        return out;
    }

    /** A case's reference.json. */
    public static JsonNode reference(String resource) {
        try (InputStream in = open(resource)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = DevData.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + resource);
        }
        return in;
    }
}
