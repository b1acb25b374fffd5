package io.streamvi.model.lda;

import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * {@link TopicWordRows} in memory; rows are copied on the way in and out. Full passes visit the
 * rows in increasing word id, as the app's row store does, so that a run without Kafka sums them
 * in the same order and gets the same bits.
 */
public final class InMemoryTopicWordRows implements TopicWordRows {

    private final TreeMap<Integer, double[]> rows = new TreeMap<>();

    @Override
    public double[] get(int wordId) {
        double[] row = rows.get(wordId);
        return row == null ? null : row.clone();
    }

    @Override
    public void put(int wordId, double[] row) {
        rows.put(wordId, row.clone());
    }

    @Override
    public void forEach(BiConsumer<Integer, double[]> action) {
        for (var e : new TreeMap<>(rows).entrySet()) {
            action.accept(e.getKey(), e.getValue().clone());
        }
    }

    /** How many rows are stored. */
    public int size() {
        return rows.size();
    }
}
