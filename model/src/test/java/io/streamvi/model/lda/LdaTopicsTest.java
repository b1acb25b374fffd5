package io.streamvi.model.lda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamvi.model.observation.Document;
import io.streamvi.model.schedule.RobbinsMonroSchedule;
import io.streamvi.model.svi.EffectiveDataSize;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link LdaTopics#top} against a brute-force sort of every λ_wk (stored rows and initial draws
 * alike), and on the synthetic corpus of {@link LdaTestCorpus}: each learned topic's top words lie
 * in one true topic's block, and the K topics cover K different blocks.
 */
class LdaTopicsTest {

    private static OnlineLda model() {
        return new OnlineLda(4, 100, 0.25, 0.05, RobbinsMonroSchedule.of(1.0, 0.6), new EffectiveDataSize.Fixed(400),
                100, 1e-3);
    }

    @Test
    void topWordsEqualABruteForceSortOfLambda() {
        LdaTestCorpus corpus = new LdaTestCorpus(4, 100, 40, 30, 0.2, 11L);
        OnlineLda lda = model();
        InMemoryTopicWordRows rows = new InMemoryTopicWordRows();
        LdaGlobals g = lda.initialGlobals(3L);
        // two small minibatches: most words still have no stored row, so both kinds are ranked together
        List<Document> docs = corpus.documents();
        g = lda.update(rows, g, docs.subList(0, 2), 5L).globals();
        g = lda.update(rows, g, docs.subList(2, 4), 5L).globals();
        assertTrue(rows.size() < 100, "some words have no row yet: " + rows.size());
        LdaGlobals state = g;
        LdaTopics.Topic[] top = LdaTopics.top(lda, rows, state, 7);
        double[] totals = state.lambdaTotals(100, 0.05);
        for (int k = 0; k < 4; k++) {
            int topic = k;
            int[] expected = IntStream.range(0, 100).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(w -> -lda.lambda(rows, state, w)[topic])
                            .thenComparingInt(w -> w))
                    .limit(7).mapToInt(Integer::intValue).toArray();
            assertArrayEquals(expected, top[k].wordIds(), "topic " + k);
            for (int i = 0; i < 7; i++) {
                assertEquals(lda.lambda(rows, state, expected[i])[k] / totals[k], top[k].weights()[i], 0.0);
            }
            assertEquals(totals[k], top[k].lambdaTotal(), 0.0);
            assertEquals(k, top[k].index());
        }
    }

    @Test
    void topWordsOfLearnedTopicsFallInDistinctTrueBlocks() {
        LdaTestCorpus corpus = new LdaTestCorpus(4, 100, 400, 50, 0.2, 2024L);
        OnlineLda lda = model();
        InMemoryTopicWordRows rows = new InMemoryTopicWordRows();
        LdaGlobals g = lda.initialGlobals(7L);
        List<Document> docs = corpus.documents();
        for (int pass = 0; pass < 3; pass++) {
            for (int from = 0; from < docs.size(); from += 50) {
                g = lda.update(rows, g, docs.subList(from, from + 50), 99L).globals();
            }
        }
        boolean[] covered = new boolean[4];
        for (LdaTopics.Topic t : LdaTopics.top(lda, rows, g, 10)) {
            int block = t.wordIds()[0] / 25;
            for (int w : t.wordIds()) {
                assertEquals(block, w / 25, "topic " + t.index() + " mixes blocks: " + java.util.Arrays.toString(t.wordIds()));
            }
            assertTrue(!covered[block], "two topics found block " + block);
            covered[block] = true;
            double mass = java.util.Arrays.stream(t.weights()).sum();
            // the true topic puts 0.9/25 = 0.036 on each of its block's words: 10 of them carry 0.36
            assertEquals(0.36, mass, 0.05, "topic " + t.index());
        }
    }

    @Test
    void fewerWordsThanAskedWhenTheVocabularyIsSmall() {
        OnlineLda lda = new OnlineLda(2, 3, 0.5, 0.5, RobbinsMonroSchedule.of(1.0, 0.7), new EffectiveDataSize.Seen(),
                10, 1e-3);
        LdaTopics.Topic[] top = LdaTopics.top(lda, new InMemoryTopicWordRows(), lda.initialGlobals(1L), 10);
        assertEquals(3, top[0].wordIds().length);
        assertEquals(3, top[1].weights().length);
    }
}
