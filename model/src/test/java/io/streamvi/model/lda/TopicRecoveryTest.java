package io.streamvi.model.lda;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamvi.model.observation.Document;
import io.streamvi.model.schedule.RobbinsMonroSchedule;
import io.streamvi.model.svi.EffectiveDataSize;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Online LDA recovers the topics of a corpus drawn from a known LDA: K = 4, V = 100, 2000
 * documents of 50 tokens, θ_d ~ Dirichlet(0.2), topics as in {@link LdaTestCorpus} (pairwise total
 * variation 0.867). After 3 passes in minibatches of 100 (60 steps, ρ_t = (1 + t)^−0.6, D = 2000),
 * the best one-to-one matching of learned to true topics (all 24 permutations tried) has every
 * total-variation distance between φ_k = λ_k / Σ_w λ_wk and its true topic below 0.05 (0.025 to
 * 0.030 observed).
 */
class TopicRecoveryTest {

    static final double MARGIN = 0.05;

    @Test
    void everyTrueTopicIsMatchedByALearnedTopic() {
        LdaTestCorpus corpus = new LdaTestCorpus(4, 100, 2000, 50, 0.2, 2024L);
        List<Document> docs = corpus.documents();
        OnlineLda lda = new OnlineLda(4, 100, 0.25, 0.05, RobbinsMonroSchedule.of(1.0, 0.6),
                new EffectiveDataSize.Fixed(2000), 100, 1e-3);
        InMemoryTopicWordRows rows = new InMemoryTopicWordRows();
        LdaGlobals globals = lda.initialGlobals(7L);
        for (int pass = 0; pass < 3; pass++) {
            for (int from = 0; from < docs.size(); from += 100) {
                globals = lda.update(rows, globals, docs.subList(from, from + 100), 99L).globals();
            }
        }
        double[][] learned = topicWord(lda, rows, globals);
        double[][] tv = new double[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                tv[i][j] = totalVariation(corpus.beta[i], learned[j]);
            }
        }
        int[] match = bestMatching(tv);
        StringBuilder report = new StringBuilder();
        double worst = 0;
        for (int i = 0; i < 4; i++) {
            worst = Math.max(worst, tv[i][match[i]]);
            report.append(String.format("true %d -> learned %d: TV %.4f%n", i, match[i], tv[i][match[i]]));
        }
        System.out.print(report);
        assertTrue(worst < MARGIN, report.toString());
    }

    /** φ_kw = λ_wk / Σ_v λ_vk, K × V. */
    static double[][] topicWord(OnlineLda lda, TopicWordRows rows, LdaGlobals globals) {
        double[] totals = globals.lambdaTotals(lda.vocabularySize(), lda.eta());
        double[][] phi = new double[lda.topics()][lda.vocabularySize()];
        for (int w = 0; w < lda.vocabularySize(); w++) {
            double[] lambda = lda.lambda(rows, globals, w);
            for (int k = 0; k < lda.topics(); k++) {
                phi[k][w] = lambda[k] / totals[k];
            }
        }
        return phi;
    }

    static double totalVariation(double[] p, double[] q) {
        double acc = 0;
        for (int i = 0; i < p.length; i++) {
            acc += Math.abs(p[i] - q[i]);
        }
        return acc / 2;
    }

    /** The permutation π minimising Σ_i cost[i][π(i)], by trying them all (K is small). */
    static int[] bestMatching(double[][] cost) {
        int k = cost.length;
        int[] best = new int[k];
        double[] bestCost = {Double.POSITIVE_INFINITY};
        permute(new int[k], new boolean[k], 0, cost, best, bestCost);
        return best;
    }

    private static void permute(int[] current, boolean[] used, int i, double[][] cost, int[] best, double[] bestCost) {
        if (i == current.length) {
            double c = 0;
            for (int j = 0; j < current.length; j++) {
                c += cost[j][current[j]];
            }
            if (c < bestCost[0]) {
                bestCost[0] = c;
                System.arraycopy(current, 0, best, 0, current.length);
            }
            return;
        }
        for (int j = 0; j < current.length; j++) {
            if (!used[j]) {
                used[j] = true;
                current[i] = j;
                permute(current, used, i + 1, cost, best, bestCost);
                used[j] = false;
            }
        }
    }
}
