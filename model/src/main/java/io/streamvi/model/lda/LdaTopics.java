package io.streamvi.model.lda;

import io.streamvi.model.InvalidParameterException;
import java.util.BitSet;
import java.util.PriorityQueue;

/**
 * What the topics of an online-LDA state say, for people: the heaviest words of each topic under
 * the posterior mean of β_k, E[β_kw] = λ_wk / Σ_v λ_vk (the Dirichlet mean). Reads every row once
 * (words without a stored row have their initial value, {@link OnlineLda#mu}); neither the rows nor
 * the globals are modified.
 */
public final class LdaTopics {

    private LdaTopics() {
    }

    /**
     * One topic's top words.
     *
     * @param index k
     * @param lambdaTotal Σ_v λ_vk over the whole vocabulary
     * @param wordIds the heaviest words, heaviest first; ties go to the smaller word id
     * @param weights E[β_kw] of those words
     */
    public record Topic(int index, double lambdaTotal, int[] wordIds, double[] weights) {
        public Topic {
            wordIds = wordIds.clone();
            weights = weights.clone();
        }

        @Override
        public int[] wordIds() {
            return wordIds.clone();
        }

        @Override
        public double[] weights() {
            return weights.clone();
        }
    }

    /** A candidate word of one topic: ordered lightest first, so that a min-heap drops the lightest. */
    private record Candidate(int wordId, double lambda) implements Comparable<Candidate> {
        @Override
        public int compareTo(Candidate o) {
            int c = Double.compare(lambda, o.lambda);
            return c != 0 ? c : Integer.compare(o.wordId, wordId);
        }
    }

    /**
     * The {@code count} heaviest words of every topic (fewer when V is smaller). The result does not
     * depend on the order in which {@code rows} lists its entries.
     */
    public static Topic[] top(OnlineLda model, TopicWordRows rows, LdaGlobals globals, int count) {
        model.checkTopics(globals);
        if (count < 1) {
            throw new InvalidParameterException("count", count, "must be >= 1");
        }
        int k = model.topics();
        int keep = Math.min(count, model.vocabularySize());
        @SuppressWarnings("unchecked")
        PriorityQueue<Candidate>[] heaps = new PriorityQueue[k];
        for (int j = 0; j < k; j++) {
            heaps[j] = new PriorityQueue<>(keep + 1);
        }
        double eta = model.eta();
        double c = globals.scale();
        BitSet stored = new BitSet(model.vocabularySize());
        rows.forEach((w, mu) -> {
            stored.set(w);
            for (int j = 0; j < k; j++) {
                offer(heaps[j], keep, new Candidate(w, eta + c * mu[j]));
            }
        });
        for (int w = stored.nextClearBit(0); w < model.vocabularySize(); w = stored.nextClearBit(w + 1)) {
            double[] lambda = model.lambda(rows, globals, w);
            for (int j = 0; j < k; j++) {
                offer(heaps[j], keep, new Candidate(w, lambda[j]));
            }
        }
        double[] totals = globals.lambdaTotals(model.vocabularySize(), eta);
        Topic[] out = new Topic[k];
        for (int j = 0; j < k; j++) {
            int n = heaps[j].size();
            int[] ids = new int[n];
            double[] weights = new double[n];
            for (int i = n - 1; i >= 0; i--) {
                Candidate top = heaps[j].poll();
                ids[i] = top.wordId();
                weights[i] = top.lambda() / totals[j];
            }
            out[j] = new Topic(j, totals[j], ids, weights);
        }
        return out;
    }

    private static void offer(PriorityQueue<Candidate> heap, int keep, Candidate c) {
        if (heap.size() < keep) {
            heap.add(c);
        } else if (c.compareTo(heap.peek()) > 0) {
            heap.poll();
            heap.add(c);
        }
    }
}
