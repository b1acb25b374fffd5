package io.streamvi.topology.lda;

import io.streamvi.model.lda.TopicWordRows;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The topic-word rows of one online-LDA model in the key-value store {@code lda-rows}: one entry per
 * word id that has a row ({@link LdaStoreKeys#row}), holding K IEEE-754 doubles big-endian.
 *
 * <p>Writes are held back: {@link #put} goes to an in-memory overlay that {@link #get} and
 * {@link #forEach} read through, and only {@link #commit} writes it to the store, after checking
 * that every value is finite. A step whose result is not finite is thus dropped whole ({@link
 * #discard}) and never reaches the store or its changelog. The overlay also makes a full pass safe:
 * the store is never written while it is being iterated.
 */
public final class StoreTopicWordRows implements TopicWordRows {

    private static final BytesSerializer PREFIX_SERIALIZER = new BytesSerializer();

    private final KeyValueStore<Bytes, byte[]> store;
    private final Bytes prefix;
    private final int topics;
    private final Map<Integer, double[]> written = new HashMap<>();

    public StoreTopicWordRows(KeyValueStore<Bytes, byte[]> store, String model, int topics) {
        this.store = store;
        this.prefix = LdaStoreKeys.prefix(model);
        this.topics = topics;
    }

    @Override
    public double[] get(int wordId) {
        double[] row = written.get(wordId);
        if (row != null) {
            return row.clone();
        }
        byte[] bytes = store.get(LdaStoreKeys.row(prefix, wordId));
        return bytes == null ? null : decode(bytes);
    }

    @Override
    public void put(int wordId, double[] row) {
        if (row.length != topics) {
            throw new IllegalArgumentException("row of word " + wordId + " has " + row.length + " values, K = " + topics);
        }
        written.put(wordId, row.clone());
    }

    /** Stored rows in increasing word id, then rows written since the last commit that the store does not have yet. */
    @Override
    public void forEach(BiConsumer<Integer, double[]> action) {
        java.util.Set<Integer> fresh = new java.util.HashSet<>(written.keySet());
        try (KeyValueIterator<Bytes, byte[]> it = store.prefixScan(prefix, PREFIX_SERIALIZER)) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                int w = LdaStoreKeys.wordId(kv.key);
                double[] overlay = written.get(w);
                fresh.remove(w);
                action.accept(w, overlay != null ? overlay.clone() : decode(kv.value));
            }
        }
        for (int w : new java.util.TreeSet<>(fresh)) {
            action.accept(w, written.get(w).clone());
        }
    }

    /** The first word written since the last commit whose row is not finite, or -1. */
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
    public int pendingWrites() {
        return written.size();
    }

    /** Writes the held-back rows to the store. */
    public void commit() {
        int bad = firstNonFinite();
        if (bad >= 0) {
            throw new IllegalStateException("row of word " + bad + " is not finite; nothing written");
        }
        List<KeyValue<Bytes, byte[]>> entries = new ArrayList<>(written.size());
        written.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> entries.add(KeyValue.pair(LdaStoreKeys.row(prefix, e.getKey()), encode(e.getValue()))));
        store.putAll(entries);
        written.clear();
    }

    /** Forgets the held-back rows. */
    public void discard() {
        written.clear();
    }

    static byte[] encode(double[] row) {
        ByteBuffer b = ByteBuffer.allocate(Double.BYTES * row.length);
        b.asDoubleBuffer().put(row);
        return b.array();
    }

    private double[] decode(byte[] bytes) {
        if (bytes.length != Double.BYTES * topics) {
            throw new IllegalStateException("a stored row holds " + bytes.length / Double.BYTES
                    + " values, the model has K = " + topics);
        }
        double[] row = new double[topics];
        ByteBuffer.wrap(bytes).asDoubleBuffer().get(row);
        return row;
    }
}
