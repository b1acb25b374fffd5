package io.streamvi.deploy.cli;

import io.streamvi.topology.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code streamvi}: the one launcher. Each subcommand is its own class. */
@Command(name = "streamvi", mixinStandardHelpOptions = true, version = "streamvi 0.1.0",
        description = "Bayesian posteriors kept up to date from Kafka streams by stochastic variational inference.",
        subcommands = {DemoCommand.class, RunCommand.class, BrokerCommand.class, ProduceCommand.class, FitCommand.class, EvaluateCommand.class, CalibrateCommand.class,
            SubscribeCommand.class, CommandLine.HelpCommand.class})
public final class StreamviCli {

    /** Exit code for a configuration that cannot be used. */
    public static final int EXIT_CONFIG = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with streamvi's error handling (configuration errors exit with {@value #EXIT_CONFIG}). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new StreamviCli());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException) {
                cmd.getErr().println("streamvi: configuration error: " + e.getMessage());
                return EXIT_CONFIG;
            }
            cmd.getErr().println("streamvi: " + e);
            return 1;
        });
        return cl;
    }
}
