package io.streamvi.deploy.cli;

import io.streamvi.serde.SnapshotJson;
import io.streamvi.topology.config.AppConfig;
import io.streamvi.topology.config.ConfigLoader;
import io.streamvi.topology.offline.OfflineFit;
import java.io.BufferedReader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "fit", description = {
    "Run the configuration's models over a JSON-lines file of events, in order, without Kafka, and print the final",
    "snapshot of every key as JSON lines (the format of `subscribe`). Refused lines go to stderr; exit 1 if any."})
final class FitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, description = "The configuration file (only its models are used).")
    Path config;

    @Option(names = "--input", required = true, description = "JSON-lines file of events, or - for standard input.")
    String input;

    @Override
    public Integer call() throws Exception {
        AppConfig cfg = ConfigLoader.load(config);
        try (BufferedReader in = Inputs.open(input)) {
            OfflineFit.Result r = OfflineFit.fit(cfg, in);
            r.snapshots().forEach(s -> spec.commandLine().getOut().println(SnapshotJson.write(s)));
            spec.commandLine().getOut().flush();
            r.refused().forEach(line -> spec.commandLine().getErr().println(input + ": " + line));
            spec.commandLine().getErr().println("streamvi: fitted " + r.applied() + " events into "
                    + r.snapshots().size() + " posteriors" + (r.refused().isEmpty() ? "" : ", refused " + r.refused().size()));
            return r.refused().isEmpty() ? 0 : 1;
        }
    }
}
