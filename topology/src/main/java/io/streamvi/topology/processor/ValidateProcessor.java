package io.streamvi.topology.processor;

import io.streamvi.avro.ObservationEvent;
import io.streamvi.model.observation.Observation;
import io.streamvi.serde.AvroCodec;
import io.streamvi.serde.ObservationMapper;
import io.streamvi.serde.SerdeException;
import io.streamvi.topology.TopologyNames;
import io.streamvi.topology.config.ModelConfig;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Decodes each input record and checks it against its model; good events go on to the SVI step
 * as (model, event, observation), everything else to the dead-letter topic with the reason.
 */
public final class ValidateProcessor implements Processor<byte[], byte[], Object, Object> {

    /** A decoded, validated event on its way to the SVI step. */
    public record Validated(ObservationEvent event, Observation observation) {
    }

    private final Map<String, ModelConfig> models;
    private final AvroCodec<ObservationEvent> codec = AvroCodec.of(ObservationEvent.class);
    private ProcessorContext<Object, Object> context;

    public ValidateProcessor(Map<String, ModelConfig> models) {
        this.models = models;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        ObservationEvent event;
        try {
            event = codec.decode(record.value());
        } catch (SerdeException e) {
            deadLetter(record, "decode", e.getMessage());
            return;
        }
        ModelConfig model = models.get(event.getModel());
        if (model == null) {
            deadLetter(record, "validate", "unknown model '" + event.getModel() + "' (configured: " + models.keySet() + ")");
            return;
        }
        if (event.getKey().isEmpty()) {
            deadLetter(record, "validate", "empty entity key");
            return;
        }
        Observation observation;
        try {
            observation = ObservationMapper.toModel(event.getPayload());
        } catch (IllegalArgumentException e) {
            deadLetter(record, "validate", e.getMessage());
            return;
        }
        String problem = model.model().validate(observation);
        if (problem != null) {
            deadLetter(record, "validate", "model '" + model.name() + "' (" + model.model().type() + "): " + problem);
            return;
        }
        context.forward(record.withKey((Object) event.getKey()).withValue(new Validated(event, observation)),
                TopologyNames.SVI_STEP);
    }

    private void deadLetter(Record<byte[], byte[]> record, String stage, String reason) {
        var headers = DeadLetters.headers(record.headers(), stage, reason, context.recordMetadata().orElse(null));
        context.forward(new Record<Object, Object>(record.key(), record.value(), record.timestamp(), headers),
                TopologyNames.DEAD_LETTER_SINK);
    }
}
