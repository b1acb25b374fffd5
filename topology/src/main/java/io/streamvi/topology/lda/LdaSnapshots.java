package io.streamvi.topology.lda;

import io.streamvi.avro.LdaState;
import io.streamvi.avro.PosteriorSnapshot;
import io.streamvi.avro.Topic;
import io.streamvi.avro.TopicWord;
import io.streamvi.model.lda.LdaEvaluation;
import io.streamvi.model.lda.LdaGlobals;
import io.streamvi.model.lda.LdaTopics;
import io.streamvi.model.lda.OnlineLda;
import io.streamvi.model.lda.TopicWordRows;
import io.streamvi.model.posterior.NamedParameter;
import io.streamvi.model.posterior.Posterior;
import io.streamvi.serde.SnapshotMapper;
import io.streamvi.topology.config.LdaConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The snapshot of an online-LDA model: the model's progress (step t, documents seen, D, ρ_t, the
 * last minibatch's ELBO estimate), q(β) as far as a snapshot can carry it (α, η and Σ_w λ_wk per
 * topic: λ itself is V × K), the top words of every topic with their weights
 * E[β_kw] = λ_wk / Σ_v λ_vk, and in the diagnostics:
 * <ul>
 *   <li>{@code unknownTokens}: raw-text tokens not in the vocabulary, dropped, over all documents applied;
 *   <li>{@code batchSize}: S of the last step;
 *   <li>with a held-out set of H documents: {@code heldOutPerWordBound}, gensim's
 *       {@code log_perplexity} (the per-word ELBO in nats, total_docs = H, its default;
 *       {@link LdaEvaluation#perWordBound}), {@code heldOutPerplexity} = 2^(−bound) (the
 *       "perplexity estimate" gensim logs: base 2 on a natural-log bound), and
 *       {@code heldOutCompletionPerplexity} (document completion, natural base,
 *       {@link LdaEvaluation#completionPerplexity}); {@code heldOutDocuments} = H.
 * </ul>
 * The snapshot key is {@value #KEY}: a global model has no entity key.
 */
public final class LdaSnapshots {

    /** The entity key of every online-LDA snapshot ({@code model/*} on the snapshot topic). */
    public static final String KEY = "*";

    private LdaSnapshots() {
    }

    public static PosteriorSnapshot of(LdaConfig config, LdaState state, TopicWordRows rows) {
        OnlineLda model = config.model();
        LdaGlobals globals = LdaStates.globals(state);
        SnapshotMapper.Header header = new SnapshotMapper.Header(config.name(), KEY, LdaConfig.TYPE, "svi",
                state.getStep(), state.getDocumentsSeen(), state.getCorpusSize(), state.getLastRho(),
                state.getLastElbo(), state.getLastEventTime());
        double[] totals = globals.lambdaTotals(model.vocabularySize(), model.eta());
        Posterior posterior = new Posterior("Dirichlet", List.of(
                NamedParameter.scalar("alpha", model.alpha()),
                NamedParameter.scalar("eta", model.eta()),
                new NamedParameter("lambdaTotal", new int[] {model.topics()}, totals)), List.of());
        Map<String, Double> diagnostics = new TreeMap<>();
        diagnostics.put("unknownTokens", (double) state.getUnknownTokens());
        diagnostics.put("batchSize", (double) state.getLastBatchSize());
        HeldOutDocuments held = config.heldOut();
        if (held != null) {
            double bound = LdaEvaluation.perWordBound(model, rows, globals, held.bags(), held.size(), config.seed());
            diagnostics.put("heldOutPerWordBound", bound);
            diagnostics.put("heldOutPerplexity", Math.pow(2.0, -bound));
            diagnostics.put("heldOutCompletionPerplexity",
                    LdaEvaluation.completionPerplexity(model, rows, globals, held.sequences(), config.seed()).perplexity());
            diagnostics.put("heldOutDocuments", (double) held.size());
        }
        PosteriorSnapshot snapshot = SnapshotMapper.toAvro(header, posterior, diagnostics);
        List<Topic> topics = new ArrayList<>(model.topics());
        for (LdaTopics.Topic t : LdaTopics.top(model, rows, globals, config.topWords())) {
            int[] ids = t.wordIds();
            double[] weights = t.weights();
            List<TopicWord> words = new ArrayList<>(ids.length);
            for (int i = 0; i < ids.length; i++) {
                words.add(new TopicWord(ids[i], config.vocabulary() == null ? null : config.vocabulary().word(ids[i]),
                        weights[i]));
            }
            topics.add(new Topic(t.index(), t.lambdaTotal(), words));
        }
        snapshot.setTopics(topics);
        return snapshot;
    }
}
