package io.streamvi.model.mixture;

import io.streamvi.model.observation.VectorValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the dev case c_gmm_iris (see src/test/resources/dev/c_gmm_iris/README.md). */
final class IrisData {

    private IrisData() {
    }

    /** The 150 standardised points in stream order. */
    static List<VectorValue> events() {
        List<VectorValue> out = new ArrayList<>();
        try (InputStream in = IrisData.class.getResourceAsStream("/dev/c_gmm_iris/events.jsonl");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(new VectorValue(parseX(line)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The numbers of the {@code "x":[...]} array of one JSON line. */
    static double[] parseX(String line) {
        int start = line.indexOf("\"x\"");
        int open = line.indexOf('[', start);
        int close = line.indexOf(']', open);
        String[] parts = line.substring(open + 1, close).split(",");
        double[] x = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            x[i] = Double.parseDouble(parts[i].trim());
        }
        return x;
    }
}
