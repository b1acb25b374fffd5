package io.streamvi.topology.lda;

import io.streamvi.avro.LdaState;
import io.streamvi.model.lda.StepOutcome;
import io.streamvi.model.observation.Document;
import io.streamvi.topology.config.LdaConfig;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One online-LDA step as the app applies it, with or without Kafka: the model's update on staged
 * rows, then either everything is kept (rows committed, the state record updated in place) or,
 * when the update threw or any number it produced is not finite, nothing is (NumPyro's
 * {@code stable_update}: keep the old state). The processor and {@code streamvi fit} both step
 * through here, so they produce the same bits.
 */
public final class LdaStep {

    private static final Logger LOG = LoggerFactory.getLogger(LdaStep.class);

    /**
     * @param outcome the step's outcome (null when refused)
     * @param failure why the step was refused (null when applied)
     */
    public record Result(StepOutcome outcome, String failure) {
        public boolean applied() {
            return failure == null;
        }
    }

    private LdaStep() {
    }

    /**
     * Applies {@code documents} (a minibatch, in order) to the model of {@code config}.
     *
     * @param unknownTokens raw-text tokens of these documents that were not in the vocabulary
     * @param lastEventTime the newest event time among them
     */
    public static Result apply(LdaConfig config, StagedTopicWordRows rows, LdaState state, List<Document> documents,
            long unknownTokens, long lastEventTime) {
        StepOutcome outcome;
        String failure;
        try {
            outcome = config.model().update(rows, LdaStates.globals(state), documents, config.seed());
            failure = nonFinite(outcome, rows);
        } catch (RuntimeException e) {
            // a failure must not stop a stream thread (under exactly-once the same minibatch would
            // fail again on every restart): the step is refused and the caller dead-letters it
            LOG.error("{}: LDA update failed", config.name(), e);
            outcome = null;
            failure = "update failed: " + e;
        }
        if (failure != null) {
            rows.discard();
            return new Result(null, failure);
        }
        rows.commit();
        LdaStates.apply(state, outcome, unknownTokens, lastEventTime);
        return new Result(outcome, null);
    }

    /** Whether a snapshot is due: at least {@code emit.everyDocuments} documents since the last one. */
    public static boolean snapshotDue(LdaConfig config, LdaState state) {
        return state.getDocumentsSinceEmit() >= config.everyDocuments();
    }

    /** Why the outcome of a step must not be stored, or null when every number in it is finite. */
    private static String nonFinite(StepOutcome outcome, StagedTopicWordRows rows) {
        int word = rows.firstNonFinite();
        if (word >= 0) {
            return "the new lambda row of word id " + word + " is not finite";
        }
        if (!Double.isFinite(outcome.diagnostics().elbo())) {
            return "the ELBO estimate is not finite (" + outcome.diagnostics().elbo() + ")";
        }
        double[][] proportions = outcome.topicProportions();
        for (int d = 0; d < proportions.length; d++) {
            for (double v : proportions[d]) {
                if (!Double.isFinite(v)) {
                    return "the topic proportions of document " + d + " of the minibatch are not finite";
                }
            }
        }
        return null;
    }
}
