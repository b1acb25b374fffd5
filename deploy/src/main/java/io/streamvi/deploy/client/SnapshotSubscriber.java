package io.streamvi.deploy.client;

import io.streamvi.avro.PosteriorSnapshot;
import io.streamvi.serde.AvroCodec;
import io.streamvi.serde.SerdeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads posterior snapshots from the snapshot topic, committed records only (the app writes
 * them in exactly-once transactions). It takes all partitions without joining a consumer group,
 * so any number of subscribers can watch at once. This is {@code streamvi subscribe}.
 */
public final class SnapshotSubscriber implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotSubscriber.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final AvroCodec<PosteriorSnapshot> codec = AvroCodec.of(PosteriorSnapshot.class);
    private volatile boolean stopped;

    public SnapshotSubscriber(String bootstrapServers, String topic, boolean fromBeginning) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
    }

    /**
     * Delivers matching snapshots until {@code max} were delivered (0 = no limit), {@code idle}
     * passed without any record (null = wait forever), or {@link #stop()} was called.
     *
     * @return the number delivered
     */
    public long run(Predicate<PosteriorSnapshot> filter, long max, Duration idle, Consumer<PosteriorSnapshot> sink) {
        long delivered = 0;
        long lastRecord = System.nanoTime();
        while (!stopped) {
            var records = consumer.poll(Duration.ofMillis(200));
            if (!records.isEmpty()) {
                lastRecord = System.nanoTime();
            } else if (idle != null && System.nanoTime() - lastRecord > idle.toNanos()) {
                break;
            }
            for (ConsumerRecord<byte[], byte[]> r : records) {
                PosteriorSnapshot s;
                try {
                    s = codec.decode(r.value());
                } catch (SerdeException e) {
                    LOG.warn("skipping undecodable record at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
                    continue;
                }
                if (filter.test(s)) {
                    sink.accept(s);
                    if (max > 0 && ++delivered >= max) {
                        return delivered;
                    }
                }
            }
        }
        return delivered;
    }

    /** Makes {@link #run} return after its current poll (safe from another thread). */
    public void stop() {
        stopped = true;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
