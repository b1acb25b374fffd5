package io.streamvi.it;

import io.streamvi.deploy.broker.EmbeddedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real KRaft broker for the whole integration-test run (started on first use, stopped when
 * the JUnit run ends): broker start-up costs ~5 s, so tests share it and use their own topics.
 */
public final class KafkaBroker implements BeforeAllCallback {

    private static EmbeddedKafka broker;

    @Override
    public void beforeAll(ExtensionContext context) {
        bootstrapServers(context);
    }

    static synchronized String bootstrapServers(ExtensionContext context) {
        if (broker == null) {
            try {
                broker = EmbeddedKafka.start(Files.createTempDirectory("streamvi-it-broker-"), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // closed by JUnit when the whole run ends (store values that are AutoCloseable are closed)
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put("streamvi-broker", broker);
        }
        return broker.bootstrapServers();
    }

    static synchronized String bootstrapServers() {
        if (broker == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(KafkaBroker.class)");
        }
        return broker.bootstrapServers();
    }
}
