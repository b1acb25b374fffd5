package io.streamvi.model.lda;

import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.observation.Document;
import io.streamvi.model.schedule.StepSchedule;
import io.streamvi.model.svi.EffectiveDataSize;
import io.streamvi.model.svi.Seeds;
import io.streamvi.model.svi.StepDiagnostics;
import java.util.List;
import java.util.Objects;
import org.hipparchus.special.Gamma;

/**
 * Online LDA (Hoffman, Blei and Bach 2010, Algorithm 2; Hoffman et al. 2013, §4) with K topics over
 * a vocabulary of V word ids, symmetric priors θ_d ~ Dirichlet(α), β_k ~ Dirichlet(η).
 *
 * <p>One {@link #update} on a minibatch of S documents:
 * <ol>
 *   <li>for each document d, the local step ({@link DocumentInference}) against the current λ,
 *       giving γ_d and n_dw φ_dwk;
 *   <li>ρ_t from the schedule, D from the effective data size, s_wk = Σ_d n_dw φ_dwk;
 *   <li>the natural-gradient step λ_wk ← (1 − ρ_t)λ_wk + ρ_t(η + (D/S) s_wk) for every w, applied
 *       lazily ({@link LdaGlobals}): c ← (1 − ρ_t)c, and for the minibatch's words only
 *       μ̃_wk += ρ_t (D/S) s_wk / c, T̃_k += the same. When the new c would fall below the
 *       renormalisation threshold (1e-100, or 0 when ρ_t = 1) it is folded into every stored row
 *       and into u and T̃ in one full pass, and c restarts at 1.
 * </ol>
 *
 * <p>Initialisation, as gensim's: λ⁰_wk = g_wk ~ Gamma(100, 1/100), drawn for word w from
 * {@link Seeds#forStep}(rowSeed, w) ({@link GammaDraws}), so a row need not be stored until its
 * word first appears: μ̃_w = u·(g_w − η) until then. Each document's γ starts from K such draws
 * seeded by (seed, step, position in the minibatch). Everything is deterministic: the same rows,
 * globals, minibatch and seed give the same bits.
 */
public final class OnlineLda {

    /** The default c below which the scale is folded into the rows. */
    static final double DEFAULT_FOLD_BELOW = 1e-100;

    private final int topics;
    private final int vocabularySize;
    private final double alpha;
    private final double eta;
    private final StepSchedule schedule;
    private final EffectiveDataSize dataSize;
    private final int maxIterations;
    private final double tolerance;
    private final double foldBelow;

    /**
     * @param topics K ≥ 1
     * @param vocabularySize V ≥ 1: word ids are in [0, V)
     * @param alpha the symmetric document-topic prior α &gt; 0
     * @param eta the symmetric topic-word prior η &gt; 0
     * @param schedule ρ_t
     * @param dataSize D, the number of documents the corpus stands for
     * @param maxIterations the cap on γ updates per document (≥ 1)
     * @param tolerance the mean absolute change of γ below which the local step stops (gensim's
     *     gamma_threshold, 0.001 there), ≥ 0
     */
    public OnlineLda(int topics, int vocabularySize, double alpha, double eta, StepSchedule schedule,
            EffectiveDataSize dataSize, int maxIterations, double tolerance) {
        this(topics, vocabularySize, alpha, eta, schedule, dataSize, maxIterations, tolerance, DEFAULT_FOLD_BELOW);
    }

    /** As the public constructor, with the renormalisation threshold chosen (tests make it reachable). */
    OnlineLda(int topics, int vocabularySize, double alpha, double eta, StepSchedule schedule,
            EffectiveDataSize dataSize, int maxIterations, double tolerance, double foldBelow) {
        if (topics < 1) {
            throw new InvalidParameterException("topics", topics, "must be >= 1");
        }
        if (vocabularySize < 1) {
            throw new InvalidParameterException("vocabularySize", vocabularySize, "must be >= 1");
        }
        if (maxIterations < 1) {
            throw new InvalidParameterException("maxIterations", maxIterations, "must be >= 1");
        }
        this.topics = topics;
        this.vocabularySize = vocabularySize;
        this.alpha = InvalidParameterException.requirePositive("alpha", alpha);
        this.eta = InvalidParameterException.requirePositive("eta", eta);
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.dataSize = Objects.requireNonNull(dataSize, "dataSize");
        this.maxIterations = maxIterations;
        this.tolerance = InvalidParameterException.requireNonNegative("tolerance", tolerance);
        if (!(foldBelow > 0 && foldBelow < 1)) {
            throw new InvalidParameterException("foldBelow", foldBelow, "must be in (0, 1)");
        }
        this.foldBelow = foldBelow;
    }

    public int topics() {
        return topics;
    }

    public int vocabularySize() {
        return vocabularySize;
    }

    public double alpha() {
        return alpha;
    }

    public double eta() {
        return eta;
    }

    /**
     * The globals before any data, for an empty row store: c = u = 1 and T̃_k = Σ_w (g_wk − η),
     * which draws all V initial rows once (O(VK) time, nothing stored).
     */
    public LdaGlobals initialGlobals(long rowSeed) {
        double[] totals = new double[topics];
        for (int w = 0; w < vocabularySize; w++) {
            double[] g = initialDraw(rowSeed, w);
            for (int k = 0; k < topics; k++) {
                totals[k] += g[k] - eta;
            }
        }
        return new LdaGlobals(0, 0, 0.0, 1.0, 1.0, rowSeed, totals);
    }

    /** Why {@code d} cannot be used (a word id outside [0, V), a count below 1), or null when it can. */
    public String validate(Document d) {
        int[] ids = d.wordIds();
        int[] counts = d.counts();
        if (ids.length != counts.length) {
            return "wordIds and counts differ in length: " + ids.length + " vs " + counts.length;
        }
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocabularySize) {
                return "word id " + ids[i] + " at position " + i + " is outside [0, " + vocabularySize + ")";
            }
            if (counts[i] < 1) {
                return "count " + counts[i] + " of word id " + ids[i] + " at position " + i + " is below 1";
            }
        }
        return null;
    }

    /** Why the token sequence {@code tokens} cannot be used (a word id outside [0, V)), or null. */
    public String validateTokens(int[] tokens) {
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] < 0 || tokens[i] >= vocabularySize) {
                return "token " + tokens[i] + " at position " + i + " is outside [0, " + vocabularySize + ")";
            }
        }
        return null;
    }

    /**
     * Applies one step of online LDA to {@code rows} (in place: the rows of the minibatch's words,
     * and all stored rows when the scale is folded) and returns the globals to store with them.
     *
     * @param seed the stream's seed; the step number is mixed in ({@link Seeds#forStep})
     * @throws InvalidParameterException when the minibatch is empty or a document is invalid
     *     (field {@code batch[i]}, the requirement naming the problem)
     */
    public StepOutcome update(TopicWordRows rows, LdaGlobals globals, List<Document> batch, long seed) {
        checkTopics(globals);
        if (batch.isEmpty()) {
            throw new InvalidParameterException("batch", 0, "must hold at least one document");
        }
        for (int i = 0; i < batch.size(); i++) {
            String reason = validate(batch.get(i));
            if (reason != null) {
                throw new InvalidParameterException("batch[" + i + "]", batch.get(i), reason);
            }
        }
        int s = batch.size();
        long t = globals.step() + 1;
        double rho = schedule.rho(t);
        double d = dataSize.next(globals.corpusSize(), globals.documentsSeen(), s);
        long stepSeed = Seeds.forStep(seed, t);

        // The minibatch's distinct words in first-seen order, row r of the flat arrays below.
        WordIndex index = new WordIndex();
        int[][] rowOf = new int[s][];
        int longest = 0;
        for (int i = 0; i < s; i++) {
            int[] ids = batch.get(i).wordIds();
            int[] r = new int[ids.length];
            for (int j = 0; j < ids.length; j++) {
                r[j] = index.indexOf(ids[j]);
            }
            rowOf[i] = r;
            longest = Math.max(longest, ids.length);
        }
        int touched = index.size();
        int[] words = index.words();
        double[] psiTotals = psiOfTotals(globals);
        double[] beta = new double[touched * topics];
        double[][] mus = new double[touched][];
        double[] lambdaRow = new double[topics];
        for (int r = 0; r < touched; r++) {
            double[] mu = mu(rows, globals, words[r]);
            mus[r] = mu;
            for (int k = 0; k < topics; k++) {
                lambdaRow[k] = eta + globals.scale() * mu[k];
            }
            expElogBeta(lambdaRow, psiTotals, beta, r * topics);
        }

        double[] stats = new double[touched * topics];
        double[][] proportions = new double[s][];
        double score = 0;
        DocumentInference local = new DocumentInference(topics);
        local.beta(longest);
        for (int i = 0; i < s; i++) {
            Document doc = batch.get(i);
            int[] r = rowOf[i];
            double[] b = local.beta(r.length);
            for (int j = 0; j < r.length; j++) {
                System.arraycopy(beta, r[j] * topics, b, j * topics, topics);
            }
            local.run(doc.counts(), alpha, gammaInit(stepSeed, i), maxIterations, tolerance);
            local.addSufficient(r, stats);
            proportions[i] = normalised(local.gamma());
            score += local.score(doc.counts(), alpha);
        }

        double c = (1.0 - rho) * globals.scale();
        double u = globals.untouchedScale();
        double[] totals = globals.topicTotals();
        boolean fold = c < foldBelow;
        if (fold) {
            double factor = c;
            rows.forEach((w, row) -> rows.put(w, scaled(row, factor)));
            u *= factor;
            for (int k = 0; k < topics; k++) {
                totals[k] *= factor;
            }
            c = 1.0;
        }
        LdaGlobals folded = new LdaGlobals(globals.step(), globals.documentsSeen(), globals.corpusSize(), c, u,
                globals.rowSeed(), totals);
        double weight = rho * d / s / c;
        for (int r = 0; r < touched; r++) {
            // without a fold the rows and u are as read above, so μ̃_w is reused rather than re-read
            double[] mu = fold ? mu(rows, folded, words[r]) : mus[r];
            int at = r * topics;
            for (int k = 0; k < topics; k++) {
                double add = weight * stats[at + k];
                mu[k] += add;
                totals[k] += add;
            }
            rows.put(words[r], mu);
        }
        LdaGlobals next = new LdaGlobals(t, globals.documentsSeen() + s, d, c, u, globals.rowSeed(), totals);
        return new StepOutcome(next, proportions,
                new StepDiagnostics(t, rho, d, s, d / s * score, null));
    }

    /** μ̃_w: the stored row, or u·(g_w − η) when none is stored. */
    double[] mu(TopicWordRows rows, LdaGlobals globals, int wordId) {
        double[] row = rows.get(wordId);
        if (row != null) {
            return row.clone();
        }
        double[] g = initialDraw(globals.rowSeed(), wordId);
        double u = globals.untouchedScale();
        for (int k = 0; k < topics; k++) {
            g[k] = u * (g[k] - eta);
        }
        return g;
    }

    /** λ_w = η + c·μ̃_w. */
    double[] lambda(TopicWordRows rows, LdaGlobals globals, int wordId) {
        double[] mu = mu(rows, globals, wordId);
        for (int k = 0; k < topics; k++) {
            mu[k] = eta + globals.scale() * mu[k];
        }
        return mu;
    }

    /** ψ(Σ_w λ_wk) per topic. */
    double[] psiOfTotals(LdaGlobals globals) {
        double[] totals = globals.lambdaTotals(vocabularySize, eta);
        for (int k = 0; k < topics; k++) {
            totals[k] = Digamma.of(totals[k]);
        }
        return totals;
    }

    /** exp(E[ln β_kw]) = exp(ψ(λ_wk) − ψ(Σ_v λ_vk)) for one word's λ row. */
    static double[] expElogBeta(double[] lambdaRow, double[] psiTotals) {
        double[] out = new double[lambdaRow.length];
        expElogBeta(lambdaRow, psiTotals, out, 0);
        return out;
    }

    /** As {@link #expElogBeta(double[], double[])}, written into {@code out} from {@code offset}. */
    static void expElogBeta(double[] lambdaRow, double[] psiTotals, double[] out, int offset) {
        for (int k = 0; k < lambdaRow.length; k++) {
            out[offset + k] = Math.exp(Digamma.of(lambdaRow[k]) - psiTotals[k]);
        }
    }

    /**
     * The local step for {@code doc} given b_w per word id, in the scratch space {@code local}
     * (K topics, owned by the caller).
     */
    DocumentInference.Result infer(DocumentInference local, Document doc,
            java.util.function.IntFunction<double[]> expElogBeta, double[] gammaInit) {
        int[] ids = doc.wordIds();
        double[] b = local.beta(ids.length);
        for (int j = 0; j < ids.length; j++) {
            System.arraycopy(expElogBeta.apply(ids[j]), 0, b, j * topics, topics);
        }
        int iterations = local.run(doc.counts(), alpha, gammaInit, maxIterations, tolerance);
        return new DocumentInference.Result(local.gammaCopy(), local.score(doc.counts(), alpha), iterations);
    }

    /** The starting γ of document {@code index} of the step seeded by {@code stepSeed}. */
    double[] gammaInit(long stepSeed, int index) {
        return GammaDraws.draw(Seeds.forStep(stepSeed, index), topics);
    }

    /** The initial λ row g_w of word {@code wordId}. */
    double[] initialDraw(long rowSeed, int wordId) {
        return GammaDraws.draw(Seeds.forStep(rowSeed, wordId), topics);
    }

    void checkTopics(LdaGlobals globals) {
        if (globals.topics() != topics) {
            throw new InvalidParameterException("globals.topicTotals", globals.topics(),
                    "must hold one total per topic (" + topics + ")");
        }
    }

    static double[] normalised(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / sum;
        }
        return out;
    }

    /** Word id to row number, in first-seen order, without boxing (open addressing). */
    private static final class WordIndex {

        private int[] slots = new int[64]; // row + 1, 0 when empty
        private int[] words = new int[32];
        private int size;

        int indexOf(int word) {
            int mask = slots.length - 1;
            int h = mix(word) & mask;
            while (true) {
                int slot = slots[h];
                if (slot == 0) {
                    break;
                }
                if (words[slot - 1] == word) {
                    return slot - 1;
                }
                h = (h + 1) & mask;
            }
            if (size == words.length) {
                words = java.util.Arrays.copyOf(words, 2 * size);
            }
            words[size] = word;
            slots[h] = ++size;
            if (2 * size > slots.length) {
                rehash();
            }
            return size - 1;
        }

        int size() {
            return size;
        }

        /** The word ids by row (the array may be longer than {@link #size}). */
        int[] words() {
            return words;
        }

        private void rehash() {
            slots = new int[2 * slots.length];
            int mask = slots.length - 1;
            for (int r = 0; r < size; r++) {
                int h = mix(words[r]) & mask;
                while (slots[h] != 0) {
                    h = (h + 1) & mask;
                }
                slots[h] = r + 1;
            }
        }

        private static int mix(int x) {
            int h = x * 0x9E3779B9;
            return h ^ (h >>> 16);
        }
    }

    private static double[] scaled(double[] row, double factor) {
        double[] out = new double[row.length];
        for (int k = 0; k < row.length; k++) {
            out[k] = factor * row[k];
        }
        return out;
    }
}
