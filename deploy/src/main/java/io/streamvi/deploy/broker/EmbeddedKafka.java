package io.streamvi.deploy.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller), started in-process
 * from the Kafka jars on Maven Central: for the demo, local work and integration tests. It binds
 * to 127.0.0.1 only.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final KafkaRaftServer server;
    private final int port;
    private final Path dir;

    private EmbeddedKafka(KafkaRaftServer server, int port, Path dir) {
        this.server = server;
        this.port = port;
        this.dir = dir;
    }

    /**
     * Formats {@code dir} (unless it already holds a formatted log) and starts the broker.
     *
     * @param dir where the log lives; reused across restarts
     * @param port the client port, or 0 for a free one
     */
    public static EmbeddedKafka start(Path dir, int port) {
        try {
            Files.createDirectories(dir);
            int clientPort = port == 0 ? freePort() : port;
            // a fixed port keeps the controller's address stable when a directory is reused
            int controllerPort = port == 0 ? freePort() : port + 1;
            Path logs = dir.resolve("logs");
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("log.dirs", logs.toString());
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "1");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("transaction.state.log.num.partitions", "1");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("num.partitions", "1");
            props.put("auto.create.topics.enable", "false");
            // Records carry their event times, and replayed or sample streams are often older
            // than the default 7-day retention: the broker's retention check (30 s after start,
            // then every 5 minutes) would delete them, input included, mid-run. A local broker
            // retains by size only (1 GiB per partition).
            props.put("log.retention.ms", "-1");
            props.put("log.retention.bytes", Long.toString(1L << 30));
            Path file = dir.resolve("server.properties");
            try (var out = Files.newBufferedWriter(file)) {
                props.store(out, "streamvi embedded broker");
            }
            if (!Files.exists(logs.resolve("meta.properties"))) {
                Files.createDirectories(logs.getParent());
                ByteArrayOutputStream msg = new ByteArrayOutputStream();
                int rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
                        file.toString()}, new PrintStream(msg, true, StandardCharsets.UTF_8));
                if (rc != 0) {
                    throw new IllegalStateException("formatting " + logs + " failed: " + msg.toString(StandardCharsets.UTF_8));
                }
            }
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
            server.startup();
            LOG.info("Kafka broker listening on 127.0.0.1:{} (log in {})", clientPort, logs);
            return new EmbeddedKafka(server, clientPort, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }
}
