package io.streamvi.topology.offline;

import io.streamvi.avro.ObservationEvent;
import io.streamvi.avro.PosteriorSnapshot;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.svi.Seeds;
import io.streamvi.model.svi.StepResult;
import io.streamvi.model.svi.VariationalState;
import io.streamvi.serde.EventFormatException;
import io.streamvi.serde.EventJson;
import io.streamvi.serde.ObservationMapper;
import io.streamvi.topology.StateKey;
import io.streamvi.topology.config.AppConfig;
import io.streamvi.topology.config.LdaConfig;
import io.streamvi.topology.config.ModelConfig;
import io.streamvi.topology.processor.Snapshots;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code streamvi fit}: the models of a configuration run over a file of events in order, without
 * Kafka, with the app's own update code: each key's minibatches are cut by its model's batch size
 * (the first one by {@code batch.firstSize}), random draws are seeded by (model, key, step), and
 * the last partial minibatch of every key is applied at the end of the file (as the app's flushes
 * would). Events the app would dead-letter are reported with their line number and skipped.
 * Online-LDA models ({@link OfflineLda}) get one snapshot each: their state after the last document.
 */
public final class OfflineFit {

    /** What a run produced: the final snapshot of every key, and the lines that were refused. */
    public record Result(List<PosteriorSnapshot> snapshots, List<String> refused, long applied) {
    }

    private static final class KeyState {
        VariationalState state;
        final List<Observation> pending = new ArrayList<>();
        long lastEventTime;
        double rho;
        double elbo;
        double elboStdErr;
        double[] elboHistory = new double[0];
        final List<Observation> recent = new ArrayList<>();
    }

    private OfflineFit() {
    }

    /** Sees every applied step of a key model: the minibatch and what the update returned. */
    @FunctionalInterface
    public interface StepListener {
        void onStep(String model, String key, List<Observation> batch, StepResult result);
    }

    public static Result fit(AppConfig config, BufferedReader events) {
        return fit(config, events, (model, key, batch, result) -> { });
    }

    /** As {@link #fit(AppConfig, BufferedReader)}, telling {@code listener} about every applied step. */
    public static Result fit(AppConfig config, BufferedReader events, StepListener listener) {
        Map<String, KeyState> keys = new TreeMap<>();
        Map<String, OfflineLda> ldaModels = new TreeMap<>();
        List<String> refused = new ArrayList<>();
        long applied = 0;
        long lineNo = 0;
        try {
            for (String line; (line = events.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                ObservationEvent event;
                Observation observation;
                ModelConfig model;
                try {
                    event = EventJson.parse(line);
                    LdaConfig lda = config.ldaModels().get(event.getModel());
                    if (lda != null) {
                        String problem = ldaModels.computeIfAbsent(lda.name(), n -> new OfflineLda(lda)).add(event);
                        if (problem != null) {
                            throw new IllegalArgumentException(problem);
                        }
                        continue;
                    }
                    model = config.models().get(event.getModel());
                    if (model == null) {
                        throw new IllegalArgumentException("unknown model '" + event.getModel() + "'");
                    }
                    observation = ObservationMapper.toModel(event.getPayload());
                    String problem = model.model().validate(observation);
                    if (problem != null) {
                        throw new IllegalArgumentException("model '" + model.name() + "' (" + model.model().type() + "): "
                                + problem);
                    }
                } catch (EventFormatException | IllegalArgumentException e) {
                    refused.add("line " + lineNo + ": " + e.getMessage());
                    continue;
                }
                KeyState k = keys.computeIfAbsent(StateKey.of(model.name(), event.getKey()), s -> new KeyState());
                if (k.state == null) {
                    k.state = model.model().initialState();
                }
                k.pending.add(observation);
                k.lastEventTime = Math.max(k.lastEventTime, event.getEventTime());
                if (k.pending.size() >= model.batch().sizeAt(k.state.step())) {
                    applied += step(model, event.getKey(), k, refused, lineNo, listener);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<PosteriorSnapshot> snapshots = new ArrayList<>();
        for (OfflineLda lda : ldaModels.values()) {
            lda.flush();
            refused.addAll(lda.refused());
            applied += lda.state().getDocumentsSeen();
            snapshots.add(lda.snapshot());
        }
        for (Map.Entry<String, KeyState> e : keys.entrySet()) {
            ModelConfig model = config.models().get(StateKey.model(e.getKey()));
            KeyState k = e.getValue();
            String key = StateKey.entity(e.getKey());
            if (!k.pending.isEmpty() && (k.state.step() > 0 || k.pending.size() >= model.model().minimumFirstBatch())) {
                applied += step(model, key, k, refused, lineNo, listener);
            }
            if (k.state.step() > 0) {
                snapshots.add(Snapshots.of(model, key, k.state, k.rho, k.elbo, k.elboStdErr, k.lastEventTime,
                        k.elboHistory, k.recent));
            }
        }
        return new Result(snapshots, refused, applied);
    }

    private static int step(ModelConfig model, String key, KeyState k, List<String> refused, long lineNo,
            StepListener listener) {
        StepResult r = model.model().update(k.state, k.pending, Seeds.forStream(model.name(), key));
        int n = k.pending.size();
        List<Observation> batch = List.copyOf(k.pending);
        k.pending.clear();
        if (r.diagnostics().rejected()) {
            refused.add("update of " + model.name() + "/" + key + " at line " + lineNo + " refused, state kept ("
                    + n + " observations): " + r.diagnostics().rejectedReason());
            return 0;
        }
        listener.onStep(model.name(), key, batch, r);
        k.state = r.state();
        k.rho = r.diagnostics().rho();
        k.elbo = r.diagnostics().elbo();
        k.elboStdErr = r.diagnostics().elboStdErr();
        k.elboHistory = model.convergence().append(k.elboHistory, k.elbo);
        if (model.predictiveChecks().enabled()) {
            model.predictiveChecks().append(k.recent, batch);
        }
        return n;
    }
}
