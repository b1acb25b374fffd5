package io.streamvi.deploy.client;

import io.streamvi.avro.ObservationEvent;
import io.streamvi.serde.AvroCodec;
import io.streamvi.serde.EventFormatException;
import io.streamvi.serde.EventJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Reads observation events as JSON lines ({@link EventJson}) and produces them as Avro
 * single-object-encoded records, keyed by entity key, with the event time as the record
 * timestamp. Bad lines are reported with their line numbers and skipped; good lines are still
 * sent. This is {@code streamvi produce}.
 */
public final class EventFileProducer {

    /** A line that could not be sent, 1-based. */
    public record LineError(long line, String message) {
        @Override
        public String toString() {
            return "line " + line + ": " + message;
        }
    }

    /** What a run did. */
    public record Report(long sent, List<LineError> errors) {
    }

    private EventFileProducer() {
    }

    /** A producer with the settings this tool uses: idempotent, acks=all, batched. */
    public static KafkaProducer<byte[], byte[]> newProducer(String bootstrapServers) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The Kafka record for an event: key = entity key, value = Avro, timestamp = event time. */
    public static ProducerRecord<byte[], byte[]> record(String topic, ObservationEvent event, AvroCodec<ObservationEvent> codec) {
        return new ProducerRecord<>(topic, null, event.getEventTime(), event.getKey().getBytes(StandardCharsets.UTF_8),
                codec.encode(event));
    }

    public static Report produce(String bootstrapServers, String topic, BufferedReader input) {
        try (KafkaProducer<byte[], byte[]> producer = newProducer(bootstrapServers)) {
            return produce(producer, topic, input);
        }
    }

    public static Report produce(KafkaProducer<byte[], byte[]> producer, String topic, BufferedReader input) {
        AvroCodec<ObservationEvent> codec = AvroCodec.of(ObservationEvent.class);
        List<LineError> errors = new ArrayList<>();
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> sendFailure = new AtomicReference<>();
        long lineNo = 0;
        try {
            for (String line; (line = input.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                ObservationEvent event;
                try {
                    event = EventJson.parse(line);
                } catch (EventFormatException e) {
                    errors.add(new LineError(lineNo, e.getMessage()));
                    continue;
                }
                producer.send(record(topic, event, codec), (meta, e) -> {
                    if (e == null) {
                        acknowledged.incrementAndGet();
                    } else {
                        sendFailure.compareAndSet(null, e);
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        producer.flush();
        if (sendFailure.get() != null) {
            throw new IllegalStateException("sending to " + topic + " failed: " + sendFailure.get().getMessage(),
                    sendFailure.get());
        }
        return new Report(acknowledged.get(), errors);
    }
}
