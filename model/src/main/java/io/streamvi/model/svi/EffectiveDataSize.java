package io.streamvi.model.svi;

import io.streamvi.model.InvalidParameterException;

/**
 * N, the number of observations the posterior speaks for. In the SVI update
 * λ̂ = η + (N / S) Σ_{i∈B} t(x_i) a minibatch of S observations stands in for N of them, so N sets
 * how concentrated the posterior is and how much the prior still matters.
 *
 * <ul>
 *   <li>{@link Fixed}: the stream is a sample from a population of known size N (Hoffman et al.'s
 *       corpus size D). The posterior never gets narrower than N observations allow, however long
 *       the stream runs: the choice for a stationary process when you want a bounded confidence.
 *   <li>{@link Seen}: N is the number of observations seen so far, including the minibatch being
 *       applied. The posterior keeps concentrating as data arrive, as exact Bayes would.
 *   <li>{@link HalfLife}: N is a discounted count in which each observation's weight halves after
 *       {@code h} further observations, N_t = 2^(−S/h) N_{t−1} + S, which settles near
 *       h / ln 2. The posterior speaks for roughly the last h/ln 2 observations: use it, with a
 *       step-size floor, for streams that drift. In exact mode the same factor discounts the
 *       accumulated statistics (exponential forgetting, a power prior).
 * </ul>
 */
public sealed interface EffectiveDataSize {

    /**
     * The effective data size after a minibatch of {@code batchSize} observations, given the
     * value before it and the number of observations seen before it.
     */
    double next(double previous, long seenBefore, int batchSize);

    /**
     * The factor γ ∈ (0, 1] by which statistics are discounted over {@code batchSize} later
     * observations (1 = no forgetting); exact and CAVI modes apply it per observation
     * ({@link Forgetting}).
     */
    default double discount(int batchSize) {
        return 1.0;
    }

    /** A fixed N. */
    record Fixed(double n) implements EffectiveDataSize {
        public Fixed {
            InvalidParameterException.requirePositive("n", n);
        }

        @Override
        public double next(double previous, long seenBefore, int batchSize) {
            return n;
        }
    }

    /** N = observations seen so far, this minibatch included. */
    record Seen() implements EffectiveDataSize {
        @Override
        public double next(double previous, long seenBefore, int batchSize) {
            return (double) seenBefore + batchSize;
        }
    }

    /** Exponential forgetting with a half-life of {@code observations}. */
    record HalfLife(double observations) implements EffectiveDataSize {
        public HalfLife {
            InvalidParameterException.requirePositive("observations", observations);
        }

        @Override
        public double discount(int batchSize) {
            return Math.pow(2.0, -batchSize / observations);
        }

        @Override
        public double next(double previous, long seenBefore, int batchSize) {
            return discount(batchSize) * previous + batchSize;
        }
    }
}
