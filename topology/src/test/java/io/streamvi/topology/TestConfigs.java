package io.streamvi.topology;

import io.streamvi.topology.config.AppConfig;
import io.streamvi.topology.config.ConfigLoader;

/** Configurations used by the topology tests. */
public final class TestConfigs {
    private TestConfigs() {
    }

    /** One Beta-Bernoulli model 'conversion' with the given mode, batch and emit settings. */
    public static AppConfig conversion(String mode, int batchSize, long maxDelayMs, long idleFlushMs,
            int everyUpdates, long everyMs) {
        return ConfigLoader.parse("""
                application:
                  id: test-app
                  bootstrapServers: localhost:9
                  punctuateIntervalMs: 100
                topics:
                  observations: obs
                  snapshots: snaps
                  deadLetters: dlq
                models:
                  conversion:
                    type: beta-bernoulli
                    mode: %s
                    prior: {alpha: 1.5, beta: 2.5}
                    schedule: {tau0: 1, kappa: 0.7}
                    batch: {size: %d, maxDelayMs: %d, idleFlushMs: %d}
                    emit: {everyUpdates: %d, everyMs: %d}
                """.formatted(mode, batchSize, maxDelayMs, idleFlushMs, everyUpdates, everyMs));
    }
}
