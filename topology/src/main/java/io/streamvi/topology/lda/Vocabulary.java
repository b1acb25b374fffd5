package io.streamvi.topology.lda;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The vocabulary of a topic model: word id i is the word on line i (0-based) of the vocabulary
 * file, and raw text becomes word ids by the tokenisation the dev man-page corpus was built with:
 * lower-case the text ({@link String#toLowerCase(Locale)} with {@link Locale#ROOT}), take the
 * maximal runs of the ASCII letters a–z as tokens (an apostrophe, digit, hyphen or any other
 * character ends a token: "don't" gives "don" and "t"), and drop tokens shorter than
 * {@code minTokenLength} (3 there). A token of that length that is not in the vocabulary is an
 * <em>unknown</em> token: dropped and counted. Stop words are not treated apart: a vocabulary built
 * without them (as the corpus's was) counts them as unknown.
 */
public final class Vocabulary {

    /** The shortest token the dev corpus kept. */
    public static final int DEFAULT_MIN_TOKEN_LENGTH = 3;

    /**
     * The tokens of a text that are in the vocabulary, in text order, and how many were not.
     *
     * @param wordIds the word ids of the known tokens, in order (a word may repeat)
     * @param unknown the tokens of at least {@code minTokenLength} letters not in the vocabulary
     */
    public record Tokens(int[] wordIds, long unknown) {
        public Tokens {
            wordIds = wordIds.clone();
        }

        @Override
        public int[] wordIds() {
            return wordIds.clone();
        }
    }

    private final List<String> words;
    private final Map<String, Integer> ids;
    private final int minTokenLength;

    /**
     * @param words word i is {@code words.get(i)}; non-empty, no duplicates
     * @param minTokenLength tokens shorter than this are dropped without being counted (≥ 1)
     * @throws IllegalArgumentException naming the first empty or repeated word
     */
    public Vocabulary(List<String> words, int minTokenLength) {
        if (minTokenLength < 1) {
            throw new IllegalArgumentException("minTokenLength must be >= 1 (was " + minTokenLength + ")");
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("no words");
        }
        this.words = List.copyOf(words);
        this.ids = new HashMap<>(2 * words.size());
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.isEmpty()) {
                throw new IllegalArgumentException("line " + (i + 1) + " is empty (word id " + i + ")");
            }
            Integer before = ids.putIfAbsent(w, i);
            if (before != null) {
                throw new IllegalArgumentException("line " + (i + 1) + ": '" + w + "' repeats line " + (before + 1));
            }
        }
        this.minTokenLength = minTokenLength;
    }

    /** V, the number of words. */
    public int size() {
        return words.size();
    }

    public int minTokenLength() {
        return minTokenLength;
    }

    /** The word of {@code wordId}. */
    public String word(int wordId) {
        return words.get(wordId);
    }

    /** The id of {@code word}, or -1 when it is not in the vocabulary. */
    public int id(String word) {
        Integer id = ids.get(word);
        return id == null ? -1 : id;
    }

    /** The text's known tokens as word ids, in order, and the count of unknown ones (see the class comment). */
    public Tokens tokenise(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<Integer> known = new ArrayList<>();
        long unknown = 0;
        int n = lower.length();
        int i = 0;
        while (i < n) {
            while (i < n && !isLetter(lower.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && isLetter(lower.charAt(i))) {
                i++;
            }
            if (i - start >= minTokenLength) {
                Integer id = ids.get(lower.substring(start, i));
                if (id == null) {
                    unknown++;
                } else {
                    known.add(id);
                }
            }
        }
        int[] out = new int[known.size()];
        for (int j = 0; j < out.length; j++) {
            out[j] = known.get(j);
        }
        return new Tokens(out, unknown);
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z';
    }
}
