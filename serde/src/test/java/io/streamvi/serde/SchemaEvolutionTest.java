package io.streamvi.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.streamvi.avro.DocumentTopics;
import io.streamvi.avro.LdaDocument;
import io.streamvi.avro.LdaState;
import io.streamvi.avro.ObservationEvent;
import io.streamvi.avro.PosteriorSnapshot;
import io.streamvi.avro.StoredState;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The released schemas ({@link SchemaHistory}) are the contract. Every released writer must be
 * readable by the current reader (stored state and snapshots survive an upgrade), and every
 * current writer must be readable by the released readers (subscribers that have not upgraded
 * keep working). Changing an {@code .avsc} incompatibly makes this test fail.
 */
class SchemaEvolutionTest {

    @ParameterizedTest
    @ValueSource(strings = {"ObservationEvent", "PosteriorSnapshot", "StoredState", "LdaState", "LdaDocument",
        "DocumentTopics"})
    void releasedAndCurrentSchemasAreMutuallyCompatible(String name) {
        Schema current = currentSchema(name);
        for (Schema released : SchemaHistory.versionsOf(name)) {
            var backward = SchemaCompatibility.checkReaderWriterCompatibility(current, released);
            assertEquals(SchemaCompatibilityType.COMPATIBLE, backward.getType(), backward.getDescription());
            var forward = SchemaCompatibility.checkReaderWriterCompatibility(released, current);
            assertEquals(SchemaCompatibilityType.COMPATIBLE, forward.getType(), forward.getDescription());
        }
    }

    /** Records written with each released schema (as an old release wrote them) decode with the current codec. */
    @ParameterizedTest
    @ValueSource(strings = {"ObservationEvent", "PosteriorSnapshot", "StoredState", "LdaState", "LdaDocument",
        "DocumentTopics"})
    void recordsWrittenWithReleasedSchemasAreReadByTheCurrentOne(String name) throws Exception {
        SpecificRecord sample = sample(name);
        for (Schema released : SchemaHistory.versionsOf(name)) {
            GenericRecord old = asGeneric(sample, released);
            ByteBuffer bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), released).encode(old);
            byte[] array = new byte[bytes.remaining()];
            bytes.get(array);
            SpecificRecord decoded = AvroCodec.of(sample.getClass()).decode(array);
            assertNotNull(decoded);
            assertEquals(sample.toString(), decoded.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ObservationEvent", "PosteriorSnapshot", "StoredState", "LdaState", "LdaDocument",
        "DocumentTopics"})
    void historyHoldsEveryRelease(String name) {
        List<Schema> versions = SchemaHistory.versionsOf(name);
        assertEquals(SchemaHistory.VERSIONS.size(), versions.size());
        assertFalse(versions.isEmpty());
    }

    private static Schema currentSchema(String name) {
        return switch (name) {
            case "ObservationEvent" -> ObservationEvent.getClassSchema();
            case "PosteriorSnapshot" -> PosteriorSnapshot.getClassSchema();
            case "StoredState" -> StoredState.getClassSchema();
            case "LdaState" -> LdaState.getClassSchema();
            case "LdaDocument" -> LdaDocument.getClassSchema();
            case "DocumentTopics" -> DocumentTopics.getClassSchema();
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static SpecificRecord sample(String name) {
        return switch (name) {
            case "ObservationEvent" -> Samples.event();
            case "PosteriorSnapshot" -> Samples.snapshot();
            case "StoredState" -> Samples.state();
            case "LdaState" -> Samples.ldaState();
            case "LdaDocument" -> Samples.ldaDocument();
            case "DocumentTopics" -> Samples.documentTopics();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Re-reads a current record as a generic record of another schema (binary resolution). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static GenericRecord asGeneric(SpecificRecord record, Schema target) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter(record.getSchema(), SpecificData.getForClass(record.getClass())).write(record, enc);
        enc.flush();
        BinaryDecoder dec = DecoderFactory.get().binaryDecoder(out.toByteArray(), null);
        return new GenericDatumReader<GenericRecord>(record.getSchema(), target).read(null, dec);
    }
}
