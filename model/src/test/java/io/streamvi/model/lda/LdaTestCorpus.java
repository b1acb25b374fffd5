package io.streamvi.model.lda;

import io.streamvi.model.observation.Document;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.random.RandomGenerator;
import org.hipparchus.random.Well19937c;

/**
 * Synthetic corpora drawn from a known LDA with a fixed seed. Topic k puts 90% of its mass evenly
 * on its own block of V/K consecutive word ids and 10% evenly on the other words, so the topics
 * are far apart (total variation 0.9 − 0.1/(K − 1) between any two). Public for the topology and
 * end-to-end tests of the app's LDA.
 */
public final class LdaTestCorpus {

    public final int topics;
    public final int vocabularySize;
    /** The true topics, K × V. */
    public final double[][] beta;
    /** The documents as token sequences, in order. */
    public final List<int[]> tokens = new ArrayList<>();

    public LdaTestCorpus(int topics, int vocabularySize, int documents, int length, double alpha, long seed) {
        this.topics = topics;
        this.vocabularySize = vocabularySize;
        int block = vocabularySize / topics;
        beta = new double[topics][vocabularySize];
        for (int k = 0; k < topics; k++) {
            for (int w = 0; w < vocabularySize; w++) {
                boolean own = w / block == k;
                beta[k][w] = own ? 0.9 / block : 0.1 / (vocabularySize - block);
            }
        }
        RandomGenerator random = new Well19937c(seed);
        for (int d = 0; d < documents; d++) {
            double[] theta = dirichlet(random, alpha, topics);
            int[] doc = new int[length];
            for (int n = 0; n < length; n++) {
                doc[n] = categorical(random, beta[categorical(random, theta)]);
            }
            tokens.add(doc);
        }
    }

    /** The documents as bags of words, in order. */
    public List<Document> documents() {
        return tokens.stream().map(LdaEvaluation::bagOf).toList();
    }

    private static double[] dirichlet(RandomGenerator random, double alpha, int k) {
        org.hipparchus.distribution.continuous.GammaDistribution g =
                new org.hipparchus.distribution.continuous.GammaDistribution(alpha, 1.0);
        double[] out = new double[k];
        double sum = 0;
        for (int j = 0; j < k; j++) {
            out[j] = g.inverseCumulativeProbability(random.nextDouble());
            sum += out[j];
        }
        for (int j = 0; j < k; j++) {
            out[j] /= sum;
        }
        return out;
    }

    private static int categorical(RandomGenerator random, double[] p) {
        double u = random.nextDouble();
        double acc = 0;
        for (int i = 0; i < p.length; i++) {
            acc += p[i];
            if (u < acc) {
                return i;
            }
        }
        return p.length - 1;
    }
}
