package io.streamvi.topology.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A node of the configuration tree that knows its own path, so that every error names the field
 * the user has to fix.
 */
final class ConfigNode {

    private final JsonNode node;
    private final String path;

    ConfigNode(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    String path() {
        return path;
    }

    String child(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    boolean has(String name) {
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    ConfigException error(String message) {
        return new ConfigException(path.isEmpty() ? "(top level)" : path, message);
    }

    /** Fails on any member not in {@code allowed} (catches typos such as {@code kapa}). */
    ConfigNode allowOnly(String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!ok.contains(name)) {
                throw new ConfigException(child(name), "unknown field (expected one of " + new TreeSet<>(ok) + ")");
            }
        }
        return this;
    }

    ConfigNode object(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw new ConfigException(child(name), "missing");
        }
        if (!v.isObject()) {
            throw new ConfigException(child(name), "expected a mapping");
        }
        return new ConfigNode(v, child(name));
    }

    /** The named mapping, or an empty one when absent. */
    ConfigNode optionalObject(String name) {
        return has(name) ? object(name) : new ConfigNode(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), child(name));
    }

    List<Map.Entry<String, ConfigNode>> entries() {
        List<Map.Entry<String, ConfigNode>> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.add(Map.entry(e.getKey(), new ConfigNode(e.getValue(), child(e.getKey()))));
        }
        return out;
    }

    String text(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw new ConfigException(child(name), "missing");
        }
        if (!v.isValueNode() || v.asText().isBlank()) {
            throw new ConfigException(child(name), "expected a non-empty value, got " + v);
        }
        return v.asText();
    }

    String text(String name, String fallback) {
        return has(name) ? text(name) : fallback;
    }

    /** This node as a scalar string (for pass-through Kafka properties). */
    String scalar() {
        if (!node.isValueNode()) {
            throw error("expected a single value, got " + node);
        }
        return node.asText();
    }

    double number(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw new ConfigException(child(name), "missing");
        }
        if (!v.isNumber()) {
            throw new ConfigException(child(name), "expected a number, got " + v);
        }
        return v.doubleValue();
    }

    double number(String name, double fallback) {
        return has(name) ? number(name) : fallback;
    }

    boolean isNumber(String name) {
        JsonNode v = node.get(name);
        return v != null && v.isNumber();
    }

    /** A number or a list of numbers, as an array (a scalar gives one element). */
    double[] numbersOrScalar(String name) {
        return isNumber(name) ? new double[] {number(name)} : numbers(name);
    }

    boolean bool(String name, boolean fallback) {
        if (!has(name)) {
            return fallback;
        }
        JsonNode v = node.get(name);
        if (!v.isBoolean()) {
            throw new ConfigException(child(name), "expected true or false, got " + v);
        }
        return v.booleanValue();
    }

    /** A list of numbers, e.g. {@code [1, 1, 2]}. */
    double[] numbers(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw new ConfigException(child(name), "missing");
        }
        return numberList(v, child(name));
    }

    /** A list of lists of numbers (rows), e.g. {@code [[1, 0], [0.5, 2]]}. */
    double[][] rows(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw new ConfigException(child(name), "missing");
        }
        if (!v.isArray()) {
            throw new ConfigException(child(name), "expected a list of lists of numbers, got " + v);
        }
        double[][] out = new double[v.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = numberList(v.get(i), child(name) + "[" + i + "]");
        }
        return out;
    }

    private static double[] numberList(JsonNode v, String path) {
        if (!v.isArray()) {
            throw new ConfigException(path, "expected a list of numbers, got " + v);
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            if (!v.get(i).isNumber()) {
                throw new ConfigException(path + "[" + i + "]", "expected a number, got " + v.get(i));
            }
            out[i] = v.get(i).doubleValue();
        }
        return out;
    }

    /** An int within [min, max], checked before narrowing (a huge value is an error, never wrapped). */
    int intValue(String name, int fallback, int min, int max) {
        long v = integer(name, fallback, min);
        if (v > max) {
            throw new ConfigException(child(name), "must be <= " + max + " (was " + v + ")");
        }
        return (int) v;
    }

    long integer(String name, long fallback, long min) {
        if (!has(name)) {
            return fallback;
        }
        JsonNode v = node.get(name);
        if (!v.canConvertToExactIntegral() || !v.canConvertToLong()) {
            throw new ConfigException(child(name), "expected an integer, got " + v);
        }
        long value = v.asLong();
        if (value < min) {
            throw new ConfigException(child(name), "must be >= " + min + " (was " + value + ")");
        }
        return value;
    }
}
