package io.streamvi.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamvi.avro.ObservationEvent;
import io.streamvi.avro.PosteriorSnapshot;
import io.streamvi.avro.StoredState;
import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.Test;

class AvroCodecTest {

    @Test
    void roundTripsEveryRecordType() {
        assertEquals(Samples.event(), roundTrip(ObservationEvent.class, Samples.event()));
        assertEquals(Samples.snapshot(), roundTrip(PosteriorSnapshot.class, Samples.snapshot()));
        assertEquals(Samples.state(), roundTrip(StoredState.class, Samples.state()));
        assertEquals(Samples.ldaSnapshot(), roundTrip(PosteriorSnapshot.class, Samples.ldaSnapshot()));
        assertEquals(Samples.ldaState(), roundTrip(io.streamvi.avro.LdaState.class, Samples.ldaState()));
        assertEquals(Samples.ldaDocument(), roundTrip(io.streamvi.avro.LdaDocument.class, Samples.ldaDocument()));
        assertEquals(Samples.documentTopics(), roundTrip(io.streamvi.avro.DocumentTopics.class, Samples.documentTopics()));
    }

    @Test
    void usesSingleObjectEncoding() {
        byte[] bytes = AvroCodec.of(ObservationEvent.class).encode(Samples.event());
        // Avro single-object encoding marker C3 01, then the 8-byte schema fingerprint
        assertArrayEquals(new byte[] {(byte) 0xC3, 0x01}, new byte[] {bytes[0], bytes[1]});
    }

    @Test
    void garbageIsRefusedWithAReason() {
        AvroCodec<ObservationEvent> codec = AvroCodec.of(ObservationEvent.class);
        SerdeException e = assertThrows(SerdeException.class, () -> codec.decode("hello".getBytes()));
        assertTrue(e.getMessage().contains("single-object"), e.getMessage());
        byte[] wrongType = AvroCodec.of(PosteriorSnapshot.class).encode(Samples.snapshot());
        e = assertThrows(SerdeException.class, () -> codec.decode(wrongType));
        assertTrue(e.getMessage().contains("unknown writer schema"), e.getMessage());
        byte[] truncated = java.util.Arrays.copyOf(codec.encode(Samples.event()), 14);
        e = assertThrows(SerdeException.class, () -> codec.decode(truncated));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
    }

    @Test
    void trustsOnlyTheGeneratedPackage() {
        AvroTrust.install();
        ClassSecurityValidator.validate(ObservationEvent.class);
        assertThrows(SecurityException.class, () -> ClassSecurityValidator.validate(AvroCodecTest.class));
        assertThrows(SecurityException.class, () -> ClassSecurityValidator.validate(java.io.File.class));
    }

    private static <T extends org.apache.avro.specific.SpecificRecord> T roundTrip(Class<T> type, T value) {
        AvroSerde<T> serde = new AvroSerde<>(type);
        byte[] bytes = serde.serializer().serialize("t", value);
        return serde.deserializer().deserialize("t", bytes);
    }
}
