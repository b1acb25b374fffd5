package io.streamvi.deploy.cli;

import io.streamvi.avro.PosteriorSnapshot;
import io.streamvi.deploy.client.SnapshotSubscriber;
import io.streamvi.serde.SnapshotJson;
import io.streamvi.topology.config.AppConfig;
import io.streamvi.topology.config.ConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "subscribe", description = "Print posterior snapshots as JSON lines (committed records only).")
final class SubscribeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, description = "The configuration file (bootstrap servers, topics).")
    Path config;

    @Option(names = "--model", description = "Only this model.")
    String model;

    @Option(names = "--key", description = "Only this entity key.")
    String key;

    @Option(names = "--from-beginning", description = "Start at the oldest snapshot instead of the newest.")
    boolean fromBeginning;

    @Option(names = "--max", description = "Stop after this many snapshots (default: run until Ctrl-C).", defaultValue = "0")
    long max;

    @Override
    public Integer call() throws Exception {
        AppConfig cfg = ConfigLoader.load(config);
        Predicate<PosteriorSnapshot> filter = s -> (model == null || model.equals(s.getModel()))
                && (key == null || key.equals(s.getKey()));
        try (SnapshotSubscriber sub = new SnapshotSubscriber(cfg.bootstrapServers(), cfg.topics().snapshots(), fromBeginning)) {
            CountDownLatch done = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                sub.stop();
                try {
                    done.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            try {
                sub.run(filter, max, null, s -> spec.commandLine().getOut().println(SnapshotJson.write(s)));
            } finally {
                spec.commandLine().getOut().flush();
                done.countDown();
            }
        }
        return 0;
    }
}
