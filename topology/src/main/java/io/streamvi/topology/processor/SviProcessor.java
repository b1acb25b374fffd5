package io.streamvi.topology.processor;

import io.streamvi.avro.ObservationEvent;
import io.streamvi.avro.PosteriorSnapshot;
import io.streamvi.avro.StoredState;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.svi.Seeds;
import io.streamvi.model.svi.StepResult;
import io.streamvi.model.svi.VariationalState;
import io.streamvi.serde.AvroCodec;
import io.streamvi.serde.ObservationMapper;
import io.streamvi.topology.StateKey;
import io.streamvi.topology.TopologyNames;
import io.streamvi.topology.config.AppConfig;
import io.streamvi.topology.config.ModelConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.header.internals.RecordHeaders;
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
 * The per-key SVI step. Each validated observation is appended to its key's pending minibatch in
 * the state store (so that a crash loses nothing: the store is changelogged and, under
 * exactly-once, committed with the input offsets). A minibatch is applied when it is full, when
 * stream time has moved {@code batch.maxDelayMs} past its first observation, or after
 * {@code batch.idleFlushMs} of wall-clock time. Snapshots go out by the model's emit policy.
 *
 * <p>Which keys have a pending minibatch or an unpublished change is also kept in memory, derived
 * from the store: {@link #init} rebuilds it by one scan, so that punctuators never scan the store.
 */
public final class SviProcessor implements Processor<Object, Object, Object, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(SviProcessor.class);

    /** Where a key's pending minibatch started: in stream time and in wall-clock time. */
    private record Pending(long streamSince, long wallSince) {
    }

    private final Map<String, ModelConfig> models;
    private final long punctuateIntervalMs;
    private final AvroCodec<ObservationEvent> eventCodec = AvroCodec.of(ObservationEvent.class);

    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, StoredState> store;
    private final TreeMap<String, Pending> pending = new TreeMap<>();
    private final TreeSet<String> unpublished = new TreeSet<>();
    private final Map<String, Long> lastEmitWallMs = new HashMap<>();
    private final Map<String, Integer> layoutSizes = new HashMap<>();

    public SviProcessor(AppConfig config) {
        this.models = config.models();
        this.punctuateIntervalMs = config.punctuateIntervalMs();
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.store = context.getStateStore(TopologyNames.STATE_STORE);
        long now = context.currentSystemTimeMs();
        try (KeyValueIterator<String, StoredState> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, StoredState> kv = it.next();
                if (!kv.value.getPending().isEmpty()) {
                    pending.put(kv.key, new Pending(kv.value.getPendingSince(), now));
                }
                if (kv.value.getUpdatesSinceEmit() > 0) {
                    unpublished.add(kv.key);
                }
            }
        }
        Duration every = Duration.ofMillis(punctuateIntervalMs);
        if (models.values().stream().anyMatch(m -> m.batch().maxDelayMs() > 0)) {
            context.schedule(every, PunctuationType.STREAM_TIME, this::onStreamTime);
        }
        if (models.values().stream().anyMatch(m -> m.batch().idleFlushMs() > 0 || m.emit().everyMs() > 0)) {
            context.schedule(every, PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
        }
    }

    @Override
    public void process(Record<Object, Object> record) {
        ValidateProcessor.Validated v = (ValidateProcessor.Validated) record.value();
        ObservationEvent event = v.event();
        ModelConfig model = models.get(event.getModel());
        String key = StateKey.of(model.name(), event.getKey());
        StoredState state = store.get(key);
        if (state == null) {
            state = StoredStates.initial(model);
        } else if (!state.getModelType().equals(model.model().type())) {
            deadLetter(event, event.getPayload(), "stored state of '" + key + "' was written by model type '"
                    + state.getModelType() + "', configuration now says '" + model.model().type() + "'");
            return;
        } else if (state.getParams().size() != layoutSize(model)) {
            deadLetter(event, event.getPayload(), "stored state of '" + key + "' has " + state.getParams().size()
                    + " parameters, the configured model needs " + layoutSize(model)
                    + " (were features, categories, components, noise or posterior changed?)");
            return;
        }
        if (state.getPending().isEmpty()) {
            state.setPendingSince(record.timestamp());
            pending.put(key, new Pending(record.timestamp(), context.currentSystemTimeMs()));
        }
        state.getPending().add(event.getPayload());
        state.setLastEventTime(Math.max(state.getLastEventTime(), event.getEventTime()));
        if (state.getPending().size() >= model.batch().sizeAt(state.getStep())) {
            step(key, model, state);
        }
        store.put(key, state);
    }

    /** The length of the parameter vector the configured model reads and writes. */
    private int layoutSize(ModelConfig model) {
        return layoutSizes.computeIfAbsent(model.name(), n -> model.model().initialState().dimension());
    }

    /** Applies the pending minibatch of {@code key} to {@code state} (in place) and emits if due. */
    private void step(String key, ModelConfig model, StoredState state) {
        List<Observation> batch = StoredStates.pendingObservations(state);
        VariationalState before = StoredStates.variational(state);
        String failure;
        StepResult result = null;
        try {
            result = model.model().update(before, batch, Seeds.forStream(model.name(), StateKey.entity(key)));
            failure = result.diagnostics().rejectedReason();
        } catch (RuntimeException e) {
            // a bug or an unforeseen numerical failure must not stop the stream thread (under
            // exactly-once the same minibatch would fail again on every restart): refuse the step
            LOG.error("{}: update failed", key, e);
            failure = "update failed: " + e;
        }
        if (failure != null) {
            String reason = "update rejected, state kept: " + failure;
            LOG.warn("{}: {} ({} observations sent to the dead-letter topic)", key, reason, batch.size());
            for (Object payload : state.getPending()) {
                deadLetter(new ObservationEvent(model.name(), StateKey.entity(key), state.getLastEventTime(), payload),
                        payload, reason);
            }
        } else {
            StoredStates.apply(state, result, model.convergence());
            if (model.predictiveChecks().enabled()) {
                model.predictiveChecks().append(state.getRecent(), state.getPending());
            }
            state.setUpdatesSinceEmit(state.getUpdatesSinceEmit() + 1);
        }
        state.getPending().clear();
        pending.remove(key);
        if (state.getUpdatesSinceEmit() == 0) {
            return;
        }
        int everyUpdates = model.emit().everyUpdates();
        if (everyUpdates > 0 && state.getUpdatesSinceEmit() >= everyUpdates) {
            emit(key, model, state);
        } else {
            unpublished.add(key);
        }
    }

    private void emit(String key, ModelConfig model, StoredState state) {
        PosteriorSnapshot snapshot;
        try {
            snapshot = Snapshots.of(model, StateKey.entity(key), StoredStates.variational(state),
                    state.getLastRho(), state.getLastElbo(), state.getLastElboStdErr(), state.getLastEventTime(),
                    ObservationMapper.toArray(state.getElboHistory()), StoredStates.recentObservations(state));
        } catch (RuntimeException e) {
            // the state is stored and stays; only this snapshot cannot be described
            LOG.error("{}: snapshot could not be built; state kept, snapshot skipped", key, e);
            return;
        }
        context.forward(new Record<Object, Object>(key, snapshot, Math.max(0, state.getLastEventTime())),
                TopologyNames.SNAPSHOT_SINK);
        state.setUpdatesSinceEmit(0);
        unpublished.remove(key);
        lastEmitWallMs.put(key, context.currentSystemTimeMs());
    }

    /** Applies minibatches whose first observation is {@code maxDelayMs} behind stream time. */
    private void onStreamTime(long streamTime) {
        for (Map.Entry<String, Pending> e : new ArrayList<>(pending.entrySet())) {
            ModelConfig model = models.get(StateKey.model(e.getKey()));
            long delay = model == null ? 0 : model.batch().maxDelayMs();
            if (delay > 0 && streamTime - e.getValue().streamSince() >= delay) {
                flush(e.getKey(), model);
            }
        }
    }

    private void onWallClock(long now) {
        for (Map.Entry<String, Pending> e : new ArrayList<>(pending.entrySet())) {
            ModelConfig model = models.get(StateKey.model(e.getKey()));
            long idle = model == null ? 0 : model.batch().idleFlushMs();
            if (idle > 0 && now - e.getValue().wallSince() >= idle) {
                flush(e.getKey(), model);
            }
        }
        for (String key : new ArrayList<>(unpublished)) {
            ModelConfig model = models.get(StateKey.model(key));
            long every = model == null ? 0 : model.emit().everyMs();
            if (every > 0 && now - lastEmitWallMs.getOrDefault(key, Long.MIN_VALUE / 2) >= every) {
                StoredState state = store.get(key);
                if (state != null && state.getUpdatesSinceEmit() > 0) {
                    emit(key, model, state);
                    store.put(key, state);
                } else {
                    unpublished.remove(key);
                }
            }
        }
    }

    private void flush(String key, ModelConfig model) {
        StoredState state = store.get(key);
        if (state == null || state.getPending().isEmpty()) {
            pending.remove(key);
            return;
        }
        if (state.getStep() == 0 && state.getPending().size() < model.model().minimumFirstBatch()) {
            return; // too few points to initialise from: wait for more
        }
        step(key, model, state);
        store.put(key, state);
    }

    private void deadLetter(ObservationEvent event, Object payload, String reason) {
        ObservationEvent e = new ObservationEvent(event.getModel(), event.getKey(), event.getEventTime(), payload);
        var headers = DeadLetters.headers(new RecordHeaders(), "update", reason, context.recordMetadata().orElse(null));
        context.forward(new Record<Object, Object>(event.getKey().getBytes(StandardCharsets.UTF_8), eventCodec.encode(e),
                Math.max(0, event.getEventTime()), headers), TopologyNames.DEAD_LETTER_SINK);
    }
}
