package io.streamvi.model.lda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.observation.Document;
import io.streamvi.model.schedule.RobbinsMonroSchedule;
import io.streamvi.model.svi.EffectiveDataSize;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad documents and parameters are refused with a reason naming the problem. */
class ValidationTest {

    private final OnlineLda lda = new OnlineLda(2, 10, 0.5, 0.1, RobbinsMonroSchedule.of(1.0, 0.7),
            new EffectiveDataSize.Fixed(100), 20, 1e-3);

    @Test
    void aWellFormedDocumentIsAccepted() {
        assertNull(lda.validate(new Document(new int[] {0, 9}, new int[] {1, 3})));
        assertNull(lda.validateTokens(new int[] {0, 9, 9}));
    }

    @Test
    void wordIdsOutsideTheVocabularyAreNamed() {
        assertEquals("word id 10 at position 1 is outside [0, 10)",
                lda.validate(new Document(new int[] {3, 10}, new int[] {1, 1})));
        assertEquals("word id -1 at position 0 is outside [0, 10)",
                lda.validate(new Document(new int[] {-1}, new int[] {1})));
        assertEquals("token 12 at position 2 is outside [0, 10)", lda.validateTokens(new int[] {1, 2, 12}));
    }

    @Test
    void countsBelowOneAreNamed() {
        assertEquals("count 0 of word id 4 at position 1 is below 1",
                lda.validate(new Document(new int[] {3, 4}, new int[] {2, 0})));
    }

    @Test
    void idsAndCountsOfDifferentLengthsCannotMakeADocument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Document(new int[] {1, 2}, new int[] {1}));
        assertEquals("wordIds and counts differ in length: 2 vs 1", e.getMessage());
    }

    @Test
    void updateRefusesABadDocumentNamingItsPositionAndLeavesTheRowsAlone() {
        InMemoryTopicWordRows rows = new InMemoryTopicWordRows();
        LdaGlobals globals = lda.initialGlobals(1L);
        List<Document> batch = List.of(new Document(new int[] {1}, new int[] {1}),
                new Document(new int[] {11}, new int[] {1}));
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> lda.update(rows, globals, batch, 0L));
        assertEquals("batch[1]", e.field());
        assertEquals("word id 11 at position 0 is outside [0, 10)", e.requirement());
        assertEquals(0, rows.size());
        assertEquals("batch", assertThrows(InvalidParameterException.class,
                () -> lda.update(rows, globals, List.of(), 0L)).field());
    }

    @Test
    void parametersOutsideTheirDomainsAreNamed() {
        RobbinsMonroSchedule s = RobbinsMonroSchedule.of(1.0, 0.7);
        EffectiveDataSize n = new EffectiveDataSize.Seen();
        assertEquals("topics", assertThrows(InvalidParameterException.class,
                () -> new OnlineLda(0, 10, 0.5, 0.1, s, n, 20, 1e-3)).field());
        assertEquals("vocabularySize", assertThrows(InvalidParameterException.class,
                () -> new OnlineLda(2, 0, 0.5, 0.1, s, n, 20, 1e-3)).field());
        assertEquals("alpha", assertThrows(InvalidParameterException.class,
                () -> new OnlineLda(2, 10, 0, 0.1, s, n, 20, 1e-3)).field());
        assertEquals("eta", assertThrows(InvalidParameterException.class,
                () -> new OnlineLda(2, 10, 0.5, Double.NaN, s, n, 20, 1e-3)).field());
        assertEquals("maxIterations", assertThrows(InvalidParameterException.class,
                () -> new OnlineLda(2, 10, 0.5, 0.1, s, n, 0, 1e-3)).field());
        assertEquals("tolerance", assertThrows(InvalidParameterException.class,
                () -> new OnlineLda(2, 10, 0.5, 0.1, s, n, 20, -1)).field());
        assertTrue(assertThrows(InvalidParameterException.class,
                () -> lda.update(new InMemoryTopicWordRows(), new OnlineLda(3, 10, 0.5, 0.1, s, n, 20, 1e-3)
                        .initialGlobals(1L), List.of(new Document(new int[] {1}, new int[] {1})), 0L))
                .getMessage().startsWith("globals.topicTotals"));
    }
}
