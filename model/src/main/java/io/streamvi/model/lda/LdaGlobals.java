package io.streamvi.model.lda;

import io.streamvi.model.InvalidParameterException;

/**
 * The O(K) scalars kept with the topic-word rows of online LDA.
 *
 * <p>Lazy decay (a scaled representation of λ): λ_wk = η + c·μ̃_wk. The natural-gradient step
 * λ ← (1 − ρ_t)λ + ρ_t(η + (D/S) s) (Hoffman et al. 2010, Algorithm 2) multiplies every λ_wk − η
 * by (1 − ρ_t); it is applied to all rows at once as c ← (1 − ρ_t)c, and only the rows of the
 * minibatch's words get μ̃_wk += ρ_t (D/S) s_wk / c. The per-topic totals T̃_k = Σ_w μ̃_wk are
 * kept incrementally, so Σ_w λ_wk = Vη + c·T̃_k without a scan.
 *
 * <p>A word whose row was never stored has μ̃_w = u·(g_w − η), where g_w is its initial draw
 * ({@link OnlineLda#initialGlobals}) and u the untouched scale: u stays 1 until a renormalisation
 * folds c into the stored rows, when it takes the factor the absent rows would have received.
 *
 * @param step t, the number of updates applied
 * @param documentsSeen documents in those updates
 * @param corpusSize D used by the last update (the effective corpus size; 0 before any)
 * @param scale the lazy scale factor c &gt; 0
 * @param untouchedScale u ≥ 0, the factor of the initial value of words without a stored row
 * @param rowSeed the seed of the initial draws g_w
 * @param topicTotals T̃_k = Σ_w μ̃_wk over all V words, stored or not
 */
public record LdaGlobals(long step, long documentsSeen, double corpusSize, double scale, double untouchedScale,
        long rowSeed, double[] topicTotals) {

    public LdaGlobals {
        if (step < 0) {
            throw new InvalidParameterException("step", step, "must be >= 0");
        }
        if (documentsSeen < 0) {
            throw new InvalidParameterException("documentsSeen", documentsSeen, "must be >= 0");
        }
        InvalidParameterException.requireNonNegative("corpusSize", corpusSize);
        InvalidParameterException.requirePositive("scale", scale);
        InvalidParameterException.requireNonNegative("untouchedScale", untouchedScale);
        topicTotals = topicTotals.clone();
        for (int k = 0; k < topicTotals.length; k++) {
            if (!Double.isFinite(topicTotals[k])) {
                throw new InvalidParameterException("topicTotals[" + k + "]", topicTotals[k], "must be finite");
            }
        }
    }

    @Override
    public double[] topicTotals() {
        return topicTotals.clone();
    }

    /** K, the number of topics. */
    public int topics() {
        return topicTotals.length;
    }

    /** Σ_w λ_wk = Vη + c·T̃_k for each topic k. */
    public double[] lambdaTotals(int vocabularySize, double eta) {
        double[] out = new double[topicTotals.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = vocabularySize * eta + scale * topicTotals[k];
        }
        return out;
    }
}
