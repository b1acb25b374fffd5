package io.streamvi.topology.lda;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of the online-LDA stores: the model name in UTF-8, '/', then a big-endian number (a 4-byte
 * word id in {@code lda-rows}, an 8-byte arrival sequence in {@code lda-pending}). Model names cannot
 * hold '/', so a model's entries are exactly those under its prefix, and they iterate in increasing
 * number order (non-negative big-endian numbers sort as their bytes).
 */
public final class LdaStoreKeys {

    private LdaStoreKeys() {
    }

    /** The prefix of every key of {@code model}: its name and '/'. */
    public static Bytes prefix(String model) {
        byte[] name = model.getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(name, name.length + 1);
        out[name.length] = '/';
        return Bytes.wrap(out);
    }

    /** The key of word {@code wordId}'s row under {@code prefix}. */
    public static Bytes row(Bytes prefix, int wordId) {
        byte[] p = prefix.get();
        return Bytes.wrap(ByteBuffer.allocate(p.length + Integer.BYTES).put(p).putInt(wordId).array());
    }

    /** The word id of a row key. */
    public static int wordId(Bytes key) {
        byte[] k = key.get();
        return ByteBuffer.wrap(k, k.length - Integer.BYTES, Integer.BYTES).getInt();
    }

    /** The key of the pending document with arrival number {@code sequence} under {@code prefix}. */
    public static Bytes pending(Bytes prefix, long sequence) {
        byte[] p = prefix.get();
        return Bytes.wrap(ByteBuffer.allocate(p.length + Long.BYTES).put(p).putLong(sequence).array());
    }

    /** The arrival number of a pending-document key. */
    public static long sequence(Bytes key) {
        byte[] k = key.get();
        return ByteBuffer.wrap(k, k.length - Long.BYTES, Long.BYTES).getLong();
    }

    /** The model name of any key of the LDA stores. */
    public static String model(Bytes key) {
        byte[] k = key.get();
        int slash = 0;
        while (k[slash] != '/') {
            slash++;
        }
        return new String(k, 0, slash, StandardCharsets.UTF_8);
    }
}
