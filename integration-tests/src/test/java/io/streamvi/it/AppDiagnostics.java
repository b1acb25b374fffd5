package io.streamvi.it;

import io.streamvi.topology.StreamviApp;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/** What a running app is doing when a test waits for it in vain: its state, its stream threads and their stacks. */
final class AppDiagnostics {

    private AppDiagnostics() {
    }

    static String describe(StreamviApp app) {
        StringBuilder out = new StringBuilder("app state: ");
        KafkaStreams streams = app.streams();
        out.append(streams.state());
        try {
            streams.metadataForLocalThreads().forEach(t -> out.append("\n  thread ").append(t.threadName()).append(": ")
                    .append(t.threadState()).append(", active tasks ").append(t.activeTasks()));
        } catch (RuntimeException e) {
            out.append("\n  thread metadata unavailable: ").append(e);
        }
        streams.metrics().forEach((name, metric) -> {
            if (name.name().equals("records-lag-max") || name.name().equals("process-total")
                    || name.name().equals("commit-total") || name.name().equals("last-poll-seconds-ago")) {
                out.append("\n  metric ").append(name.group()).append('/').append(name.name()).append(name.tags())
                        .append(" = ").append(metric.metricValue());
            }
        });
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            if (e.getKey().getName().contains("StreamThread")) {
                out.append("\n  stack of ").append(e.getKey().getName()).append(" (").append(e.getKey().getState()).append("):");
                for (StackTraceElement frame : e.getValue()) {
                    out.append("\n    at ").append(frame);
                }
            }
        }
        return out.toString();
    }
}
