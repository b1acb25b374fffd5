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
 * @param models the per-key models by name, in file order
 * @param ldaModels the online-LDA models ({@code type: lda}, one global posterior each) by name, in file order
 */
public record AppConfig(String applicationId, String bootstrapServers, long punctuateIntervalMs, Topics topics,
        Map<String, String> kafka, Map<String, ModelConfig> models, Map<String, LdaConfig> ldaModels) {

    public AppConfig {
        kafka = Map.copyOf(kafka);
        models = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(models));
        ldaModels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ldaModels));
    }

    /** A configuration without online-LDA models. */
    public AppConfig(String applicationId, String bootstrapServers, long punctuateIntervalMs, Topics topics,
            Map<String, String> kafka, Map<String, ModelConfig> models) {
        this(applicationId, bootstrapServers, punctuateIntervalMs, topics, kafka, models, Map.of());
    }

    /** The names of all configured models, per-key and online-LDA, in file order within each kind. */
    public java.util.Set<String> modelNames() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>(models.keySet());
        names.addAll(ldaModels.keySet());
        return names;
    }

    /** A copy with another bootstrap address (the embedded broker picks its port at start). */
    public AppConfig withBootstrapServers(String servers) {
        return new AppConfig(applicationId, servers, punctuateIntervalMs, topics, kafka, models, ldaModels);
    }

    /** A copy with one more Kafka property. */
    public AppConfig withKafkaProperty(String name, String value) {
        Map<String, String> k = new java.util.HashMap<>(kafka);
        k.put(name, value);
        return new AppConfig(applicationId, bootstrapServers, punctuateIntervalMs, topics, k, models, ldaModels);
    }
}
