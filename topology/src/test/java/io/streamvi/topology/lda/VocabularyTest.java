package io.streamvi.topology.lda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The tokenisation of the dev man-page corpus: lower case, runs of a–z, at least 3 letters. */
class VocabularyTest {

    private final Vocabulary vocabulary = new Vocabulary(List.of("apple", "banana", "kernel", "file"), 3);

    @Test
    void knownTokensInTextOrderUnknownOnesCounted() {
        Vocabulary.Tokens t = vocabulary.tokenise("Apple, BANANA! an apple-pie kernel's x 42 cherries\tfile");
        // an, s, x: shorter than 3 letters, dropped silently; pie, cherries: unknown
        assertArrayEquals(new int[] {0, 1, 0, 2, 3}, t.wordIds());
        assertEquals(2, t.unknown());
    }

    @Test
    void digitsApostrophesAndNonAsciiLettersSplitTokens() {
        Vocabulary.Tokens t = vocabulary.tokenise("file2kernel don't naïve ÄPPLE fileé");
        // file | kernel | don (unknown) t | na (short) ve (short) | pple (unknown) | file
        assertArrayEquals(new int[] {3, 2, 3}, t.wordIds());
        assertEquals(2, t.unknown());
    }

    @Test
    void theDevCorpusLinesAreAlreadyTokens() {
        // a line of train.txt is space-separated tokens of [a-z]{3,}: tokenising it gives them back
        Vocabulary.Tokens t = vocabulary.tokenise("kernel file file banana");
        assertArrayEquals(new int[] {2, 3, 3, 1}, t.wordIds());
        assertEquals(0, t.unknown());
    }

    @Test
    void aLongerMinimumDropsShortTokensWithoutCountingThem() {
        Vocabulary v = new Vocabulary(List.of("file", "kernel"), 5);
        Vocabulary.Tokens t = v.tokenise("file kernel table");
        assertArrayEquals(new int[] {1}, t.wordIds());
        assertEquals(1, t.unknown(), "table has 5 letters and is not a word; file has 4 and is dropped");
    }

    @Test
    void repeatedOrEmptyWordsAreRefusedWithTheirLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Vocabulary(List.of("a1", "b2", "a1"), 3));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("line 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Vocabulary(List.of("a1", ""), 3));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
}
