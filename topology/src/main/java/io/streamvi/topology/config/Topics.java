package io.streamvi.topology.config;

/**
 * The app's topics.
 *
 * @param observations input: {@code ObservationEvent}s keyed by entity key
 * @param snapshots output: {@code PosteriorSnapshot}s keyed by {@code model/key}
 * @param deadLetters output: the original bytes of records that could not be used, reason in headers
 * @param partitions partitions used when streamvi creates the topics
 * @param replicationFactor replication used when streamvi creates the topics
 * @param documents the app's own topic that carries the documents of online-LDA models from the
 *     observations to the model's one task, keyed by model name (used only when an {@code lda} model
 *     is configured; default {@code <application.id>.lda-documents})
 */
public record Topics(String observations, String snapshots, String deadLetters, int partitions, short replicationFactor,
        String documents) {

    /** Appended to the application id to name the documents topic by default. */
    public static final String DOCUMENTS_SUFFIX = ".lda-documents";

    /** The topics without online LDA's documents topic (it is named {@code lda-documents}). */
    public Topics(String observations, String snapshots, String deadLetters, int partitions, short replicationFactor) {
        this(observations, snapshots, deadLetters, partitions, replicationFactor, "lda-documents");
    }
}
