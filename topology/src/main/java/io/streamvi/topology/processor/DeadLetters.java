package io.streamvi.topology.processor;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Headers of a dead-letter record. The value is the original record's bytes, unchanged, so that
 * nothing is lost: fix the cause and re-produce it.
 */
public final class DeadLetters {
    /** Why the record was refused, in words. */
    public static final String REASON = "streamvi.error.reason";
    /** Where it was refused: {@code decode}, {@code validate} or {@code update}. */
    public static final String STAGE = "streamvi.error.stage";
    public static final String SOURCE_TOPIC = "streamvi.source.topic";
    public static final String SOURCE_PARTITION = "streamvi.source.partition";
    public static final String SOURCE_OFFSET = "streamvi.source.offset";

    private DeadLetters() {
    }

    static Headers headers(Headers original, String stage, String reason, RecordMetadata source) {
        Headers h = new RecordHeaders(original.toArray());
        h.add(STAGE, utf8(stage));
        h.add(REASON, utf8(reason));
        if (source != null) {
            h.add(SOURCE_TOPIC, utf8(source.topic()));
            h.add(SOURCE_PARTITION, utf8(Integer.toString(source.partition())));
            h.add(SOURCE_OFFSET, utf8(Long.toString(source.offset())));
        }
        return h;
    }

    /** The value of a header as text, or null. */
    public static String header(Headers headers, String name) {
        var h = headers.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
