package io.streamvi.topology.lda;

import io.streamvi.avro.LdaState;
import io.streamvi.model.lda.LdaGlobals;
import io.streamvi.model.lda.StepOutcome;
import io.streamvi.serde.ObservationMapper;
import io.streamvi.topology.config.LdaConfig;

/** Between the stored {@link LdaState} record and the model's {@link LdaGlobals}. */
public final class LdaStates {

    static final int FORMAT_VERSION = 1;

    private LdaStates() {
    }

    /** The state before any document: the initial λ drawn from the model's seed, nothing stored yet. */
    public static LdaState initial(LdaConfig config) {
        LdaGlobals g = config.model().initialGlobals(config.seed());
        LdaState s = LdaState.newBuilder()
                .setFormatVersion(FORMAT_VERSION)
                .setTopics(config.model().topics())
                .setVocabularySize(config.model().vocabularySize())
                .setStep(0).setDocumentsSeen(0).setCorpusSize(0).setScale(1).setUntouchedScale(1)
                .setRowSeed(config.seed())
                .setTopicTotals(ObservationMapper.toList(g.topicTotals()))
                .build();
        set(s, g);
        return s;
    }

    /** Why a stored state cannot be used by the configured model (K or V changed), or null. */
    public static String incompatibility(LdaConfig config, LdaState s) {
        if (s.getTopics() != config.model().topics() || s.getVocabularySize() != config.model().vocabularySize()) {
            return "stored state of LDA model '" + config.name() + "' has K = " + s.getTopics() + ", V = "
                    + s.getVocabularySize() + "; the configuration says K = " + config.model().topics() + ", V = "
                    + config.model().vocabularySize() + " (changing K or V needs a new model name)";
        }
        return null;
    }

    public static LdaGlobals globals(LdaState s) {
        return new LdaGlobals(s.getStep(), s.getDocumentsSeen(), s.getCorpusSize(), s.getScale(),
                s.getUntouchedScale(), s.getRowSeed(), ObservationMapper.toArray(s.getTopicTotals()));
    }

    /** Writes an applied step into {@code s}. */
    public static void apply(LdaState s, StepOutcome outcome, long unknownTokens, long lastEventTime) {
        set(s, outcome.globals());
        s.setLastRho(outcome.diagnostics().rho());
        s.setLastElbo(outcome.diagnostics().elbo());
        s.setLastBatchSize(outcome.diagnostics().batchSize());
        s.setLastEventTime(Math.max(s.getLastEventTime(), lastEventTime));
        s.setUnknownTokens(s.getUnknownTokens() + unknownTokens);
        s.setDocumentsSinceEmit(s.getDocumentsSinceEmit() + outcome.diagnostics().batchSize());
    }

    private static void set(LdaState s, LdaGlobals g) {
        s.setStep(g.step());
        s.setDocumentsSeen(g.documentsSeen());
        s.setCorpusSize(g.corpusSize());
        s.setScale(g.scale());
        s.setUntouchedScale(g.untouchedScale());
        s.setRowSeed(g.rowSeed());
        s.setTopicTotals(ObservationMapper.toList(g.topicTotals()));
    }
}
