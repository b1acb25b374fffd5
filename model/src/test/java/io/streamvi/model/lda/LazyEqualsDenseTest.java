package io.streamvi.model.lda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamvi.model.observation.Document;
import io.streamvi.model.schedule.RobbinsMonroSchedule;
import io.streamvi.model.svi.EffectiveDataSize;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lazily scaled row store (λ_wk = η + c·μ̃_wk, only touched rows written) gives the same λ as
 * the dense update of every entry, to 1e-9 relative, after every step.
 */
class LazyEqualsDenseTest {

    private static final int K = 4;
    private static final int V = 50;
    private static final long ROW_SEED = 11L;
    private static final long STREAM_SEED = 29L;

    @Test
    void lazyRowsMatchTheDenseUpdateStepByStep() {
        int folds = compare(OnlineLda.DEFAULT_FOLD_BELOW, RobbinsMonroSchedule.of(1.0, 0.7),
                new EffectiveDataSize.Fixed(200), 30);
        assertEquals(0, folds, "c stays far above 1e-100 over 30 steps");
    }

    /** A threshold of 0.3 makes c fold into the rows every few steps. */
    @Test
    void matchesAcrossForcedRenormalisations() {
        int folds = compare(0.3, RobbinsMonroSchedule.of(1.0, 0.7), new EffectiveDataSize.Seen(), 30);
        assertTrue(folds >= 3, "folds: " + folds);
    }

    /** τ0 = 0 makes ρ_1 = 1, so c would become 0: the fold then discards the initial values exactly. */
    @Test
    void matchesWhenTheFirstStepReplacesTheInitialValues() {
        int folds = compare(OnlineLda.DEFAULT_FOLD_BELOW, RobbinsMonroSchedule.of(0.0, 0.8),
                new EffectiveDataSize.Fixed(200), 10);
        assertTrue(folds >= 1, "folds: " + folds);
    }

    /** Returns how many steps reset c to 1. */
    private static int compare(double foldBelow, RobbinsMonroSchedule schedule, EffectiveDataSize size, int steps) {
        List<Document> corpus = new LdaTestCorpus(K, V, 200, 30, 0.3, 5L).documents();
        OnlineLda lazy = new OnlineLda(K, V, 0.25, 0.05, schedule, size, 500, 1e-10, foldBelow);
        DenseOnlineLda dense = new DenseOnlineLda(K, V, 0.25, 0.05, schedule, size, 500, 1e-10, ROW_SEED);
        InMemoryTopicWordRows rows = new InMemoryTopicWordRows();
        LdaGlobals globals = lazy.initialGlobals(ROW_SEED);
        assertClose(dense, lazy, rows, globals, 0);
        int folds = 0;
        for (int step = 0; step < steps; step++) {
            int from = (step * 16) % corpus.size();
            List<Document> batch = corpus.subList(from, Math.min(from + 16, corpus.size()));
            globals = lazy.update(rows, globals, batch, STREAM_SEED).globals();
            dense.update(batch, STREAM_SEED);
            if (globals.scale() == 1.0) { // without a fold c = (1 - rho) c < 1
                folds++;
            }
            assertClose(dense, lazy, rows, globals, step + 1);
        }
        return folds;
    }

    private static void assertClose(DenseOnlineLda dense, OnlineLda lazy, TopicWordRows rows, LdaGlobals globals,
            int step) {
        double[] totals = globals.lambdaTotals(V, lazy.eta());
        double[] denseTotals = new double[K];
        for (int w = 0; w < V; w++) {
            double[] l = lazy.lambda(rows, globals, w);
            for (int k = 0; k < K; k++) {
                double d = dense.lambda[w][k];
                denseTotals[k] += d;
                assertEquals(d, l[k], 1e-9 * Math.abs(d), "step " + step + " word " + w + " topic " + k);
            }
        }
        for (int k = 0; k < K; k++) {
            assertEquals(denseTotals[k], totals[k], 1e-9 * denseTotals[k], "step " + step + " total of topic " + k);
        }
    }
}
