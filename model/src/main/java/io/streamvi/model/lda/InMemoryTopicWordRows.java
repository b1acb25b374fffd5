package io.streamvi.model.lda;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/** {@link TopicWordRows} in a HashMap; rows are copied on the way in and out. */
public final class InMemoryTopicWordRows implements TopicWordRows {

    private final Map<Integer, double[]> rows = new HashMap<>();

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
        rows.forEach((w, row) -> action.accept(w, row.clone()));
    }

    /** How many rows are stored. */
    public int size() {
        return rows.size();
    }
}
