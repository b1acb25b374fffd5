package io.streamvi.model.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamvi.model.lda.InMemoryTopicWordRows;
import io.streamvi.model.lda.LdaEvaluation;
import io.streamvi.model.lda.LdaGlobals;
import io.streamvi.model.lda.OnlineLda;
import io.streamvi.model.observation.Document;
import io.streamvi.model.schedule.RobbinsMonroSchedule;
import io.streamvi.model.svi.EffectiveDataSize;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Online LDA on the dev man-pages corpus (src/test/resources/dev/d_lda_manpages) with the settings
 * of the peer figures in its reference.json: K = 20, α = η = 0.05, minibatches of 256 documents in
 * stream order, ρ_t = (64 + t)^−0.7, D = 990 (the training set) fixed, ≤ 50 inner iterations,
 * tolerance 1e-3 on the mean absolute change of γ; 1 and 5 passes; seeds 0, 1, 2 (the seed is both
 * the row seed of the initial λ and the update seed). Single-threaded, {@link InMemoryTopicWordRows}.
 *
 * <p>Per run: documents per second = 990 × passes / the wall time of {@code initialGlobals} plus all
 * updates (training only: reading the corpus, building the bags and the evaluation are not timed);
 * completion perplexity on heldout.txt; gensim's per-word bound. One untimed 1-pass run (seed 99)
 * warms the JIT up first; its time is printed as "cold".
 *
 * <p>Metrics, as the case README defines them. Completion perplexity: θ = γ/Σγ inferred from the
 * tokens at even positions of each held-out document, the odd positions scored with
 * Σ_k θ_k φ_kw, φ_kw = λ_wk / Σ_v λ_vk; exp(−mean log p per scored token). That is exactly
 * {@link LdaEvaluation#completionPerplexity}. Per-word bound: gensim's
 * {@code log_perplexity(heldout)} uses total_docs = the held-out count (the topic-word term counted
 * once), whereas the convenience overload of {@link LdaEvaluation#perWordBound} scales to the
 * training D; this benchmark passes H = 110 explicitly to match gensim, and also reports the bound
 * with D = 990 (gensim's {@code log_perplexity(heldout, total_docs=n_train)}, "amortised").
 *
 * <p>Arguments: {@code --seeds 0,1,2} (default), {@code --passes 1,5} (default), {@code --json PATH}
 * to write the runs and medians as JSON. Run with {@code bin/bench-lda}.
 */
public final class LdaManPagesBenchmark {

    static final String DIR = "/dev/d_lda_manpages/";
    static final int K = 20;
    static final double ALPHA = 0.05;
    static final double ETA = 0.05;
    static final int BATCH = 256;
    static final double KAPPA = 0.7;
    static final double TAU0 = 64.0;
    static final int INNER_ITERATIONS = 50;
    static final double INNER_TOLERANCE = 1e-3;

    private LdaManPagesBenchmark() {
    }

    record Run(int passes, long seed, double trainSeconds, double docsPerSecond, double completion,
            double bound, double boundAmortised) {
    }

    public static void main(String[] args) throws IOException {
        long[] seeds = {0, 1, 2};
        int[] passSettings = {1, 5};
        String json = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seeds" -> seeds = Arrays.stream(args[++i].split(",")).mapToLong(Long::parseLong).toArray();
                case "--passes" -> passSettings = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt)
                        .toArray();
                case "--json" -> json = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (expected --seeds 0,1,2 --passes 1,5 --json PATH)");
            }
        }
        List<String> vocab = lines(DIR + "vocab.txt");
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < vocab.size(); i++) {
            ids.put(vocab.get(i).strip(), i);
        }
        List<int[]> trainTokens = documents(DIR + "train.txt", ids);
        List<int[]> heldTokens = documents(DIR + "heldout.txt", ids);
        List<Document> train = new ArrayList<>();
        trainTokens.forEach(t -> train.add(LdaEvaluation.bagOf(t)));
        List<Document> held = new ArrayList<>();
        heldTokens.forEach(t -> held.add(LdaEvaluation.bagOf(t)));
        int v = vocab.size();
        System.out.printf("corpus: V = %d, %d training documents (%d tokens), %d held-out documents%n", v,
                train.size(), trainTokens.stream().mapToLong(t -> t.length).sum(), held.size());
        System.out.printf("unigram baseline completion perplexity (train counts + eta): %.1f%n",
                unigram(trainTokens, heldTokens, v));

        double cold = train(1, 99L, train, v).trainSeconds;
        System.out.printf("JIT warm-up run (1 pass, seed 99, untimed in the results): %.3f s, %.0f docs/s%n", cold,
                train.size() / cold);

        List<Run> runs = new ArrayList<>();
        for (int passes : passSettings) {
            for (long seed : seeds) {
                Trained t = train(passes, seed, train, v);
                double completion = LdaEvaluation.completionPerplexity(t.model, t.rows, t.globals, heldTokens, seed)
                        .perplexity();
                double bound = LdaEvaluation.perWordBound(t.model, t.rows, t.globals, held, held.size(), seed);
                double amortised = LdaEvaluation.perWordBound(t.model, t.rows, t.globals, held, train.size(), seed);
                Run r = new Run(passes, seed, t.trainSeconds, (double) train.size() * passes / t.trainSeconds,
                        completion, bound, amortised);
                runs.add(r);
                System.out.printf("streamvi passes %d seed %d: train %.3f s, %.0f docs/s, completion perplexity %.1f,"
                        + " per-word bound %.4f (amortised over D: %.4f)%n", passes, seed, r.trainSeconds,
                        r.docsPerSecond, r.completion, r.bound, r.boundAmortised);
            }
        }
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode out = mapper.createObjectNode();
        out.put("library", "streamvi");
        out.put("timed", "initialGlobals + all updates (training only), after one untimed warm-up run");
        out.put("warmup_seconds", cold);
        ArrayNode summary = out.putArray("summary");
        for (int passes : passSettings) {
            List<Run> these = runs.stream().filter(r -> r.passes == passes).toList();
            ObjectNode s = summary.addObject();
            s.put("passes", passes);
            s.put("docs_per_second", median(these.stream().mapToDouble(Run::docsPerSecond).toArray()));
            s.put("completion_perplexity", median(these.stream().mapToDouble(Run::completion).toArray()));
            s.put("heldout_per_word_bound_nats", median(these.stream().mapToDouble(Run::bound).toArray()));
            s.put("heldout_per_word_bound_amortised",
                    median(these.stream().mapToDouble(Run::boundAmortised).toArray()));
            System.out.printf("streamvi passes %d, median of %d seeds: %.0f docs/s, completion perplexity %.1f,"
                    + " per-word bound %.4f%n", passes, these.size(), s.get("docs_per_second").asDouble(),
                    s.get("completion_perplexity").asDouble(), s.get("heldout_per_word_bound_nats").asDouble());
        }
        ArrayNode all = out.putArray("runs");
        for (Run r : runs) {
            ObjectNode n = all.addObject();
            n.put("passes", r.passes);
            n.put("seed", r.seed);
            n.put("train_wall_seconds", r.trainSeconds);
            n.put("docs_per_second", r.docsPerSecond);
            n.put("completion_perplexity", r.completion);
            n.put("heldout_per_word_bound_nats", r.bound);
            n.put("heldout_per_word_bound_amortised", r.boundAmortised);
        }
        if (json != null) {
            mapper.writerWithDefaultPrettyPrinter().writeValue(new File(json), out);
        }
    }

    record Trained(OnlineLda model, InMemoryTopicWordRows rows, LdaGlobals globals, double trainSeconds) {
    }

    static Trained train(int passes, long seed, List<Document> docs, int v) {
        OnlineLda lda = new OnlineLda(K, v, ALPHA, ETA, RobbinsMonroSchedule.of(TAU0, KAPPA),
                new EffectiveDataSize.Fixed(docs.size()), INNER_ITERATIONS, INNER_TOLERANCE);
        InMemoryTopicWordRows rows = new InMemoryTopicWordRows();
        long start = System.nanoTime();
        LdaGlobals globals = lda.initialGlobals(seed);
        for (int pass = 0; pass < passes; pass++) {
            for (int from = 0; from < docs.size(); from += BATCH) {
                globals = lda.update(rows, globals, docs.subList(from, Math.min(docs.size(), from + BATCH)), seed)
                        .globals();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Trained(lda, rows, globals, seconds);
    }

    /** tools/lda_bench.py's unigram baseline: train counts + η, normalised, on the odd positions. */
    static double unigram(List<int[]> train, List<int[]> held, int v) {
        double[] p = new double[v];
        Arrays.fill(p, ETA);
        double total = v * ETA;
        for (int[] d : train) {
            for (int w : d) {
                p[w]++;
                total++;
            }
        }
        double log = 0;
        long n = 0;
        for (int[] d : held) {
            for (int i = 1; i < d.length; i += 2) {
                log += Math.log(p[d[i]] / total);
                n++;
            }
        }
        return Math.exp(-log / n);
    }

    static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    /** One token sequence per non-blank line, unknown tokens dropped (as tools/lda_bench.py). */
    static List<int[]> documents(String resource, Map<String, Integer> ids) {
        List<int[]> out = new ArrayList<>();
        for (String line : lines(resource)) {
            if (line.isBlank()) {
                continue;
            }
            out.add(Arrays.stream(line.trim().split("\\s+")).filter(ids::containsKey).mapToInt(ids::get).toArray());
        }
        return out;
    }

    static List<String> lines(String resource) {
        List<String> out = new ArrayList<>();
        InputStream in = LdaManPagesBenchmark.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + resource);
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                out.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
