package io.streamvi.model.lda;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamvi.model.observation.Document;
import io.streamvi.model.schedule.RobbinsMonroSchedule;
import io.streamvi.model.svi.EffectiveDataSize;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * On held-out documents from the same known LDA as the training corpus (K = 4, V = 100, 1000
 * training and 200 held-out documents of 50 tokens), completion perplexity falls over training and
 * ends below the unigram baseline; the per-word bound is finite and rises. Observed: completion
 * perplexity 100.0 before training, 59.3, 59.0, 59.0 after passes 1 to 3, unigram baseline 100.1;
 * per-word bound −5.27 before, −4.15, −4.14, −4.14 after.
 */
class HeldOutMetricsTest {

    @Test
    void heldOutScoresImproveOverTraining() {
        LdaTestCorpus train = new LdaTestCorpus(4, 100, 1000, 50, 0.2, 31L);
        LdaTestCorpus test = new LdaTestCorpus(4, 100, 200, 50, 0.2, 32L);
        List<Document> docs = train.documents();
        List<Document> heldOutBags = test.documents();
        OnlineLda lda = new OnlineLda(4, 100, 0.25, 0.05, RobbinsMonroSchedule.of(1.0, 0.6),
                new EffectiveDataSize.Fixed(1000), 100, 1e-3);
        InMemoryTopicWordRows rows = new InMemoryTopicWordRows();
        LdaGlobals globals = lda.initialGlobals(3L);

        double[] completion = new double[4];
        double[] bound = new double[4];
        completion[0] = LdaEvaluation.completionPerplexity(lda, rows, globals, test.tokens, 1L).perplexity();
        bound[0] = LdaEvaluation.perWordBound(lda, rows, globals, heldOutBags, 1000, 1L);
        for (int pass = 1; pass <= 3; pass++) {
            for (int from = 0; from < docs.size(); from += 50) {
                globals = lda.update(rows, globals, docs.subList(from, from + 50), 17L).globals();
            }
            completion[pass] = LdaEvaluation.completionPerplexity(lda, rows, globals, test.tokens, 1L).perplexity();
            bound[pass] = LdaEvaluation.perWordBound(lda, rows, globals, heldOutBags, 1L);
        }
        double unigram = unigramPerplexity(train.tokens, test.tokens, 100);
        String report = String.format(
                "completion perplexity by pass %.3f %.3f %.3f %.3f; unigram %.3f; per-word bound %.4f %.4f %.4f %.4f",
                completion[0], completion[1], completion[2], completion[3], unigram, bound[0], bound[1], bound[2],
                bound[3]);
        System.out.println(report);
        for (int pass = 0; pass < 4; pass++) {
            assertTrue(Double.isFinite(bound[pass]) && Double.isFinite(completion[pass]), report);
        }
        assertTrue(completion[3] < completion[0], report);
        assertTrue(completion[3] <= completion[1] * 1.01, report);
        assertTrue(completion[3] < 0.9 * unigram, report);
        assertTrue(bound[3] > bound[0], report);
        assertTrue(bound[3] >= bound[1] - 0.01, report);
    }

    /**
     * The perplexity of the odd-position tokens under the training corpus's word frequencies with
     * add-one smoothing.
     */
    static double unigramPerplexity(List<int[]> train, List<int[]> test, int v) {
        double[] counts = new double[v];
        double total = v;
        java.util.Arrays.fill(counts, 1.0);
        for (int[] doc : train) {
            for (int w : doc) {
                counts[w]++;
                total++;
            }
        }
        double log = 0;
        long n = 0;
        for (int[] doc : test) {
            for (int i = 1; i < doc.length; i += 2) {
                log += Math.log(counts[doc[i]] / total);
                n++;
            }
        }
        return Math.exp(-log / n);
    }
}
