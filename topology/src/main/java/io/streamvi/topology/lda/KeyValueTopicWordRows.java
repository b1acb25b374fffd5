package io.streamvi.topology.lda;

import io.streamvi.model.lda.TopicWordRows;
import java.nio.ByteBuffer;
import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The topic-word rows of one online-LDA model in the key-value store {@code lda-rows}: one entry per
 * word id that has a row, key {@link LdaStoreKeys#row}, value K IEEE-754 doubles big-endian (8K
 * bytes). {@link #forEach} visits the rows in increasing word id. Wrap it in
 * {@link StagedTopicWordRows} to write only finite steps.
 */
public final class KeyValueTopicWordRows implements TopicWordRows {

    private static final BytesSerializer PREFIX_SERIALIZER = new BytesSerializer();

    private final KeyValueStore<Bytes, byte[]> store;
    private final Bytes prefix;
    private final int topics;

    public KeyValueTopicWordRows(KeyValueStore<Bytes, byte[]> store, String model, int topics) {
        this.store = store;
        this.prefix = LdaStoreKeys.prefix(model);
        this.topics = topics;
    }

    @Override
    public double[] get(int wordId) {
        byte[] bytes = store.get(LdaStoreKeys.row(prefix, wordId));
        return bytes == null ? null : decode(bytes);
    }

    @Override
    public void put(int wordId, double[] row) {
        store.put(LdaStoreKeys.row(prefix, wordId), encode(row));
    }

    @Override
    public void forEach(BiConsumer<Integer, double[]> action) {
        try (KeyValueIterator<Bytes, byte[]> it = store.prefixScan(prefix, PREFIX_SERIALIZER)) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                action.accept(LdaStoreKeys.wordId(kv.key), decode(kv.value));
            }
        }
    }

    /** A row as stored: K doubles, big-endian. */
    public static byte[] encode(double[] row) {
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
