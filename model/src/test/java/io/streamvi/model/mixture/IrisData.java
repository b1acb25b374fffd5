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

    /** reference.json as text. */
    static String reference() {
        try (InputStream in = IrisData.class.getResourceAsStream("/dev/c_gmm_iris/reference.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The numbers of the value of the first key {@code field} after the keys {@code path} (in
     * order) in {@code json}: a number or a (nested) array flattened in order. Enough for the
     * plain numeric fields of reference.json.
     */
    static double[] numbersAfter(String json, String field, String... path) {
        int at = 0;
        for (String key : path) {
            at = json.indexOf("\"" + key + "\"", at);
            if (at < 0) {
                throw new IllegalArgumentException("no key " + key);
            }
        }
        at = json.indexOf("\"" + field + "\"", at);
        if (at < 0) {
            throw new IllegalArgumentException("no key " + field);
        }
        int start = json.indexOf(':', at) + 1;
        int end = start;
        int depth = 0;
        while (end < json.length()) {
            char c = json.charAt(end);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if ((c == ',' || c == '}') && depth == 0) {
                break;
            }
            end++;
            if (depth == 0 && c == ']') {
                break;
            }
        }
        List<Double> values = new ArrayList<>();
        for (String token : json.substring(start, end).split("[\\s\\[\\],]+")) {
            if (!token.isEmpty()) {
                values.add(Double.parseDouble(token));
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
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
