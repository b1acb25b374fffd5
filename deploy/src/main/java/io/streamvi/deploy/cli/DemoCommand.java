package io.streamvi.deploy.cli;

import io.streamvi.deploy.demo.Demo;
import io.streamvi.serde.SnapshotJson;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", description = {
    "Start an embedded Kafka broker and the app, feed it a built-in A/B/C/D test stream, and print each posterior",
    "snapshot as one JSON line on stdout as it arrives. Logs and a periodic summary go to stderr."})
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--seconds", description = "Stop by itself after this many seconds (default: run until Ctrl-C).")
    Integer seconds;

    @Option(names = "--rate", description = "Visitors per second (default ${DEFAULT-VALUE}).", defaultValue = "400")
    int rate;

    @Override
    public Integer call() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                closed.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Demo demo = Demo.start(rate, s -> System.out.println(SnapshotJson.write(s)));
        try {
            long deadline = seconds == null ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long nextSummary = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline) {
                long wait = Math.min(deadline, nextSummary) - System.nanoTime();
                if (stop.await(Math.max(0, wait), TimeUnit.NANOSECONDS)) {
                    break;
                }
                if (System.nanoTime() >= nextSummary) {
                    System.err.print("streamvi demo: newest posteriors\n" + demo.summary());
                    nextSummary += TimeUnit.SECONDS.toNanos(5);
                }
            }
        } finally {
            System.err.println("streamvi demo: stopping");
            demo.close();
            System.out.flush();
            closed.countDown();
        }
        if (stop.getCount() > 0) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down
            }
        }
        return 0;
    }
}
