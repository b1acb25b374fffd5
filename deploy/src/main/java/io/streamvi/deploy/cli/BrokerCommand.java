package io.streamvi.deploy.cli;

import io.streamvi.deploy.broker.EmbeddedKafka;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "broker", description = "Run a real single-node Kafka broker (KRaft) in this process, for local work.")
final class BrokerCommand implements Callable<Integer> {

    @Option(names = "--port", description = "Client port (default ${DEFAULT-VALUE}); the controller uses port+1.", defaultValue = "9092")
    int port;

    @Option(names = "--dir", description = "Log directory, kept across restarts (default ${DEFAULT-VALUE}).",
            defaultValue = "run/broker")
    Path dir;

    @Override
    public Integer call() throws Exception {
        EmbeddedKafka broker = EmbeddedKafka.start(dir, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "broker-shutdown"));
        System.err.println("streamvi: broker ready at " + broker.bootstrapServers() + " (Ctrl-C to stop)");
        System.out.println(broker.bootstrapServers());
        stopped.await();
        return 0;
    }
}
