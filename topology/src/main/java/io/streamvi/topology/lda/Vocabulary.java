package io.streamvi.topology.lda;

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
     * The words made of a–z only (the only ones a token can be) in an open-addressing table, so that
     * a token is looked up in the text where it stands, without a String per token: slot i holds
     * the word's letters in {@code letters[i]} and its id in {@code slotIds[i]}.
     */
    private final char[][] letters;
    private final int[] slotIds;
    private final int mask;

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
        int slots = Integer.highestOneBit(Math.max(2, 4 * words.size()) - 1) << 1;
        this.letters = new char[slots][];
        this.slotIds = new int[slots];
        this.mask = slots - 1;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.chars().allMatch(c -> isLetter((char) c))) {
                char[] spelt = w.toCharArray();
                int h = hash(spelt, 0, spelt.length) & mask;
                while (letters[h] != null) {
                    h = (h + 1) & mask;
                }
                letters[h] = spelt;
                slotIds[h] = i;
            }
        }
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
        char[] lower = lowerCase(text);
        int[] known = new int[16];
        int count = 0;
        long unknown = 0;
        int n = lower.length;
        int i = 0;
        while (i < n) {
            while (i < n && !isLetter(lower[i])) {
                i++;
            }
            int start = i;
            while (i < n && isLetter(lower[i])) {
                i++;
            }
            if (i - start >= minTokenLength) {
                int id = lookup(lower, start, i);
                if (id < 0) {
                    unknown++;
                } else {
                    if (count == known.length) {
                        known = java.util.Arrays.copyOf(known, 2 * count);
                    }
                    known[count++] = id;
                }
            }
        }
        return new Tokens(java.util.Arrays.copyOf(known, count), unknown);
    }

    /**
     * The text lower-cased as {@link String#toLowerCase(Locale)} with {@link Locale#ROOT} does it;
     * pure ASCII text (the common case) is lowered here, character by character, without building
     * a new String.
     */
    private static char[] lowerCase(String text) {
        char[] out = text.toCharArray();
        for (int i = 0; i < out.length; i++) {
            char c = out[i];
            if (c >= 0x80) {
                return text.toLowerCase(Locale.ROOT).toCharArray();
            }
            if (c >= 'A' && c <= 'Z') {
                out[i] = (char) (c + ('a' - 'A'));
            }
        }
        return out;
    }

    /** The id of the word spelt by {@code s[from, to)}, or -1. */
    private int lookup(char[] s, int from, int to) {
        int h = hash(s, from, to) & mask;
        while (true) {
            char[] w = letters[h];
            if (w == null) {
                return -1;
            }
            if (spells(w, s, from, to)) {
                return slotIds[h];
            }
            h = (h + 1) & mask;
        }
    }

    private static boolean spells(char[] word, char[] s, int from, int to) {
        if (word.length != to - from) {
            return false;
        }
        for (int i = 0; i < word.length; i++) {
            if (word[i] != s[from + i]) {
                return false;
            }
        }
        return true;
    }

    private static int hash(char[] s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + s[i];
        }
        return h ^ (h >>> 16);
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z';
    }
}
