package io.streamvi.topology.offline;

import io.streamvi.model.lda.InMemoryTopicWordRows;
import io.streamvi.avro.DocumentTopics;
import io.streamvi.avro.LdaState;
import io.streamvi.avro.ObservationEvent;
import io.streamvi.avro.PosteriorSnapshot;
import io.streamvi.model.observation.Document;
import io.streamvi.serde.ObservationMapper;
import io.streamvi.topology.config.LdaConfig;
import io.streamvi.topology.lda.LdaDocuments;
import io.streamvi.topology.lda.LdaSnapshots;
import io.streamvi.topology.lda.LdaStates;
import io.streamvi.topology.lda.LdaStep;
import io.streamvi.topology.lda.StagedTopicWordRows;
import java.util.ArrayList;
import java.util.List;

/**
 * One online-LDA model without Kafka, stepped as the app steps it: documents in arrival order,
 * a minibatch applied when {@code batch.size} documents are pending (and by {@link #flush}, as the
 * app's deadlines would), the same {@link LdaStep} on rows kept in memory in the store's order,
 * snapshots when {@code emit.everyDocuments} is reached and per-document topic proportions for
 * every applied document. Fed the same documents in the same minibatches, it produces the same
 * snapshots as the app, bit for bit.
 */
public final class OfflineLda {

    private record Pending(ObservationEvent event, LdaDocuments.Parsed parsed) {
    }

    private final LdaConfig config;
    private final InMemoryTopicWordRows rows = new InMemoryTopicWordRows();
    private final LdaState state;
    private final List<Pending> pending = new ArrayList<>();
    private final List<PosteriorSnapshot> snapshots = new ArrayList<>();
    private final List<DocumentTopics> mixtures = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();

    public OfflineLda(LdaConfig config) {
        this.config = config;
        this.state = LdaStates.initial(config);
    }

    /** Adds one document event; returns why it was refused (null when taken). Steps when the minibatch is full. */
    public String add(ObservationEvent event) {
        LdaDocuments.Parsed parsed = LdaDocuments.parse(config, event.getPayload());
        if (!parsed.ok()) {
            return "model '" + config.name() + "' (lda): " + parsed.refusal();
        }
        pending.add(new Pending(event, parsed));
        if (pending.size() >= config.batch().size()) {
            flush();
        }
        return null;
    }

    /** Applies the pending documents, if any, as one minibatch. */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<Document> documents = new ArrayList<>(pending.size());
        long unknown = 0;
        long lastEventTime = Long.MIN_VALUE;
        for (Pending p : pending) {
            documents.add(p.parsed().document());
            unknown += p.parsed().unknownTokens();
            lastEventTime = Math.max(lastEventTime, p.event().getEventTime());
        }
        StagedTopicWordRows staged = new StagedTopicWordRows(rows);
        LdaStep.Result result = LdaStep.apply(config, staged, state, documents, unknown, lastEventTime);
        if (!result.applied()) {
            refused.add("update of " + config.name() + " refused, state kept (" + pending.size() + " documents): "
                    + result.failure());
        } else {
            double[][] proportions = result.outcome().topicProportions();
            for (int i = 0; i < pending.size(); i++) {
                ObservationEvent e = pending.get(i).event();
                mixtures.add(new DocumentTopics(config.name(), e.getKey(), e.getEventTime(), state.getStep(),
                        ObservationMapper.toList(proportions[i])));
            }
            if (LdaStep.snapshotDue(config, state)) {
                snapshots.add(LdaSnapshots.of(config, state, rows));
                state.setDocumentsSinceEmit(0);
            }
        }
        pending.clear();
    }

    /** The snapshot of the current state, whether or not the emit policy would publish one now. */
    public PosteriorSnapshot snapshot() {
        return LdaSnapshots.of(config, state, rows);
    }

    /** The snapshots the emit policy published so far, oldest first. */
    public List<PosteriorSnapshot> snapshots() {
        return List.copyOf(snapshots);
    }

    /** The topic proportions of every applied document, in order. */
    public List<DocumentTopics> mixtures() {
        return List.copyOf(mixtures);
    }

    /** Steps that were refused, with the reason. */
    public List<String> refused() {
        return List.copyOf(refused);
    }

    public LdaState state() {
        return state;
    }

    public InMemoryTopicWordRows rows() {
        return rows;
    }
}
