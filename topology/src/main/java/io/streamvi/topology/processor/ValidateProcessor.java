package io.streamvi.topology.processor;

import io.streamvi.avro.LdaDocument;
import io.streamvi.avro.ObservationEvent;
import io.streamvi.model.observation.Observation;
import io.streamvi.serde.AvroCodec;
import io.streamvi.serde.ObservationMapper;
import io.streamvi.serde.SerdeException;
import io.streamvi.topology.TopologyNames;
import io.streamvi.topology.config.LdaConfig;
import io.streamvi.topology.config.ModelConfig;
import io.streamvi.topology.lda.LdaDocuments;
import java.nio.charset.StandardCharsets;
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
    private final Map<String, LdaConfig> ldaModels;
    private final AvroCodec<ObservationEvent> codec = AvroCodec.of(ObservationEvent.class);
    private final AvroCodec<LdaDocument> documentCodec = AvroCodec.of(LdaDocument.class);
    private ProcessorContext<Object, Object> context;

    public ValidateProcessor(Map<String, ModelConfig> models) {
        this(models, Map.of());
    }

    /**
     * @param ldaModels online-LDA models: their valid documents go, unchanged and keyed by model
     *     name, to the documents topic (so that one task sees all documents of a model)
     */
    public ValidateProcessor(Map<String, ModelConfig> models, Map<String, LdaConfig> ldaModels) {
        this.models = models;
        this.ldaModels = ldaModels;
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
        LdaConfig lda = ldaModels.get(event.getModel());
        if (model == null && lda == null) {
            java.util.Set<String> known = new java.util.LinkedHashSet<>(models.keySet());
            known.addAll(ldaModels.keySet());
            deadLetter(record, "validate", "unknown model '" + event.getModel() + "' (configured: " + known + ")");
            return;
        }
        if (event.getKey().isEmpty()) {
            deadLetter(record, "validate", "empty entity key");
            return;
        }
        if (lda != null) {
            routeDocument(record, event, lda);
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

    /**
     * A valid document of an online-LDA model leaves for the documents topic as its bag of words
     * ({@code LdaDocument}: raw text is tokenised once, here), keyed by the model name.
     */
    private void routeDocument(Record<byte[], byte[]> record, ObservationEvent event, LdaConfig lda) {
        LdaDocuments.Parsed parsed = LdaDocuments.parse(lda, event.getPayload());
        if (!parsed.ok()) {
            deadLetter(record, "validate", "model '" + lda.name() + "' (lda): " + parsed.refusal());
            return;
        }
        byte[] routed = documentCodec.encode(LdaDocuments.routed(event, parsed, record.timestamp()));
        context.forward(record.withKey((Object) lda.name().getBytes(StandardCharsets.UTF_8)).withValue((Object) routed),
                TopologyNames.LDA_DOCUMENTS_SINK);
    }

    private void deadLetter(Record<byte[], byte[]> record, String stage, String reason) {
        var headers = DeadLetters.headers(record.headers(), stage, reason, context.recordMetadata().orElse(null));
        context.forward(new Record<Object, Object>(record.key(), record.value(), record.timestamp(), headers),
                TopologyNames.DEAD_LETTER_SINK);
    }
}
