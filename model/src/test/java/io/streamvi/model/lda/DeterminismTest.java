package io.streamvi.model.lda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamvi.model.observation.Document;
import io.streamvi.model.schedule.RobbinsMonroSchedule;
import io.streamvi.model.svi.EffectiveDataSize;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same rows, globals, minibatches and seed give the same bits; another stream seed does not. */
class DeterminismTest {

    private static final List<Document> DOCS = new LdaTestCorpus(3, 60, 120, 40, 0.3, 3L).documents();

    @Test
    void sameInputAndSeedGiveBitwiseIdenticalRows() {
        Run a = run(5L);
        Run b = run(5L);
        assertEquals(a.globals.step(), b.globals.step());
        assertEquals(Double.doubleToLongBits(a.globals.scale()), Double.doubleToLongBits(b.globals.scale()));
        assertArrayEquals(a.globals.topicTotals(), b.globals.topicTotals(), 0.0);
        assertEquals(a.rows.size(), b.rows.size());
        a.rows.forEach((w, row) -> assertTrue(Arrays.equals(row, b.rows.get(w)), "row " + w));
    }

    @Test
    void anotherStreamSeedStartsTheDocumentsElsewhere() {
        Run a = run(5L);
        Run b = run(6L);
        boolean[] differs = {false};
        a.rows.forEach((w, row) -> differs[0] |= !Arrays.equals(row, b.rows.get(w)));
        assertTrue(differs[0]);
    }

    @Test
    void initialRowsDependOnlyOnTheRowSeedAndWordId() {
        OnlineLda lda = model();
        assertArrayEquals(lda.initialDraw(7L, 12), lda.initialDraw(7L, 12), 0.0);
        assertFalse(Arrays.equals(lda.initialDraw(7L, 12), lda.initialDraw(7L, 13)));
        assertFalse(Arrays.equals(lda.initialDraw(7L, 12), lda.initialDraw(8L, 12)));
    }

    private record Run(InMemoryTopicWordRows rows, LdaGlobals globals) {
    }

    private static OnlineLda model() {
        return new OnlineLda(3, 60, 0.3, 0.1, RobbinsMonroSchedule.of(1.0, 0.7), new EffectiveDataSize.Seen(), 50,
                1e-3, 0.2);
    }

    private static Run run(long seed) {
        OnlineLda lda = model();
        InMemoryTopicWordRows rows = new InMemoryTopicWordRows();
        LdaGlobals globals = lda.initialGlobals(7L);
        for (int from = 0; from < DOCS.size(); from += 20) {
            globals = lda.update(rows, globals, DOCS.subList(from, from + 20), seed).globals();
        }
        return new Run(rows, globals);
    }
}
