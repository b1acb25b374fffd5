package io.streamvi.topology.config;

/**
 * The app's topics.
 *
 * @param observations input: {@code ObservationEvent}s keyed by entity key
 * @param snapshots output: {@code PosteriorSnapshot}s keyed by {@code model/key}
 * @param deadLetters output: the original bytes of records that could not be used, reason in headers
 * @param partitions partitions used when streamvi creates the topics
 * @param replicationFactor replication used when streamvi creates the topics
 */
public record Topics(String observations, String snapshots, String deadLetters, int partitions, short replicationFactor) {
}
