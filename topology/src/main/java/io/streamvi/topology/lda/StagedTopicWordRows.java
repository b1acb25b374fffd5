package io.streamvi.topology.lda;

import io.streamvi.model.lda.TopicWordRows;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Topic-word rows whose writes are held back: {@link #put} goes to an in-memory overlay that
 * {@link #get} and {@link #forEach} read through, and only {@link #commit} writes it to the rows
 * underneath, after checking that every value is finite. A step whose result is not finite is thus
 * dropped whole ({@link #discard}) and never reaches the store or its changelog. The overlay also
 * makes a full pass that rewrites rows safe: the rows underneath are not written while they are
 * being iterated.
 */
public final class StagedTopicWordRows implements TopicWordRows {

    private final TopicWordRows base;
    private final Map<Integer, double[]> written = new HashMap<>();

    public StagedTopicWordRows(TopicWordRows base) {
        this.base = base;
    }

    @Override
    public double[] get(int wordId) {
        double[] row = written.get(wordId);
        return row != null ? row.clone() : base.get(wordId);
    }

    @Override
    public void put(int wordId, double[] row) {
        written.put(wordId, row.clone());
    }

    /** The rows underneath in their own order (held-back values in place of theirs), then new rows in increasing word id. */
    @Override
    public void forEach(BiConsumer<Integer, double[]> action) {
        Set<Integer> fresh = new HashSet<>(written.keySet());
        base.forEach((w, row) -> {
            double[] overlay = written.get(w);
            fresh.remove(w);
            action.accept(w, overlay != null ? overlay.clone() : row);
        });
        for (int w : new java.util.TreeSet<>(fresh)) {
            action.accept(w, written.get(w).clone());
        }
    }

    /** The smallest word id written since the last commit whose row is not finite, or -1. */
    public int firstNonFinite() {
        int worst = -1;
        for (Map.Entry<Integer, double[]> e : written.entrySet()) {
            for (double v : e.getValue()) {
                if (!Double.isFinite(v)) {
                    worst = worst < 0 ? e.getKey() : Math.min(worst, e.getKey());
                    break;
                }
            }
        }
        return worst;
    }

    /** How many rows were written since the last commit. */
    public int heldBack() {
        return written.size();
    }

    /** Writes the held-back rows underneath, in increasing word id. */
    public void commit() {
        int bad = firstNonFinite();
        if (bad >= 0) {
            throw new IllegalStateException("row of word " + bad + " is not finite; nothing written");
        }
        new TreeMap<>(written).forEach(base::put);
        written.clear();
    }

    /** Forgets the held-back rows. */
    public void discard() {
        written.clear();
    }
}
