package io.streamvi.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamvi.avro.BinaryOutcome;
import io.streamvi.avro.Category;
import io.streamvi.avro.Count;
import io.streamvi.avro.Document;
import io.streamvi.avro.ObservationEvent;
import io.streamvi.avro.Regression;
import io.streamvi.avro.RealValue;
import io.streamvi.avro.VectorValue;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Observation events as JSON, one object per line, with the field names of the Avro schema and
 * the payload written as Avro's JSON encoding writes a union member, {"TypeName": {...}}:
 * <pre>
 * {"model":"conversion","key":"variant-B","eventTime":1700000000000,"payload":{"BinaryOutcome":{"success":true}}}
 * {"model":"requests","key":"api-7","eventTime":1700000000000,"payload":{"Count":{"count":12,"exposure":60}}}
 * </pre>
 * Fields with a default in the schema (exposure, document text) may be left out. Parsing is
 * strict: an unknown field, a missing field or a wrong type is an {@link EventFormatException}
 * naming the field.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> TOP_FIELDS = Set.of("model", "key", "eventTime", "payload");

    private EventJson() {
    }

    public static ObservationEvent parse(String line) {
        JsonNode root;
        try {
            root = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new EventFormatException("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new EventFormatException("expected a JSON object");
        }
        rejectUnknown(root, "", TOP_FIELDS);
        String model = text(root, "model");
        String key = text(root, "key");
        long eventTime = integer(root, "eventTime", "eventTime");
        JsonNode payload = root.get("payload");
        if (payload == null || !payload.isObject() || payload.size() != 1) {
            throw new EventFormatException("payload: expected an object with exactly one member, "
                    + "the payload type, e.g. {\"BinaryOutcome\":{\"success\":true}}");
        }
        String type = payload.fieldNames().next();
        JsonNode body = payload.get(type);
        if (!body.isObject()) {
            throw new EventFormatException("payload." + type + ": expected an object");
        }
        return new ObservationEvent(model, key, eventTime, payload(type, body, "payload." + type + "."));
    }

    private static Object payload(String type, JsonNode b, String at) {
        switch (type) {
            case "BinaryOutcome" -> {
                rejectUnknown(b, at, Set.of("success"));
                JsonNode v = required(b, "success", at);
                if (!v.isBoolean()) {
                    throw new EventFormatException(at + "success: expected true or false, got " + v);
                }
                return new BinaryOutcome(v.booleanValue());
            }
            case "Count" -> {
                rejectUnknown(b, at, Set.of("count", "exposure"));
                return new Count(integer(b, "count", at + "count"), optionalNumber(b, "exposure", at, 1.0));
            }
            case "RealValue" -> {
                rejectUnknown(b, at, Set.of("value"));
                return new RealValue(number(b, "value", at));
            }
            case "Category" -> {
                rejectUnknown(b, at, Set.of("index"));
                long index = integer(b, "index", at + "index");
                if (index != (int) index) {
                    throw new EventFormatException(at + "index: out of int range: " + index);
                }
                return new Category((int) index);
            }
            case "VectorValue" -> {
                rejectUnknown(b, at, Set.of("values"));
                return new VectorValue(numbers(b, "values", at));
            }
            case "Regression" -> {
                rejectUnknown(b, at, Set.of("x", "y", "exposure"));
                return new Regression(numbers(b, "x", at), number(b, "y", at), optionalNumber(b, "exposure", at, 1.0));
            }
            case "Document" -> {
                rejectUnknown(b, at, Set.of("wordIds", "counts", "text"));
                List<Integer> ids = b.has("wordIds") ? ints(b, "wordIds", at) : List.of();
                List<Integer> counts = b.has("counts") ? ints(b, "counts", at) : List.of();
                JsonNode text = b.get("text");
                if (text != null && !text.isNull() && !text.isTextual()) {
                    throw new EventFormatException(at + "text: expected a string or null");
                }
                return new Document(ids, counts, text == null || text.isNull() ? null : text.textValue());
            }
            default -> throw new EventFormatException("payload: unknown type '" + type
                    + "' (one of BinaryOutcome, Count, RealValue, Category, VectorValue, Regression, Document)");
        }
    }

    /** The JSON line for an event (the inverse of {@link #parse}). */
    public static String write(ObservationEvent e) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("model", e.getModel());
        root.put("key", e.getKey());
        root.put("eventTime", e.getEventTime());
        Object p = e.getPayload();
        ObjectNode body = root.putObject("payload").putObject(p.getClass().getSimpleName());
        if (p instanceof BinaryOutcome b) {
            body.put("success", b.getSuccess());
        } else if (p instanceof Count c) {
            body.put("count", c.getCount()).put("exposure", c.getExposure());
        } else if (p instanceof RealValue r) {
            body.put("value", r.getValue());
        } else if (p instanceof Category c) {
            body.put("index", c.getIndex());
        } else if (p instanceof VectorValue v) {
            v.getValues().forEach(body.putArray("values")::add);
        } else if (p instanceof Regression r) {
            r.getX().forEach(body.putArray("x")::add);
            body.put("y", r.getY()).put("exposure", r.getExposure());
        } else if (p instanceof Document d) {
            d.getWordIds().forEach(body.putArray("wordIds")::add);
            d.getCounts().forEach(body.putArray("counts")::add);
            if (d.getText() != null) {
                body.put("text", d.getText());
            }
        }
        return root.toString();
    }

    private static void rejectUnknown(JsonNode node, String at, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw new EventFormatException(at + name + ": unknown field (expected " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static JsonNode required(JsonNode node, String field, String at) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new EventFormatException(at + field + ": missing");
        }
        return v;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = required(node, field, "");
        if (!v.isTextual() || v.textValue().isEmpty()) {
            throw new EventFormatException(field + ": expected a non-empty string, got " + v);
        }
        return v.textValue();
    }

    private static long integer(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new EventFormatException(path + ": missing");
        }
        if (!v.canConvertToExactIntegral() || !v.canConvertToLong()) {
            throw new EventFormatException(path + ": expected an integer, got " + v);
        }
        return v.asLong();
    }

    private static double number(JsonNode node, String field, String at) {
        JsonNode v = required(node, field, at);
        if (!v.isNumber()) {
            throw new EventFormatException(at + field + ": expected a number, got " + v);
        }
        return v.doubleValue();
    }

    private static double optionalNumber(JsonNode node, String field, String at, double fallback) {
        return node.has(field) ? number(node, field, at) : fallback;
    }

    private static List<Double> numbers(JsonNode node, String field, String at) {
        JsonNode v = required(node, field, at);
        if (!v.isArray()) {
            throw new EventFormatException(at + field + ": expected an array of numbers");
        }
        List<Double> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isNumber()) {
                throw new EventFormatException(at + field + "[" + i + "]: expected a number, got " + v.get(i));
            }
            out.add(v.get(i).doubleValue());
        }
        return out;
    }

    private static List<Integer> ints(JsonNode node, String field, String at) {
        JsonNode v = node.get(field);
        if (!(v instanceof ArrayNode)) {
            throw new EventFormatException(at + field + ": expected an array of integers");
        }
        List<Integer> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).canConvertToInt() || !v.get(i).canConvertToExactIntegral()) {
                throw new EventFormatException(at + field + "[" + i + "]: expected an integer, got " + v.get(i));
            }
            out.add(v.get(i).asInt());
        }
        return out;
    }
}
