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
    void nonAsciiTextIsLowerCasedAsJavaAndPythonDo() {
        // the Kelvin sign lower-cases to an ASCII k (Unicode's mapping, also Python's str.lower)
        Vocabulary.Tokens t = vocabulary.tokenise("\u212AERNEL FILE");
        assertArrayEquals(new int[] {2, 3}, t.wordIds());
        assertEquals(0, t.unknown());
    }

    @Test
    void theDevCorpusLinesAreAlreadyTokens() {
        // a line of train.txt is space-separated tokens of [a-z]{3,}: tokenising it gives them back
        Vocabulary.Tokens t = vocabulary.tokenise("kernel file file banana");
        assertArrayEquals(new int[] {2, 3, 3, 1}, t.wordIds());
        assertEquals(0, t.unknown());
    }

    /**
     * On the dev man-page corpus (its vocabulary, training and held-out lines) the tokeniser agrees
     * with the corpus's own definition written as a regular expression, [a-z]+ on the lower-cased
     * text, 3 letters or more, and finds every token of train.txt in the vocabulary.
     */
    @Test
    void agreesWithTheCorpusDefinitionOnTheDevCorpus() throws Exception {
        List<String> words = lines("vocab.txt").stream().map(String::strip).toList();
        Vocabulary v = new Vocabulary(words, 3);
        java.util.Map<String, Integer> ids = new java.util.HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            ids.put(words.get(i), i);
        }
        java.util.regex.Pattern token = java.util.regex.Pattern.compile("[a-z]+");
        long tokens = 0;
        for (String file : List.of("train.txt", "heldout.txt")) {
            for (String line : lines(file)) {
                List<Integer> expected = new java.util.ArrayList<>();
                long unknown = 0;
                var m = token.matcher(line.toLowerCase(java.util.Locale.ROOT));
                while (m.find()) {
                    if (m.group().length() >= 3) {
                        Integer id = ids.get(m.group());
                        if (id == null) {
                            unknown++;
                        } else {
                            expected.add(id);
                        }
                    }
                }
                Vocabulary.Tokens t = v.tokenise(line);
                assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), t.wordIds(), line);
                assertEquals(unknown, t.unknown());
                if (file.equals("train.txt")) {
                    assertEquals(0, t.unknown(), "train.txt holds vocabulary words only");
                    tokens += t.wordIds().length;
                }
            }
        }
        assertEquals(385_043, tokens, "train_tokens of the corpus's corpus_meta.json");
    }

    /** Words with other characters than a–z are in the vocabulary (by id) but no token spells them. */
    @Test
    void wordsThatNoTokenCanSpellAreKeptForWordIds() {
        Vocabulary v = new Vocabulary(List.of("x11", "c++", "kernel"), 3);
        assertEquals(1, v.id("c++"));
        Vocabulary.Tokens t = v.tokenise("x11 c++ kernel");
        assertArrayEquals(new int[] {2}, t.wordIds());
        assertEquals(0, t.unknown(), "x, c: too short");
    }

    private static List<String> lines(String name) throws Exception {
        try (var in = VocabularyTest.class.getResourceAsStream("/dev/d_lda_manpages/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isEmpty()).toList();
        }
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
