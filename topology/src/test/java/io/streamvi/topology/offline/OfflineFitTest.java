package io.streamvi.topology.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamvi.avro.BinaryOutcome;
import io.streamvi.avro.ObservationEvent;
import io.streamvi.avro.PosteriorSnapshot;
import io.streamvi.serde.EventJson;
import io.streamvi.topology.TestConfigs;
import io.streamvi.topology.config.AppConfig;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OfflineFitTest {

    @Test
    void exactFitEqualsTheClosedFormAndBadLinesAreReported() {
        AppConfig config = TestConfigs.conversion("exact", 7, 0, 0, 1, 0);
        SplittableRandom rng = new SplittableRandom(3);
        List<String> lines = new ArrayList<>();
        int[] successes = new int[3];
        int[] totals = new int[3];
        for (int i = 0; i < 500; i++) {
            int k = rng.nextInt(3);
            boolean y = rng.nextDouble() < 0.2 + 0.2 * k;
            successes[k] += y ? 1 : 0;
            totals[k]++;
            lines.add(EventJson.write(new ObservationEvent("conversion", "v" + k, (long) i, new BinaryOutcome(y))));
        }
        lines.add(3, "{not json");
        lines.add(10, "{\"model\":\"churn\",\"key\":\"v1\",\"eventTime\":1,\"payload\":{\"BinaryOutcome\":{\"success\":true}}}");
        lines.add(20, "{\"model\":\"conversion\",\"key\":\"v1\",\"eventTime\":1,\"payload\":{\"Count\":{\"count\":2}}}");
        OfflineFit.Result r = OfflineFit.fit(config, new BufferedReader(new StringReader(String.join("\n", lines))));
        assertEquals(500, r.applied(), "every good event, the last partial minibatches included");
        assertEquals(3, r.refused().size(), r.refused().toString());
        assertTrue(r.refused().get(0).startsWith("line 4: not valid JSON"), r.refused().get(0));
        assertTrue(r.refused().get(1).startsWith("line 11: unknown model 'churn'"), r.refused().get(1));
        assertTrue(r.refused().get(2).contains("expects a BinaryOutcome payload"), r.refused().get(2));
        assertEquals(3, r.snapshots().size());
        for (int k = 0; k < 3; k++) {
            PosteriorSnapshot s = r.snapshots().get(k);
            assertEquals("v" + k, s.getKey());
            assertEquals(totals[k], s.getObservationsSeen());
            assertEquals(1.5 + successes[k], s.getDistribution().getParameters().get(0).getValues().get(0), 0.0);
            assertEquals(2.5 + totals[k] - successes[k], s.getDistribution().getParameters().get(1).getValues().get(0), 0.0);
        }
    }

    /** An lda model gets one snapshot, its state after the last document, the last partial minibatch applied. */
    @Test
    void ldaModelsGetTheirFinalSnapshot() {
        AppConfig config = io.streamvi.topology.config.ConfigLoader.parse("""
                application: {id: fit}
                topics: {observations: o, snapshots: s, deadLetters: d}
                models:
                  docs: {type: lda, topics: 2, vocabulary: {size: 6}, batch: {size: 4}, emit: {everyDocuments: 100}, seed: 1}
                """);
        List<String> lines = new ArrayList<>();
        OfflineLda reference = new OfflineLda(config.ldaModels().get("docs"));
        for (int i = 0; i < 10; i++) {
            int w = i % 2 == 0 ? 0 : 3;
            ObservationEvent e = new ObservationEvent("docs", "d" + i, (long) i, new io.streamvi.avro.Document(
                    List.of(w, w + 1, w + 2), List.of(3, 2, 1), null));
            lines.add(EventJson.write(e));
            reference.add(e);
        }
        lines.add("{\"model\":\"docs\",\"key\":\"bad\",\"eventTime\":1,\"payload\":{\"Document\":{\"wordIds\":[6],\"counts\":[1]}}}");
        OfflineFit.Result r = OfflineFit.fit(config, new BufferedReader(new StringReader(String.join("\n", lines))));
        assertEquals(10, r.applied());
        assertEquals(1, r.refused().size());
        assertTrue(r.refused().get(0).startsWith("line 11: model 'docs' (lda): word id 6 at position 0 is outside [0, 6)"),
                r.refused().get(0));
        assertEquals(1, r.snapshots().size());
        PosteriorSnapshot s = r.snapshots().get(0);
        assertEquals(3, s.getStep(), "minibatches of 4, 4 and the last 2");
        assertEquals(10, s.getObservationsSeen());
        reference.flush();
        assertEquals(reference.snapshot(), s);
    }
}
