package io.streamvi.model.lda;

import java.util.function.BiConsumer;

/**
 * The topic-word parameters of online LDA stored row-wise: one row of K values per word id, so an
 * update reads and writes only the rows of the words in its minibatch. The rows hold the lazily
 * scaled μ̃_w of {@link LdaGlobals} (λ_wk = η + c·μ̃_wk); a word without a row still has its
 * initial value, which {@link OnlineLda} derives from the model seed.
 *
 * <p>Implementations own no maths: {@link InMemoryTopicWordRows} for tests, a persistent store for
 * deployment.
 */
public interface TopicWordRows {

    /** The row of {@code wordId} (K values), or null when none is stored. Callers may not modify it. */
    double[] get(int wordId);

    /** Stores {@code row} as the row of {@code wordId}, replacing any previous one. */
    void put(int wordId, double[] row);

    /**
     * Calls {@code action} once per stored row, for the rare full passes (renormalisation, top words,
     * held-out bounds). The action may {@link #put} the row of the word it was given, and no other.
     */
    void forEach(BiConsumer<Integer, double[]> action);
}
