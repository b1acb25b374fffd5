package io.streamvi.topology.config;

import java.util.Map;

/**
 * The whole configuration of a streamvi app.
 *
 * @param applicationId Kafka Streams application id (consumer group, prefix of internal topics)
 * @param bootstrapServers Kafka bootstrap servers
 * @param punctuateIntervalMs how often minibatch and emit deadlines are checked
 * @param topics the app's topics
 * @param kafka further Kafka Streams / client properties, passed through unchanged
 * @param models the models by name, in file order
 */
public record AppConfig(String applicationId, String bootstrapServers, long punctuateIntervalMs, Topics topics,
        Map<String, String> kafka, Map<String, ModelConfig> models) {

    public AppConfig {
        kafka = Map.copyOf(kafka);
        models = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(models));
    }

    /** A copy with another bootstrap address (the embedded broker picks its port at start). */
    public AppConfig withBootstrapServers(String servers) {
        return new AppConfig(applicationId, servers, punctuateIntervalMs, topics, kafka, models);
    }

    /** A copy with one more Kafka property. */
    public AppConfig withKafkaProperty(String name, String value) {
        Map<String, String> k = new java.util.HashMap<>(kafka);
        k.put(name, value);
        return new AppConfig(applicationId, bootstrapServers, punctuateIntervalMs, topics, k, models);
    }
}
