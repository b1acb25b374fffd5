package io.streamvi.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamvi.avro.BinaryOutcome;
import io.streamvi.avro.Count;
import io.streamvi.avro.ObservationEvent;
import io.streamvi.avro.Regression;
import io.streamvi.model.observation.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventJsonTest {

    @Test
    void parsesTheDocumentedForm() {
        ObservationEvent e = EventJson.parse(
                "{\"model\":\"conversion\",\"key\":\"B\",\"eventTime\":5,\"payload\":{\"BinaryOutcome\":{\"success\":true}}}");
        assertEquals("conversion", e.getModel());
        assertEquals("B", e.getKey());
        assertEquals(5L, e.getEventTime());
        assertEquals(new BinaryOutcome(true), e.getPayload());
        ObservationEvent c = EventJson.parse(
                "{\"model\":\"m\",\"key\":\"k\",\"eventTime\":0,\"payload\":{\"Count\":{\"count\":3}}}");
        assertEquals(new Count(3L, 1.0), c.getPayload(), "exposure defaults to 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"BinaryOutcome\":{\"success\":false}}",
        "{\"Count\":{\"count\":7,\"exposure\":2.5}}",
        "{\"RealValue\":{\"value\":-1.25}}",
        "{\"Category\":{\"index\":3}}",
        "{\"VectorValue\":{\"values\":[1.0,2.0]}}",
        "{\"Regression\":{\"x\":[0.5,-1.0],\"y\":1.0,\"exposure\":1.0}}",
        "{\"Document\":{\"wordIds\":[1,5],\"counts\":[2,1]}}"})
    void everyPayloadRoundTripsThroughJsonAndTheModel(String payload) {
        String line = "{\"model\":\"m\",\"key\":\"k\",\"eventTime\":9,\"payload\":" + payload + "}";
        ObservationEvent e = EventJson.parse(line);
        assertEquals(e, EventJson.parse(EventJson.write(e)));
        Observation o = ObservationMapper.toModel(e.getPayload());
        assertEquals(e.getPayload(), ObservationMapper.toAvro(o));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json                                                                                 | not valid JSON",
        "[1,2]                                                                                    | expected a JSON object",
        "{\"key\":\"k\",\"eventTime\":1,\"payload\":{\"BinaryOutcome\":{\"success\":true}}}           | model: missing",
        "{\"model\":\"m\",\"key\":\"\",\"eventTime\":1,\"payload\":{\"BinaryOutcome\":{\"success\":true}}} | key: expected a non-empty string",
        "{\"model\":\"m\",\"key\":\"k\",\"eventTime\":1.5,\"payload\":{\"BinaryOutcome\":{\"success\":true}}} | eventTime: expected an integer",
        "{\"model\":\"m\",\"key\":\"k\",\"eventTime\":1,\"payload\":{\"BinaryOutcome\":{\"success\":1}}} | payload.BinaryOutcome.success: expected true or false",
        "{\"model\":\"m\",\"key\":\"k\",\"eventTime\":1,\"payload\":{\"Count\":{\"count\":2.5}}}        | payload.Count.count: expected an integer",
        "{\"model\":\"m\",\"key\":\"k\",\"eventTime\":1,\"payload\":{\"Poisson\":{\"n\":2}}}          | payload: unknown type 'Poisson'",
        "{\"model\":\"m\",\"key\":\"k\",\"eventTime\":1,\"payload\":{\"Regression\":{\"x\":[1,\"a\"],\"y\":1}}} | payload.Regression.x[1]: expected a number",
        "{\"model\":\"m\",\"key\":\"k\",\"eventTime\":1,\"colour\":2,\"payload\":{\"RealValue\":{\"value\":1}}} | colour: unknown field",
    })
    void badLinesNameTheField(String line, String expected) {
        EventFormatException e = assertThrows(EventFormatException.class, () -> EventJson.parse(line.strip()));
        assertTrue(e.getMessage().startsWith(expected.strip()), e.getMessage());
    }

    @Test
    void regressionKeepsItsVector() {
        ObservationEvent e = EventJson.parse(
                "{\"model\":\"m\",\"key\":\"k\",\"eventTime\":1,\"payload\":{\"Regression\":{\"x\":[1,2,3],\"y\":0}}}");
        assertEquals(3, ((Regression) e.getPayload()).getX().size());
    }
}
