package io.streamvi.model.lda;

import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.observation.Document;
import java.util.BitSet;
import java.util.List;
import org.hipparchus.special.Gamma;

/**
 * Held-out scores of an online-LDA state (rows and globals), neither of which is modified.
 *
 * <ul>
 *   <li>{@link #perWordBound}: gensim's {@code log_perplexity}. For H held-out documents with N
 *       tokens in all, standing for a corpus of D documents (r = D/H), it runs the local step of each
 *       document against the current λ and returns
 *       [r Σ_d ℓ_d + Σ_k Σ_w ((η − λ_wk)E[ln β_kw] + ln Γ(λ_wk) − ln Γ(η))
 *       + Σ_k (ln Γ(Vη) − ln Γ(Σ_w λ_wk))] / (r N),
 *       where ℓ_d is the document's ELBO terms ({@link DocumentInference.Result#score()}): the ELBO
 *       of the scaled-up corpus per word, a lower bound on the mean log-likelihood per word. It
 *       reads every row (one full pass).
 *   <li>{@link #completionPerplexity}: document completion (Wallach et al. 2009, "Evaluation
 *       methods for topic models"). For each held-out token sequence, θ = γ/Σγ is inferred from
 *       the tokens at even positions (0, 2, 4, ...) and the tokens at odd positions are scored by
 *       ln Σ_k θ_k φ_kw with φ_kw = λ_wk / Σ_v λ_vk (the posterior mean of β); the result is
 *       exp(−mean log probability per scored token). It reads only the rows of the words involved.
 * </ul>
 */
public final class LdaEvaluation {

    private LdaEvaluation() {
    }

    /**
     * @param perplexity exp(−Σ ln p / scored tokens)
     * @param meanLogProbability Σ ln p / scored tokens
     * @param scoredTokens the tokens at odd positions
     */
    public record Completion(double perplexity, double meanLogProbability, long scoredTokens) {
    }

    /** {@link #perWordBound(OnlineLda, TopicWordRows, LdaGlobals, List, double, long)} with D from the globals (H before any update). */
    public static double perWordBound(OnlineLda model, TopicWordRows rows, LdaGlobals globals, List<Document> heldOut,
            long seed) {
        double d = globals.corpusSize() > 0 ? globals.corpusSize() : heldOut.size();
        return perWordBound(model, rows, globals, heldOut, d, seed);
    }

    /**
     * The per-word ELBO of the held-out documents scaled to {@code totalDocuments} (see the class
     * comment).
     *
     * @param seed seeds each document's starting γ, with its position in {@code heldOut}
     */
    public static double perWordBound(OnlineLda model, TopicWordRows rows, LdaGlobals globals, List<Document> heldOut,
            double totalDocuments, long seed) {
        model.checkTopics(globals);
        InvalidParameterException.requirePositive("totalDocuments", totalDocuments);
        if (heldOut.isEmpty()) {
            throw new InvalidParameterException("heldOut", 0, "must hold at least one document");
        }
        double[] psiTotals = model.psiOfTotals(globals);
        DocumentInference local = new DocumentInference(model.topics());
        double documents = 0;
        long words = 0;
        for (int i = 0; i < heldOut.size(); i++) {
            Document doc = heldOut.get(i);
            String reason = model.validate(doc);
            if (reason != null) {
                throw new InvalidParameterException("heldOut[" + i + "]", doc, reason);
            }
            DocumentInference.Result r = model.infer(local, doc,
                    w -> OnlineLda.expElogBeta(model.lambda(rows, globals, w), psiTotals),
                    model.gammaInit(seed, i));
            documents += r.score();
            for (int n : doc.counts()) {
                words += n;
            }
        }
        double ratio = totalDocuments / heldOut.size();
        return (ratio * documents + topicTerm(model, rows, globals, psiTotals)) / (ratio * words);
    }

    /**
     * Σ_k Σ_w ((η − λ_wk)E[ln β_kw] + ln Γ(λ_wk) − ln Γ(η)) + Σ_k (ln Γ(Vη) − ln Γ(Σ_w λ_wk)):
     * E[ln p(β|η)] − E[ln q(β|λ)], over every word, stored or not.
     */
    private static double topicTerm(OnlineLda model, TopicWordRows rows, LdaGlobals globals, double[] psiTotals) {
        double eta = model.eta();
        double c = globals.scale();
        int v = model.vocabularySize();
        double[] acc = new double[1];
        BitSet stored = new BitSet(v);
        rows.forEach((w, mu) -> {
            stored.set(w);
            double[] lambda = new double[mu.length];
            for (int k = 0; k < mu.length; k++) {
                lambda[k] = eta + c * mu[k];
            }
            acc[0] += wordTerm(lambda, psiTotals, eta);
        });
        for (int w = stored.nextClearBit(0); w < v; w = stored.nextClearBit(w + 1)) {
            acc[0] += wordTerm(model.lambda(rows, globals, w), psiTotals, eta);
        }
        double lgEta = Gamma.logGamma(v * eta);
        for (double total : globals.lambdaTotals(v, eta)) {
            acc[0] += lgEta - Gamma.logGamma(total);
        }
        return acc[0];
    }

    private static double wordTerm(double[] lambda, double[] psiTotals, double eta) {
        double out = 0;
        double lgEta = Gamma.logGamma(eta);
        for (int k = 0; k < lambda.length; k++) {
            double elog = Digamma.of(lambda[k]) - psiTotals[k];
            out += (eta - lambda[k]) * elog + Gamma.logGamma(lambda[k]) - lgEta;
        }
        return out;
    }

    /**
     * Document-completion perplexity of {@code heldOut} token sequences (see the class comment);
     * sequences shorter than 2 tokens score nothing.
     *
     * @param seed seeds each sequence's starting γ, with its position in {@code heldOut}
     */
    public static Completion completionPerplexity(OnlineLda model, TopicWordRows rows, LdaGlobals globals,
            List<int[]> heldOut, long seed) {
        model.checkTopics(globals);
        double[] psiTotals = model.psiOfTotals(globals);
        DocumentInference local = new DocumentInference(model.topics());
        double[] totals = globals.lambdaTotals(model.vocabularySize(), model.eta());
        double logProbability = 0;
        long scored = 0;
        for (int i = 0; i < heldOut.size(); i++) {
            int[] tokens = heldOut.get(i);
            String reason = model.validateTokens(tokens);
            if (reason != null) {
                throw new InvalidParameterException("heldOut[" + i + "]", tokens.length + " tokens", reason);
            }
            if (tokens.length < 2) {
                continue;
            }
            int[] observed = new int[(tokens.length + 1) / 2];
            for (int n = 0; n < observed.length; n++) {
                observed[n] = tokens[2 * n];
            }
            DocumentInference.Result r = model.infer(local, bagOf(observed),
                    w -> OnlineLda.expElogBeta(model.lambda(rows, globals, w), psiTotals),
                    model.gammaInit(seed, i));
            double[] theta = OnlineLda.normalised(r.gamma());
            for (int n = 1; n < tokens.length; n += 2) {
                double[] lambda = model.lambda(rows, globals, tokens[n]);
                double p = 0;
                for (int k = 0; k < theta.length; k++) {
                    p += theta[k] * lambda[k] / totals[k];
                }
                logProbability += Math.log(p);
                scored++;
            }
        }
        if (scored == 0) {
            throw new InvalidParameterException("heldOut", heldOut.size() + " sequences",
                    "must hold a sequence of at least 2 tokens");
        }
        double mean = logProbability / scored;
        return new Completion(Math.exp(-mean), mean, scored);
    }

    /** The bag of words of a token sequence, word ids in increasing order. */
    public static Document bagOf(int[] tokens) {
        int[] sorted = tokens.clone();
        java.util.Arrays.sort(sorted);
        int distinct = 0;
        for (int n = 0; n < sorted.length; n++) {
            if (n == 0 || sorted[n] != sorted[n - 1]) {
                distinct++;
            }
        }
        int[] ids = new int[distinct];
        int[] counts = new int[distinct];
        int j = -1;
        for (int n = 0; n < sorted.length; n++) {
            if (n == 0 || sorted[n] != sorted[n - 1]) {
                ids[++j] = sorted[n];
            }
            counts[j]++;
        }
        return new Document(ids, counts);
    }
}
