package io.streamvi.model.observation;

import java.util.Arrays;

/**
 * A document as a bag of words: distinct word ids with their counts (parallel arrays), the form
 * topic models consume. Raw text is tokenised into this form before it reaches a model.
 */
public record Document(int[] wordIds, int[] counts) implements Observation {
    public Document {
        if (wordIds.length != counts.length) {
            throw new IllegalArgumentException("wordIds and counts differ in length: "
                    + wordIds.length + " vs " + counts.length);
        }
        wordIds = wordIds.clone();
        counts = counts.clone();
    }

    @Override
    public int[] wordIds() {
        return wordIds.clone();
    }

    @Override
    public int[] counts() {
        return counts.clone();
    }

    public int distinctWords() {
        return wordIds.length;
    }

    @Override
    public String nonFiniteField() {
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Document d && Arrays.equals(wordIds, d.wordIds) && Arrays.equals(counts, d.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(wordIds) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "Document[wordIds=" + Arrays.toString(wordIds) + ", counts=" + Arrays.toString(counts) + "]";
    }
}
