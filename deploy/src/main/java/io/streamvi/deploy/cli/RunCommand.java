package io.streamvi.deploy.cli;

import io.streamvi.topology.StreamviApp;
import io.streamvi.topology.config.AppConfig;
import io.streamvi.topology.config.ConfigLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", description = "Run the app against a Kafka cluster until SIGTERM / Ctrl-C.")
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, description = "The configuration file (YAML).")
    Path config;

    @Option(names = "--no-create-topics", description = "Do not create missing topics (observations, snapshots, dead letters; with lda models the documents and mixtures topics).")
    boolean noCreateTopics;

    @Override
    public Integer call() throws Exception {
        AppConfig cfg = ConfigLoader.load(config);
        StreamviApp.streamsProperties(cfg); // fail on bad Kafka properties before touching the cluster
        if (!noCreateTopics) {
            StreamviApp.ensureTopics(cfg, Duration.ofSeconds(30));
        }
        StreamviApp app = new StreamviApp(cfg);
        CountDownLatch done = new CountDownLatch(1);
        app.streams().setStateListener((now, before) -> {
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                done.countDown();
            }
        });
        Thread hook = new Thread(() -> {
            spec.commandLine().getErr().println("streamvi: shutting down");
            boolean clean = app.shutdown(Duration.ofSeconds(45));
            spec.commandLine().getErr().println(clean ? "streamvi: stopped cleanly" : "streamvi: close timed out");
            done.countDown();
        }, "streamvi-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        app.start();
        spec.commandLine().getErr().println("streamvi: running " + cfg.modelNames() + " on " + cfg.bootstrapServers()
                + ", reading " + cfg.topics().observations() + ", writing " + cfg.topics().snapshots());
        done.await();
        return app.streams().state() == KafkaStreams.State.ERROR ? 1 : 0;
    }
}
