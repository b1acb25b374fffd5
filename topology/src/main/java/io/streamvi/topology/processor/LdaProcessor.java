package io.streamvi.topology.processor;

import io.streamvi.avro.DocumentTopics;
import io.streamvi.avro.LdaDocument;
import io.streamvi.avro.LdaState;
import io.streamvi.avro.ObservationEvent;
import io.streamvi.avro.PosteriorSnapshot;
import io.streamvi.model.observation.Document;
import io.streamvi.serde.AvroCodec;
import io.streamvi.serde.ObservationMapper;
import io.streamvi.serde.SerdeException;
import io.streamvi.topology.StateKey;
import io.streamvi.topology.TopologyNames;
import io.streamvi.topology.config.AppConfig;
import io.streamvi.topology.config.LdaConfig;
import io.streamvi.topology.lda.KeyValueTopicWordRows;
import io.streamvi.topology.lda.LdaDocuments;
import io.streamvi.topology.lda.LdaSnapshots;
import io.streamvi.topology.lda.LdaStates;
import io.streamvi.topology.lda.LdaStep;
import io.streamvi.topology.lda.LdaStoreKeys;
import io.streamvi.topology.lda.StagedTopicWordRows;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The online-LDA step of every {@code type: lda} model. Its input is the documents topic, keyed by
 * model name, so all documents of a model reach one task whatever key their producer gave them;
 * there each document is an {@code LdaDocument}, its bag of words. Each document is stored in
 * {@code lda-pending} as it arrived (one entry per document, so a crash loses nothing and a
 * minibatch costs one write per document, not a rewrite of the whole minibatch); when a
 * model's minibatch is full (or a stream-time / wall-clock deadline passes, as for the per-key
 * models) the step ({@link LdaStep}) runs against {@link KeyValueTopicWordRows}: it reads and
 * writes the rows of the minibatch's words only (plus, rarely, one pass that folds the lazy scale
 * into all rows), and its writes reach the store only when every row, the globals, the ELBO estimate
 * and the topic proportions are finite ({@link StagedTopicWordRows}). A refused step keeps the state
 * and dead-letters its documents with the reason (as events with their bags of words: raw text is
 * not kept once tokenised). Snapshots go out every {@code emit.everyDocuments} documents;
 * per-document topic proportions go to the model's {@code mixturesTopic} when it has one.
 *
 * <p>Which models have pending documents is also kept in memory, parsed; {@link #init} rebuilds
 * it by one scan of {@code lda-pending}.
 */
public final class LdaProcessor implements Processor<byte[], byte[], Object, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(LdaProcessor.class);

    /** A document waiting for its minibatch: as routed and stored, and as the current configuration reads it. */
    private record Pending(long sequence, LdaDocument document, LdaDocuments.Parsed parsed) {
    }

    /** A model's pending minibatch. */
    private static final class Batch {
        final List<Pending> documents = new ArrayList<>();
        long nextSequence;
        long streamSince;
        long wallSince;
    }

    private final Map<String, LdaConfig> models;
    private final long punctuateIntervalMs;
    private final AvroCodec<ObservationEvent> eventCodec = AvroCodec.of(ObservationEvent.class);
    private final AvroCodec<LdaDocument> documentCodec = AvroCodec.of(LdaDocument.class);

    private ProcessorContext<Object, Object> context;
    private KeyValueStore<Bytes, byte[]> rows;
    private KeyValueStore<String, LdaState> states;
    private KeyValueStore<Bytes, byte[]> pending;
    private final TreeMap<String, Batch> batches = new TreeMap<>();

    public LdaProcessor(AppConfig config) {
        this.models = config.ldaModels();
        this.punctuateIntervalMs = config.punctuateIntervalMs();
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.rows = context.getStateStore(TopologyNames.LDA_ROWS_STORE);
        this.states = context.getStateStore(TopologyNames.LDA_STATE_STORE);
        this.pending = context.getStateStore(TopologyNames.LDA_PENDING_STORE);
        long now = context.currentSystemTimeMs();
        try (KeyValueIterator<Bytes, byte[]> it = pending.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                String model = LdaStoreKeys.model(kv.key);
                LdaDocument document = documentCodec.decode(kv.value);
                LdaConfig config = models.get(model);
                LdaDocuments.Parsed parsed = config == null
                        ? new LdaDocuments.Parsed(null, 0, "LDA model '" + model + "' is no longer configured")
                        : LdaDocuments.parse(config, document);
                Batch b = batches.computeIfAbsent(model, m -> new Batch());
                if (b.documents.isEmpty()) {
                    b.streamSince = document.getTimestamp();
                    b.wallSince = now;
                }
                long sequence = LdaStoreKeys.sequence(kv.key);
                b.documents.add(new Pending(sequence, document, parsed));
                b.nextSequence = sequence + 1;
            }
        }
        Duration every = Duration.ofMillis(punctuateIntervalMs);
        if (models.values().stream().anyMatch(m -> m.batch().maxDelayMs() > 0)) {
            context.schedule(every, PunctuationType.STREAM_TIME, this::onStreamTime);
        }
        if (models.values().stream().anyMatch(m -> m.batch().idleFlushMs() > 0)) {
            context.schedule(every, PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String model = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        LdaDocument document;
        try {
            document = documentCodec.decode(record.value());
        } catch (SerdeException e) {
            deadLetter(record.key(), record.value(), record.timestamp(), "decode", e.getMessage());
            return;
        }
        LdaConfig config = models.get(model);
        if (config == null || !document.getModel().equals(model)) {
            deadLetter(document, "validate", "no LDA model '" + model + "' is configured (configured: "
                    + models.keySet() + ") or the document's model differs from its key");
            return;
        }
        LdaDocuments.Parsed parsed = LdaDocuments.parse(config, document);
        if (!parsed.ok()) {
            deadLetter(document, "validate", "model '" + model + "' (lda): " + parsed.refusal());
            return;
        }
        Batch b = batches.computeIfAbsent(model, m -> new Batch());
        if (b.documents.isEmpty()) {
            b.streamSince = record.timestamp();
            b.wallSince = context.currentSystemTimeMs();
        }
        long sequence = b.nextSequence++;
        pending.put(LdaStoreKeys.pending(LdaStoreKeys.prefix(model), sequence), record.value());
        b.documents.add(new Pending(sequence, document, parsed));
        if (b.documents.size() >= config.batch().size()) {
            step(model, config);
        }
    }

    /** Applies the pending minibatch of {@code model}, emits if due, and clears the minibatch. */
    private void step(String model, LdaConfig config) {
        Batch batch = batches.remove(model);
        if (batch == null || batch.documents.isEmpty()) {
            return;
        }
        Bytes prefix = LdaStoreKeys.prefix(model);
        for (Pending p : batch.documents) {
            pending.delete(LdaStoreKeys.pending(prefix, p.sequence()));
        }
        List<Pending> usable = new ArrayList<>(batch.documents.size());
        for (Pending p : batch.documents) {
            if (p.parsed().ok()) {
                usable.add(p);
            } else {
                deadLetter(p, "validate", "model '" + model + "' (lda): " + p.parsed().refusal());
            }
        }
        if (usable.isEmpty()) {
            return;
        }
        LdaState state = states.get(model);
        if (state == null) {
            state = LdaStates.initial(config);
        } else {
            String incompatible = LdaStates.incompatibility(config, state);
            if (incompatible != null) {
                usable.forEach(p -> deadLetter(p, "update", incompatible));
                return;
            }
        }
        List<Document> documents = new ArrayList<>(usable.size());
        long unknown = 0;
        long lastEventTime = Long.MIN_VALUE;
        for (Pending p : usable) {
            documents.add(p.parsed().document());
            unknown += p.parsed().unknownTokens();
            lastEventTime = Math.max(lastEventTime, p.document().getEventTime());
        }
        StagedTopicWordRows view = new StagedTopicWordRows(
                new KeyValueTopicWordRows(rows, model, config.model().topics()));
        LdaStep.Result result = LdaStep.apply(config, view, state, documents, unknown, lastEventTime);
        if (!result.applied()) {
            String reason = "update rejected, state kept: " + result.failure();
            LOG.warn("{}: {} ({} documents sent to the dead-letter topic)", model, reason, usable.size());
            usable.forEach(p -> deadLetter(p, "update", reason));
            return;
        }
        if (config.mixturesTopic() != null) {
            double[][] proportions = result.outcome().topicProportions();
            for (int i = 0; i < usable.size(); i++) {
                LdaDocument e = usable.get(i).document();
                DocumentTopics mixture = new DocumentTopics(model, e.getKey(), e.getEventTime(), state.getStep(),
                        ObservationMapper.toList(proportions[i]));
                context.forward(new Record<Object, Object>(e.getKey(), mixture, Math.max(0, e.getEventTime())),
                        TopologyNames.ldaMixturesSink(config.mixturesTopic()));
            }
        }
        if (LdaStep.snapshotDue(config, state)) {
            emit(model, config, state, view);
        }
        states.put(model, state);
    }

    private void emit(String model, LdaConfig config, LdaState state, StagedTopicWordRows view) {
        PosteriorSnapshot snapshot;
        try {
            snapshot = LdaSnapshots.of(config, state, view);
        } catch (RuntimeException e) {
            // the state is stored and stays; only this snapshot cannot be described (retried at the next step)
            LOG.error("{}: LDA snapshot could not be built; state kept, snapshot skipped", model, e);
            return;
        }
        context.forward(new Record<Object, Object>(StateKey.of(model, LdaSnapshots.KEY), snapshot,
                Math.max(0, state.getLastEventTime())), TopologyNames.LDA_SNAPSHOT_SINK);
        state.setDocumentsSinceEmit(0);
    }

    /** Applies minibatches whose first document is {@code maxDelayMs} behind stream time. */
    private void onStreamTime(long streamTime) {
        for (Map.Entry<String, Batch> e : new ArrayList<>(batches.entrySet())) {
            LdaConfig config = models.get(e.getKey());
            long delay = config == null ? 0 : config.batch().maxDelayMs();
            if (delay > 0 && streamTime - e.getValue().streamSince >= delay) {
                step(e.getKey(), config);
            }
        }
    }

    private void onWallClock(long now) {
        for (Map.Entry<String, Batch> e : new ArrayList<>(batches.entrySet())) {
            LdaConfig config = models.get(e.getKey());
            long idle = config == null ? 0 : config.batch().idleFlushMs();
            if (idle > 0 && now - e.getValue().wallSince >= idle) {
                step(e.getKey(), config);
            }
        }
    }

    private void deadLetter(Pending p, String stage, String reason) {
        deadLetter(p.document(), stage, reason);
    }

    /** A routed document goes to the dead-letter topic as an event with its bag of words. */
    private void deadLetter(LdaDocument d, String stage, String reason) {
        deadLetter(d.getKey().getBytes(StandardCharsets.UTF_8), eventCodec.encode(LdaDocuments.event(d)),
                d.getTimestamp(), stage, reason);
    }

    private void deadLetter(byte[] key, byte[] value, long timestamp, String stage, String reason) {
        var headers = DeadLetters.headers(new RecordHeaders(), stage, reason, context.recordMetadata().orElse(null));
        context.forward(new Record<Object, Object>(key, value, Math.max(0, timestamp), headers),
                TopologyNames.LDA_DEAD_LETTER_SINK);
    }
}
