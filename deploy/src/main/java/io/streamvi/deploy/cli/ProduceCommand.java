package io.streamvi.deploy.cli;

import io.streamvi.deploy.client.EventFileProducer;
import io.streamvi.topology.config.AppConfig;
import io.streamvi.topology.config.ConfigLoader;
import java.io.BufferedReader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "produce", description = {"Produce observation events from a JSON-lines file to the observations topic.",
    "Bad lines are reported with their numbers and skipped; good lines are still sent. Exit code 1 if any line was bad."})
final class ProduceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, description = "The configuration file (bootstrap servers, topics).")
    Path config;

    @Option(names = "--input", required = true, description = "JSON-lines file of events, or - for standard input.")
    String input;

    @Override
    public Integer call() throws Exception {
        AppConfig cfg = ConfigLoader.load(config);
        try (BufferedReader in = Inputs.open(input)) {
            EventFileProducer.Report report = EventFileProducer.produce(cfg.bootstrapServers(), cfg.topics().observations(), in);
            report.errors().forEach(e -> spec.commandLine().getErr().println(input + ": " + e));
            spec.commandLine().getErr().println("streamvi: sent " + report.sent() + " events to " + cfg.topics().observations()
                    + (report.errors().isEmpty() ? "" : ", skipped " + report.errors().size() + " bad lines"));
            return report.errors().isEmpty() ? 0 : 1;
        }
    }
}
