package io.streamvi.model.conjugate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamvi.model.observation.BinaryOutcome;
import io.streamvi.model.observation.Count;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.observation.RealValue;
import io.streamvi.model.schedule.RobbinsMonroSchedule;
import io.streamvi.model.svi.EffectiveDataSize;
import io.streamvi.model.svi.UpdateMode;
import io.streamvi.model.svi.VariationalState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The dev case e_conjugate_streams: three keyed streams of 20,000 events over 20 keys, run as the
 * topology runs them (per key, in minibatches of 7 flushed at each checkpoint), must reproduce
 * every key's exact posterior at each checkpoint of reference.json to 1e-9 relative (the
 * reference has 12 significant digits).
 */
class ConjugateStreamsReferenceTest {

    private static final String DIR = "/dev/e_conjugate_streams/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Event(String key, Observation observation) {
    }

    private static List<Event> events(String file, Function<JsonNode, Observation> payload) throws IOException {
        List<Event> out = new ArrayList<>();
        try (InputStream in = ConjugateStreamsReferenceTest.class.getResourceAsStream(DIR + file);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                JsonNode n = JSON.readTree(line);
                out.add(new Event(n.get("key").asText(), payload.apply(n)));
            }
        }
        return out;
    }

    private static JsonNode reference(String stream) throws IOException {
        try (InputStream in = ConjugateStreamsReferenceTest.class.getResourceAsStream(DIR + "reference.json")) {
            return JSON.readTree(in).get(stream);
        }
    }

    /**
     * Runs the stream per key, checking at each checkpoint C (after the first C events) that
     * {@code toReference} of every key's λ equals the reference vector.
     */
    private static void check(ConjugateFamily family, List<Event> events, JsonNode checkpoints,
            Function<double[], double[]> toReference) {
        ConjugateModel model = new ConjugateModel(family, UpdateMode.EXACT, RobbinsMonroSchedule.of(1, 0.7),
                new EffectiveDataSize.Seen());
        Map<String, VariationalState> states = new HashMap<>();
        Map<String, List<Observation>> pending = new HashMap<>();
        TreeSet<Integer> marks = new TreeSet<>();
        checkpoints.fieldNames().forEachRemaining(c -> marks.add(Integer.parseInt(c)));
        assertFalse(marks.isEmpty());
        int checked = 0;
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            List<Observation> batch = pending.computeIfAbsent(e.key(), k -> new ArrayList<>());
            batch.add(e.observation());
            if (batch.size() == 7) {
                flush(model, states, e.key(), batch);
            }
            if (marks.contains(i + 1)) {
                for (String key : new ArrayList<>(pending.keySet())) {
                    flush(model, states, key, pending.get(key));
                }
                JsonNode at = checkpoints.get(Integer.toString(i + 1));
                for (Iterator<Map.Entry<String, JsonNode>> it = at.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> ref = it.next();
                    VariationalState s = states.getOrDefault(ref.getKey(), model.initialState());
                    double[] actual = toReference.apply(model.lambda(s));
                    for (int j = 0; j < actual.length; j++) {
                        ConjugateFamilyContract.assertRelative(ref.getValue().get(j).asDouble(), actual[j], 1e-9,
                                ref.getKey() + "[" + j + "] at checkpoint " + (i + 1));
                    }
                    checked++;
                }
            }
        }
        assertEquals(marks.size() * checkpoints.get(marks.first().toString()).size(), checked);
    }

    private static void flush(ConjugateModel model, Map<String, VariationalState> states, String key,
            List<Observation> batch) {
        if (!batch.isEmpty()) {
            states.put(key, model.update(states.getOrDefault(key, model.initialState()), batch).state());
            batch.clear();
        }
    }

    @Test
    void betaBernoulliMatchesEveryCheckpoint() throws IOException {
        JsonNode ref = reference("beta_bernoulli");
        check(new BetaBernoulli(1, 1), events("beta_bernoulli.jsonl", n -> new BinaryOutcome(n.get("y").asInt() == 1)),
                ref.get("checkpoints_alpha_beta"), lambda -> lambda);
    }

    @Test
    void gammaPoissonMatchesEveryCheckpoint() throws IOException {
        JsonNode ref = reference("gamma_poisson");
        check(new GammaPoisson(1, 0.1), events("gamma_poisson.jsonl", n -> new Count(n.get("count").asLong(), 1.0)),
                ref.get("checkpoints_shape_rate"), lambda -> lambda);
    }

    /** Reference order: (μ_n, κ_n, a_n, b_n). */
    @Test
    void normalGammaMatchesEveryCheckpoint() throws IOException {
        JsonNode ref = reference("normal_gamma");
        NormalGamma family = new NormalGamma(0, 1, 1, 1);
        check(family, events("normal_gamma.jsonl", n -> new RealValue(n.get("x").asDouble())),
                ref.get("checkpoints_mu_kappa_a_b"), family::standard);
    }
}
