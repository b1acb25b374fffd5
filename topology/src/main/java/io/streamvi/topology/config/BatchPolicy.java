package io.streamvi.topology.config;

/**
 * When a key's minibatch is applied.
 *
 * @param size apply as soon as this many observations are pending
 * @param firstSize the size of a key's first minibatch (default: {@code size}); a larger first
 *     minibatch gives models that initialise from data (the Gaussian mixture's k-means++) more
 *     points to start from
 * @param maxDelayMs apply a partial minibatch once stream time (the largest record timestamp
 *     seen by the task) is this far past its first observation; 0 = never. Depends only on the
 *     input, so replays reproduce the same minibatches.
 * @param idleFlushMs apply a partial minibatch after this much wall-clock time without it being
 *     applied; 0 = never. Gets the last events of a stream that has gone quiet into the
 *     posterior, at the price of minibatch boundaries that depend on timing (exact mode is not
 *     affected: its posterior does not depend on the batching).
 */
public record BatchPolicy(int size, int firstSize, long maxDelayMs, long idleFlushMs) {

    /** The size at which a key's minibatch is applied, given how many steps it has taken. */
    public int sizeAt(long step) {
        return step == 0 ? firstSize : size;
    }
}
