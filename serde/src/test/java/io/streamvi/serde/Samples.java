package io.streamvi.serde;

import io.streamvi.avro.BinaryOutcome;
import io.streamvi.avro.Count;
import io.streamvi.avro.Distribution;
import io.streamvi.avro.Document;
import io.streamvi.avro.DocumentTopics;
import io.streamvi.avro.LdaDocument;
import io.streamvi.avro.LdaState;
import io.streamvi.avro.ObservationEvent;
import io.streamvi.avro.Parameter;
import io.streamvi.avro.PosteriorSnapshot;
import io.streamvi.avro.Regression;
import io.streamvi.avro.StoredState;
import io.streamvi.avro.Summary;
import io.streamvi.avro.Topic;
import io.streamvi.avro.TopicWord;
import java.util.List;
import java.util.Map;

/** Representative records of each wire type, for tests. */
public final class Samples {
    private Samples() {
    }

    public static ObservationEvent event() {
        return new ObservationEvent("conversion", "variant-B", 1_700_000_000_000L, new BinaryOutcome(true));
    }

    public static PosteriorSnapshot snapshot() {
        return PosteriorSnapshot.newBuilder()
                .setModel("conversion").setKey("variant-B").setModelType("beta-bernoulli").setMode("exact")
                .setStep(12).setObservationsSeen(300).setEffectiveDataSize(300).setRho(1.0).setElbo(-101.5)
                .setLastEventTime(1_700_000_000_000L)
                .setDistribution(new Distribution("Beta", List.of(
                        new Parameter("alpha", List.of(), List.of(31.0)),
                        new Parameter("beta", List.of(), List.of(271.0)))))
                .setSummaries(List.of(new Summary("theta", 0.1026, 0.0175, 0.0710, 0.1016, 0.1390)))
                .setPredictive(List.of(new Summary("y", 0.1026, 0.3034, 0.0, 0.0, 1.0)))
                .setDiagnostics(Map.of("elboSmoothed", -101.0))
                .setTopics(List.of())
                .build();
    }

    /** An online-LDA snapshot: top words per topic, held-out scores in the diagnostics. */
    public static PosteriorSnapshot ldaSnapshot() {
        return PosteriorSnapshot.newBuilder()
                .setModel("manpages").setKey("*").setModelType("lda").setMode("svi")
                .setStep(4).setObservationsSeen(990).setEffectiveDataSize(990).setRho(0.05).setElbo(-2.5e6)
                .setLastEventTime(1_700_000_000_000L)
                .setDistribution(new Distribution("Dirichlet", List.of(
                        new Parameter("alpha", List.of(), List.of(0.05)),
                        new Parameter("lambdaTotal", List.of(2), List.of(1500.5, 2200.25)))))
                .setSummaries(List.of())
                .setPredictive(List.of())
                .setDiagnostics(Map.of("heldOutPerWordBound", -7.5, "unknownTokens", 12.0))
                .setTopics(List.of(
                        new Topic(0, 1500.5, List.of(new TopicWord(3, "file", 0.031), new TopicWord(9, null, 0.02))),
                        new Topic(1, 2200.25, List.of(new TopicWord(1, "process", 0.05)))))
                .build();
    }

    public static LdaState ldaState() {
        return LdaState.newBuilder()
                .setTopics(2).setVocabularySize(10).setStep(3).setDocumentsSeen(768).setCorpusSize(990)
                .setScale(0.25).setUntouchedScale(1.0).setRowSeed(7L).setTopicTotals(List.of(12.5, 8.0))
                .setLastRho(0.06).setLastElbo(-1234.5).setLastBatchSize(256).setLastEventTime(17L)
                .setUnknownTokens(40L).setDocumentsSinceEmit(512L)
                .build();
    }

    public static LdaDocument ldaDocument() {
        return new LdaDocument("manpages", "ls.1", 1_700_000_000_000L, 1_700_000_000_005L, List.of(3, 9, 14),
                List.of(2, 1, 5), 4L);
    }

    public static DocumentTopics documentTopics() {
        return new DocumentTopics("manpages", "ls.1", 1_700_000_000_000L, 4L, List.of(0.75, 0.25));
    }

    public static StoredState state() {
        return StoredState.newBuilder()
                .setModelType("beta-bernoulli").setStep(3).setObservationsSeen(90).setEffectiveDataSize(90)
                .setParams(List.of(11.0, 81.0)).setLastRho(0.5).setLastElbo(-30.25).setLastEventTime(17L)
                .setPending(List.of(new BinaryOutcome(false), new Count(3L, 2.0),
                        new Regression(List.of(1.0, 2.0), 0.5, 1.0), new Document(List.of(4, 9), List.of(1, 2), null)))
                .setRecent(List.of(new BinaryOutcome(true), new Count(0L, 1.0)))
                .setPendingSince(12L).setUpdatesSinceEmit(2)
                .build();
    }
}
