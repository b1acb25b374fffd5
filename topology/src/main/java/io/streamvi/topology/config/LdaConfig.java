package io.streamvi.topology.config;

import io.streamvi.model.lda.OnlineLda;
import io.streamvi.topology.lda.HeldOutDocuments;
import io.streamvi.topology.lda.Vocabulary;

/**
 * One configured online-LDA model ({@code type: lda}): a global model, one topic-word posterior
 * for all documents sent to it.
 *
 * @param name the model name (the {@code model} field of events)
 * @param model K, V, the priors, the schedule, D and the local-step settings
 * @param seed seeds the initial λ rows and every step's starting γ
 * @param batch when a minibatch of documents is applied ({@code firstSize} is {@code size})
 * @param everyDocuments publish a snapshot after the step that brings the documents since the last
 *     one to at least this many
 * @param topWords words per topic in snapshots
 * @param vocabulary the words, for raw text and for the words in snapshots; null without a file
 * @param heldOut documents scored at every snapshot; null when none are configured
 * @param mixturesTopic where per-document topic proportions go; null for nowhere
 */
public record LdaConfig(String name, OnlineLda model, long seed, BatchPolicy batch, int everyDocuments, int topWords,
        Vocabulary vocabulary, HeldOutDocuments heldOut, String mixturesTopic) {

    /** The model type name in configuration files and snapshots. */
    public static final String TYPE = "lda";
}
