package io.streamvi.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro single-object encoding (a 2-byte marker, the writer schema's 64-bit fingerprint, then
 * the binary body) for one generated record type. No registry is needed: the decoder knows the
 * current schema and every released one ({@link SchemaHistory}), and resolves older writers to
 * the current reader schema.
 *
 * <p>Thread-safe: Avro's message encoders and decoders may be shared.
 */
public final class AvroCodec<T extends SpecificRecord> {

    private final Class<T> type;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    private AvroCodec(Class<T> type, Schema schema) {
        AvroTrust.install();
        this.type = type;
        SpecificData data = SpecificData.getForClass(type);
        this.encoder = new BinaryMessageEncoder<>(data, schema);
        this.decoder = new BinaryMessageDecoder<>(data, schema);
        for (Schema old : SchemaHistory.versionsOf(schema.getName())) {
            decoder.addSchema(old);
        }
    }

    /** The codec of a generated record class. */
    public static <T extends SpecificRecord> AvroCodec<T> of(Class<T> type) {
        return new AvroCodec<>(type, SpecificData.get().getSchema(type));
    }

    public byte[] encode(T record) {
        try {
            ByteBuffer buffer = encoder.encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException | RuntimeException e) {
            throw new SerdeException("cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Decodes single-object-encoded bytes, or throws {@link SerdeException} saying why not. */
    public T decode(byte[] bytes) {
        if (bytes == null) {
            throw new SerdeException("null value: expected a single-object-encoded " + type.getSimpleName());
        }
        try {
            return decoder.decode(bytes);
        } catch (BadHeaderException e) {
            throw new SerdeException("not Avro single-object encoding (" + e.getMessage() + ")", e);
        } catch (MissingSchemaException e) {
            throw new SerdeException("unknown writer schema for " + type.getSimpleName() + " (" + e.getMessage() + ")", e);
        } catch (IOException | RuntimeException e) {
            throw new SerdeException("corrupt " + type.getSimpleName() + " record: " + e, e);
        }
    }
}
