package io.streamvi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamvi.deploy.cli.StreamviCli;
import io.streamvi.deploy.client.SnapshotSubscriber;
import io.streamvi.topology.StreamviApp;
import io.streamvi.topology.config.AppConfig;
import io.streamvi.topology.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The `streamvi` commands as a user types them, against the shared real broker. */
@ExtendWith(KafkaBroker.class)
class CliTest {

    @TempDir
    Path tmp;

    private Path writeConfig(String name, String kappa) throws IOException {
        Path file = tmp.resolve(name + ".yaml");
        Files.writeString(file, """
                application:
                  id: %1$s
                  bootstrapServers: %2$s
                  punctuateIntervalMs: 200
                topics:
                  observations: %1$s.observations
                  snapshots: %1$s.snapshots
                  deadLetters: %1$s.dead-letters
                kafka:
                  state.dir: %3$s
                  commit.interval.ms: 200
                models:
                  conversion:
                    type: beta-bernoulli
                    mode: svi
                    schedule: {tau0: 1, kappa: %4$s}
                    batch: {size: 1}
                    emit: {everyUpdates: 1}
                """.formatted(name, KafkaBroker.bootstrapServers(), tmp.resolve("state-" + name), kappa));
        return file;
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run execute(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = StreamviCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int rc = cl.execute(args);
        return new Run(rc, out.toString(), err.toString());
    }

    @Test
    void produceReportsBadLinesAndSubscribePrintsSnapshots() throws Exception {
        Path config = writeConfig("cli-ps", "0.7");
        AppConfig cfg = ConfigLoader.load(config);
        StreamviApp.ensureTopics(cfg, Duration.ofSeconds(30));
        Path events = tmp.resolve("events.jsonl");
        Files.write(events, List.of(
                "{\"model\":\"conversion\",\"key\":\"A\",\"eventTime\":1000,\"payload\":{\"BinaryOutcome\":{\"success\":true}}}",
                "{\"model\":\"conversion\",\"key\":\"A\",\"eventTime\":\"soon\",\"payload\":{\"BinaryOutcome\":{\"success\":true}}}",
                "{\"model\":\"conversion\",\"key\":\"A\",\"eventTime\":2000,\"payload\":{\"BinaryOutcome\":{\"success\":false}}}",
                "",
                "{\"model\":\"conversion\",\"key\":\"B\",\"eventTime\":3000,\"payload\":{\"BinaryOutcome\":{\"success\":true}}}"));
        try (StreamviApp app = new StreamviApp(cfg)) {
            app.start();
            app.awaitRunning(Duration.ofSeconds(60));
            Run produced = execute("produce", "--config", config.toString(), "--input", events.toString());
            assertEquals(1, produced.exitCode(), produced.err());
            assertTrue(produced.err().contains("line 2: eventTime: expected an integer"), produced.err());
            assertTrue(produced.err().contains("sent 3 events"), produced.err());

            Run subscribed = execute("subscribe", "--config", config.toString(), "--model", "conversion", "--key", "A",
                    "--from-beginning", "--max", "2");
            assertEquals(0, subscribed.exitCode(), subscribed.err());
            List<String> lines = subscribed.out().lines().toList();
            assertEquals(2, lines.size(), subscribed.out());
            JsonNode last = new ObjectMapper().readTree(lines.get(1));
            assertEquals("A", last.get("key").asText());
            assertEquals(2, last.get("observationsSeen").asLong());
            assertEquals(2, last.get("step").asLong());
        }
    }

    @Test
    void aBadConfigurationFailsAtStartUpNamingTheField() throws Exception {
        Path config = writeConfig("cli-bad", "0.3");
        Run run = execute("run", "--config", config.toString());
        assertEquals(StreamviCli.EXIT_CONFIG, run.exitCode());
        assertTrue(run.err().contains("models.conversion.schedule.kappa: must be in (0.5, 1] (was 0.3)"), run.err());
    }

    /** `streamvi run` in its own JVM: it works, and SIGTERM closes it cleanly. */
    @Test
    void runShutsDownCleanlyOnSigterm() throws Exception {
        Path config = writeConfig("cli-run", "0.7");
        AppConfig cfg = ConfigLoader.load(config);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = tmp.resolve("run.stderr");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                StreamviCli.class.getName(), "run", "--config", config.toString())
                .redirectError(log.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(log).contains("streamvi: running") && System.nanoTime() < deadline) {
                assertTrue(process.isAlive(), "run exited early: " + Files.readString(log));
                Thread.sleep(100);
            }
            Path events = tmp.resolve("run-events.jsonl");
            Files.write(events, List.of(
                    "{\"model\":\"conversion\",\"key\":\"Z\",\"eventTime\":1000,\"payload\":{\"BinaryOutcome\":{\"success\":true}}}"));
            assertEquals(0, execute("produce", "--config", config.toString(), "--input", events.toString()).exitCode());
            try (SnapshotSubscriber sub = new SnapshotSubscriber(KafkaBroker.bootstrapServers(), cfg.topics().snapshots(), true)) {
                assertEquals(1, sub.run(s -> s.getKey().equals("Z"), 1, Duration.ofSeconds(60), s -> { }),
                        "the separate app published a snapshot");
            }
        } finally {
            process.destroy(); // SIGTERM
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "exited after SIGTERM");
        String stderr = Files.readString(log);
        assertTrue(stderr.contains("streamvi: shutting down"), stderr);
        assertTrue(stderr.contains("streamvi: stopped cleanly"), "Kafka Streams closed within the timeout: " + stderr);
        assertTrue(!stderr.contains("ERROR"), stderr);
    }
}
