package io.streamvi.topology.lda;

import io.streamvi.model.lda.TopicWordRows;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Rows in memory, visited in increasing word id as {@link KeyValueTopicWordRows} visits the store:
 * a run without Kafka ({@code streamvi fit}, the tests' in-process references) then sums full
 * passes in the same order as the app and gets the same bits.
 */
public final class SortedTopicWordRows implements TopicWordRows {

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
