package io.streamvi.deploy.demo;

import io.streamvi.avro.ObservationEvent;
import io.streamvi.avro.PosteriorSnapshot;
import io.streamvi.deploy.broker.EmbeddedKafka;
import io.streamvi.deploy.client.EventFileProducer;
import io.streamvi.deploy.client.SnapshotSubscriber;
import io.streamvi.serde.AvroCodec;
import io.streamvi.topology.StreamviApp;
import io.streamvi.topology.config.AppConfig;
import io.streamvi.topology.config.ConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code streamvi demo}: an embedded broker, the app with the built-in configuration
 * ({@code demo.yaml}), the A/B/C/D visitor stream, and every snapshot handed to a sink as it
 * arrives. Everything lives in a temporary directory that is removed on close.
 */
public final class Demo implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);
    private static final String CONFIG_RESOURCE = "/io/streamvi/deploy/demo.yaml";

    private final Path workDir;
    private final EmbeddedKafka broker;
    private final StreamviApp app;
    private final SnapshotSubscriber subscriber;
    private final Thread producerThread;
    private final Thread subscriberThread;
    private final Map<String, PosteriorSnapshot> latest = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    private Demo(int eventsPerSecond, Consumer<PosteriorSnapshot> sink) throws IOException, InterruptedException {
        workDir = Files.createTempDirectory("streamvi-demo-");
        LOG.info("starting an embedded Kafka broker in {}", workDir);
        broker = EmbeddedKafka.start(workDir.resolve("broker"), 0);
        AppConfig config = builtInConfig().withBootstrapServers(broker.bootstrapServers())
                .withKafkaProperty(StreamsConfig.STATE_DIR_CONFIG, workDir.resolve("state").toString());
        StreamviApp.ensureTopics(config, Duration.ofSeconds(30));
        app = new StreamviApp(config);
        app.start();
        app.awaitRunning(Duration.ofSeconds(60));
        LOG.info("app running; models {}", config.models().keySet());

        subscriber = new SnapshotSubscriber(broker.bootstrapServers(), config.topics().snapshots(), true);
        subscriberThread = new Thread(() -> subscriber.run(s -> true, 0, null, s -> {
            latest.put(s.getModel() + "/" + s.getKey(), s);
            sink.accept(s);
        }), "demo-subscriber");
        subscriberThread.start();

        AbTestStream stream = new AbTestStream(config.models().keySet().stream().toList(), 2026);
        String topic = config.topics().observations();
        producerThread = new Thread(() -> produce(stream, topic, eventsPerSecond), "demo-producer");
        producerThread.start();
        LOG.info("producing about {} visitors/s to {}; true rates A={} B={} C={} D={}", eventsPerSecond, topic,
                AbTestStream.TRUE_RATES[0], AbTestStream.TRUE_RATES[1], AbTestStream.TRUE_RATES[2], AbTestStream.TRUE_RATES[3]);
    }

    /** Starts the whole demo; snapshots go to {@code sink} (called from one thread). */
    public static Demo start(int eventsPerSecond, Consumer<PosteriorSnapshot> sink) throws IOException, InterruptedException {
        return new Demo(eventsPerSecond, sink);
    }

    /** The configuration of the demo (from the class path). */
    public static AppConfig builtInConfig() {
        try (InputStream in = Demo.class.getResourceAsStream(CONFIG_RESOURCE)) {
            return ConfigLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void produce(AbTestStream stream, String topic, int eventsPerSecond) {
        AvroCodec<ObservationEvent> codec = AvroCodec.of(ObservationEvent.class);
        long pauseNanos = 1_000_000_000L / Math.max(1, eventsPerSecond);
        try (KafkaProducer<byte[], byte[]> producer = EventFileProducer.newProducer(broker.bootstrapServers())) {
            long next = System.nanoTime();
            while (running) {
                for (ObservationEvent e : stream.next(System.currentTimeMillis())) {
                    producer.send(EventFileProducer.record(topic, e, codec));
                }
                next += pauseNanos;
                long sleep = next - System.nanoTime();
                if (sleep > 0) {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (running) {
                LOG.error("demo producer stopped", e);
            }
        }
    }

    /** One line per posterior, for people: the newest snapshot of each (model, key). */
    public String summary() {
        StringBuilder b = new StringBuilder();
        for (PosteriorSnapshot s : new TreeMap<>(latest).values()) {
            var theta = s.getSummaries().get(0);
            int v = AbTestStream.VARIANTS.indexOf(s.getKey());
            b.append(String.format("  %-15s %s  n=%6d  mean=%.4f  95%% [%.4f, %.4f]  true=%.3f%n", s.getModel(), s.getKey(),
                    s.getObservationsSeen(), theta.getMean(), theta.getLower95(), theta.getUpper95(),
                    v < 0 ? Double.NaN : AbTestStream.TRUE_RATES[v]));
        }
        return b.toString();
    }

    @Override
    public void close() {
        running = false;
        join(producerThread);
        app.close();
        subscriber.stop();
        join(subscriberThread);
        subscriber.close();
        broker.close();
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", workDir, e.getMessage());
        }
    }

    private static void join(Thread t) {
        try {
            t.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
