package io.streamvi.topology;

import io.streamvi.topology.config.AppConfig;
import io.streamvi.topology.config.ConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The long-lived app: the topology of a configuration running on a Kafka cluster. */
public final class StreamviApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamviApp.class);

    private final AppConfig config;
    private final KafkaStreams streams;

    public StreamviApp(AppConfig config) {
        this.config = config;
        Topology topology = StreamviTopology.build(config);
        Properties props = streamsProperties(config);
        try {
            this.streams = new KafkaStreams(topology, props);
        } catch (org.apache.kafka.common.config.ConfigException e) {
            throw new ConfigException("kafka", e.getMessage());
        }
    }

    /**
     * Kafka Streams properties: exactly-once (v2) unless the file says otherwise, bounded RocksDB
     * memory, Kafka's own dead-letter queue pointed at the dead-letter topic, then every property
     * of the file's {@code kafka} section (which wins).
     */
    public static Properties streamsProperties(AppConfig config) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class.getName());
        // records that fail inside Kafka Streams itself (not our validation) also land in the
        // dead-letter topic, with Kafka's error headers, before the default handler stops the app
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, config.topics().deadLetters());
        p.putAll(config.kafka());
        StreamsConfig validated;
        try {
            validated = new StreamsConfig(p);
        } catch (org.apache.kafka.common.config.ConfigException e) {
            throw new ConfigException("kafka", e.getMessage());
        }
        if (validated.getString(StreamsConfig.APPLICATION_ID_CONFIG).isBlank()) {
            throw new ConfigException("application.id", "must not be blank");
        }
        return p;
    }

    /**
     * Creates the observation, snapshot and dead-letter topics where they do not exist yet, and, with
     * online-LDA models, the documents topic and the models' mixtures topics.
     */
    public static void ensureTopics(AppConfig config, Duration timeout) {
        Map<String, Object> adminProps = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        try (Admin admin = Admin.create(adminProps)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            List<String> wanted = new ArrayList<>(List.of(config.topics().observations(), config.topics().snapshots(),
                    config.topics().deadLetters()));
            if (!config.ldaModels().isEmpty()) {
                wanted.add(config.topics().documents());
                wanted.addAll(StreamviTopology.mixturesTopics(config));
            }
            for (String t : wanted) {
                if (!existing.contains(t)) {
                    missing.add(new NewTopic(t, config.topics().partitions(), config.topics().replicationFactor()));
                }
            }
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get();
                    LOG.info("created topics {}", missing.stream().map(NewTopic::name).toList());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topics on " + config.bootstrapServers() + ": " + e.getCause(), e);
        }
    }

    public AppConfig config() {
        return config;
    }

    public KafkaStreams streams() {
        return streams;
    }

    public void start() {
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread failed; shutting the client down", e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
    }

    /** Waits until the app is RUNNING, or throws after {@code timeout}. */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (streams.state() == KafkaStreams.State.ERROR || streams.state() == KafkaStreams.State.NOT_RUNNING
                    || System.nanoTime() > deadline) {
                throw new IllegalStateException("app did not reach RUNNING (state " + streams.state() + ")");
            }
            Thread.sleep(50);
        }
    }

    /**
     * Closes cleanly (commits, flushes and closes the stores) and leaves the consumer group, so
     * that the partitions move to other instances at once instead of after a session timeout.
     *
     * @return true when everything closed within {@code timeout}
     */
    public boolean shutdown(Duration timeout) {
        return streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(timeout));
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(30));
    }
}
