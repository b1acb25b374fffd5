package io.streamvi.it.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamvi.avro.Document;
import io.streamvi.avro.ObservationEvent;
import io.streamvi.avro.PosteriorSnapshot;
import io.streamvi.deploy.broker.EmbeddedKafka;
import io.streamvi.deploy.client.EventFileProducer;
import io.streamvi.deploy.client.SnapshotSubscriber;
import io.streamvi.model.lda.InMemoryTopicWordRows;
import io.streamvi.model.lda.LdaEvaluation;
import io.streamvi.model.lda.LdaGlobals;
import io.streamvi.model.lda.OnlineLda;
import io.streamvi.serde.AvroCodec;
import io.streamvi.topology.StreamviApp;
import io.streamvi.topology.config.AppConfig;
import io.streamvi.topology.config.ConfigLoader;
import io.streamvi.topology.config.LdaConfig;
import io.streamvi.topology.lda.HeldOutDocuments;
import io.streamvi.topology.offline.OfflineLda;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Online LDA end to end on the dev man-page corpus (model test resources dev/d_lda_manpages) with
 * the peers' settings (K = 20, α = η = 0.05, minibatches of 256, κ = 0.7, τ0 = 64, D = 990 fixed,
 * ≤ 50 inner iterations, tolerance 1e-3), through a real KRaft broker in this JVM, next to the same
 * model in process measured in the same run. Not a test: run it with {@code bin/bench-lda --end-to-end}.
 *
 * <p>Per (passes, seed):
 * <ul>
 *   <li><b>in process</b>: {@link OnlineLda} on {@link InMemoryTopicWordRows} over the training
 *       documents as the app cuts them (one stream of 990 × passes documents in arrival order,
 *       minibatches of 256, the partial last one applied at the end); timed: {@code initialGlobals}
 *       plus every update, as in {@code LdaManPagesBenchmark}; documents/s = 990 × passes / that time.
 *   <li><b>end to end</b>: every document is first produced to the observations topic as raw text
 *       ({@code Document.text}, one event per line of train.txt, event times 1 ms apart; then a
 *       document of a second LDA model ten minutes of event time later, whose stream time applies the
 *       partial last minibatch);
 *       then the app (exactly-once, one stream thread, the default record cache) is started and
 *       timed from RUNNING until the snapshot with every document arrives on the snapshot topic
 *       (read_committed). That includes decoding, validation and tokenisation, the documents
 *       topic, the stores and their changelogs, the transactions and the final snapshot's
 *       held-out evaluation. Documents/s = 990 × passes / that time.
 * </ul>
 * The app's final snapshot is checked against {@link OfflineLda} fed the same events (every field,
 * held-out scores and top words included, the same bits), and its completion perplexity against
 * the timed in-process run's. One untimed warm-up of each kind runs first (1 pass).
 *
 * <p>Arguments: {@code --seeds 0} (default 0,1,2), {@code --passes 1,5} (default), {@code --json PATH},
 * {@code --kafka name=value} (a Kafka Streams property for the app; repeatable).
 */
public final class LdaEndToEndBenchmark {

    private static final String DIR = "/dev/d_lda_manpages/";
    private static final int BATCH = 256;
    /** Kafka Streams properties given with --kafka name=value (the app's defaults otherwise). */
    private static final java.util.Map<String, String> KAFKA = new java.util.TreeMap<>();

    private LdaEndToEndBenchmark() {
    }

    record Run(int passes, long seed, double inProcessSeconds, double endToEndSeconds, double produceSeconds,
            double completion, double bound, boolean identical) {
        double inProcessDocsPerSecond(int docs) {
            return (double) docs * passes / inProcessSeconds;
        }

        double endToEndDocsPerSecond(int docs) {
            return (double) docs * passes / endToEndSeconds;
        }
    }

    public static void main(String[] args) throws Exception {
        long[] seeds = {0, 1, 2};
        int[] passSettings = {1, 5};
        String json = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seeds" -> seeds = Arrays.stream(args[++i].split(",")).mapToLong(Long::parseLong).toArray();
                case "--passes" -> passSettings = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--json" -> json = args[++i];
                case "--kafka" -> {
                    String[] kv = args[++i].split("=", 2);
                    KAFKA.put(kv[0], kv[1]);
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (expected --seeds 0,1,2 --passes 1,5 --json PATH --kafka name=value)");
            }
        }
        Path work = Files.createTempDirectory("streamvi-bench-lda-e2e-");
        Files.write(work.resolve("vocab.txt"), lines(DIR + "vocab.txt"));
        Files.write(work.resolve("heldout.txt"), lines(DIR + "heldout.txt"));
        List<String> train = lines(DIR + "train.txt").stream().filter(l -> !l.isBlank()).toList();

        List<Run> runs = new ArrayList<>();
        try (EmbeddedKafka broker = EmbeddedKafka.start(work.resolve("broker"), 0)) {
            System.err.println("broker on " + broker.bootstrapServers());
            // every run's topics first: producing at once into a topic created a moment ago met a
            // not-yet-ready leader, and the idempotent producer's retry of its first batch was refused
            // as out of sequence after later batches had been appended
            List<String> names = new ArrayList<>(List.of("warmup"));
            for (int passes : passSettings) {
                for (long seed : seeds) {
                    names.add("p" + passes + "s" + seed);
                }
            }
            for (String name : names) {
                StreamviApp.ensureTopics(config(broker.bootstrapServers(), work, train.size(), 1, 0, name),
                        Duration.ofSeconds(30));
            }
            Thread.sleep(2000);
            Run warm = run(broker.bootstrapServers(), work, train, 1, 99L, "warmup");
            System.out.printf("warm-up (1 pass, seed 99, not in the results): in process %.3f s, end to end %.3f s%n",
                    warm.inProcessSeconds(), warm.endToEndSeconds());
            for (int passes : passSettings) {
                for (long seed : seeds) {
                    Run r = run(broker.bootstrapServers(), work, train, passes, seed, "p" + passes + "s" + seed);
                    runs.add(r);
                    System.out.printf("passes %d seed %d: in process %.0f docs/s (%.3f s); end to end %.0f docs/s "
                            + "(%.3f s from RUNNING to the last snapshot; producing took %.3f s); completion perplexity "
                            + "%.1f, per-word bound %.4f; snapshot equals the in-process run: %s%n", passes, seed,
                            r.inProcessDocsPerSecond(train.size()), r.inProcessSeconds(),
                            r.endToEndDocsPerSecond(train.size()), r.endToEndSeconds(), r.produceSeconds(),
                            r.completion(), r.bound(), r.identical() ? "yes" : "NO");
                }
            }
        }
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode out = mapper.createObjectNode();
        out.put("library", "streamvi");
        out.put("timed", "in process: initialGlobals + updates; end to end: app RUNNING until the last snapshot");
        ArrayNode summary = out.putArray("summary");
        for (int passes : passSettings) {
            List<Run> these = runs.stream().filter(r -> r.passes() == passes).toList();
            ObjectNode s = summary.addObject();
            s.put("passes", passes);
            s.put("in_process_docs_per_second", median(these.stream().mapToDouble(r -> r.inProcessDocsPerSecond(train.size()))));
            s.put("end_to_end_docs_per_second", median(these.stream().mapToDouble(r -> r.endToEndDocsPerSecond(train.size()))));
            s.put("completion_perplexity", median(these.stream().mapToDouble(Run::completion)));
            s.put("heldout_per_word_bound_nats", median(these.stream().mapToDouble(Run::bound)));
            s.put("identical", these.stream().allMatch(Run::identical));
            System.out.printf("passes %d, median of %d seeds: in process %.0f docs/s, end to end %.0f docs/s (%.2f of "
                    + "in process), completion perplexity %.1f%n", passes, these.size(),
                    s.get("in_process_docs_per_second").asDouble(), s.get("end_to_end_docs_per_second").asDouble(),
                    s.get("end_to_end_docs_per_second").asDouble() / s.get("in_process_docs_per_second").asDouble(),
                    s.get("completion_perplexity").asDouble());
        }
        ArrayNode all = out.putArray("runs");
        for (Run r : runs) {
            ObjectNode n = all.addObject();
            n.put("passes", r.passes());
            n.put("seed", r.seed());
            n.put("in_process_seconds", r.inProcessSeconds());
            n.put("end_to_end_seconds", r.endToEndSeconds());
            n.put("produce_seconds", r.produceSeconds());
            n.put("completion_perplexity", r.completion());
            n.put("heldout_per_word_bound_nats", r.bound());
            n.put("identical", r.identical());
        }
        if (json != null) {
            mapper.writerWithDefaultPrettyPrinter().writeValue(new File(json), out);
        }
        if (runs.stream().anyMatch(r -> !r.identical())) {
            System.exit(1);
        }
    }

    /** The app's configuration for one run: the peers' settings, the dev corpus's vocabulary and held-out set. */
    private static AppConfig config(String bootstrap, Path work, int documents, int passes, long seed, String name) {
        String app = "bench-lda-" + name;
        AppConfig cfg = ConfigLoader.parse("""
                application: {id: %1$s, bootstrapServers: '%2$s', punctuateIntervalMs: 100}
                topics: {observations: %1$s.o, snapshots: %1$s.s, deadLetters: %1$s.d, partitions: 1}
                models:
                  manpages:
                    type: lda
                    topics: 20
                    vocabulary: {file: vocab.txt}
                    prior: {alpha: 0.05, eta: 0.05}
                    schedule: {tau0: 64, kappa: 0.7}
                    effectiveDataSize: {type: fixed, n: %3$d}
                    iterations: 50
                    gammaThreshold: 0.001
                    batch: {size: %4$d, maxDelayMs: 600000}
                    emit: {everyDocuments: %5$d}
                    topWords: 10
                    heldOutFile: heldout.txt
                    seed: %6$d
                  clock: {type: lda, topics: 1, vocabulary: {size: 1}, batch: {size: 10}}
                """.formatted(app, bootstrap, documents, BATCH, documents * passes, seed), work)
                .withKafkaProperty(StreamsConfig.STATE_DIR_CONFIG, work.resolve("state-" + name).toString());
        for (var e : KAFKA.entrySet()) {
            cfg = cfg.withKafkaProperty(e.getKey(), e.getValue());
        }
        return cfg;
    }

    private static Run run(String bootstrap, Path work, List<String> train, int passes, long seed, String name)
            throws Exception {
        String app = "bench-lda-" + name;
        AppConfig cfg = config(bootstrap, work, train.size(), passes, seed, name);
        LdaConfig lda = cfg.ldaModels().get("manpages");
        // event times from now on, a millisecond apart: the broker accepts timestamps up to an hour ahead
        long base = System.currentTimeMillis();
        List<ObservationEvent> events = new ArrayList<>();
        for (int p = 0; p < passes; p++) {
            for (int d = 0; d < train.size(); d++) {
                long n = (long) p * train.size() + d;
                events.add(new ObservationEvent("manpages", "doc-" + n, base + n,
                        new Document(List.of(), List.of(), train.get(d))));
            }
        }

        double[] inProcess = inProcess(lda, events);
        OfflineLda reference = new OfflineLda(lda);
        events.forEach(reference::add);
        reference.flush();
        PosteriorSnapshot expected = reference.snapshots().get(reference.snapshots().size() - 1);

        AvroCodec<ObservationEvent> codec = AvroCodec.of(ObservationEvent.class);
        long produceStart = System.nanoTime();
        java.util.concurrent.atomic.AtomicReference<Exception> failed = new java.util.concurrent.atomic.AtomicReference<>();
        org.apache.kafka.clients.producer.Callback check = (meta, e) -> {
            if (e != null) {
                failed.compareAndSet(null, e);
            }
        };
        try (KafkaProducer<byte[], byte[]> producer = EventFileProducer.newProducer(bootstrap)) {
            for (ObservationEvent e : events) {
                producer.send(EventFileProducer.record(cfg.topics().observations(), e, codec), check);
            }
            producer.send(EventFileProducer.record(cfg.topics().observations(), new ObservationEvent("clock", "tick",
                    base + 600_000L + events.size(), new Document(List.of(0), List.of(1), null)), codec), check);
            producer.flush();
        }
        if (failed.get() != null) {
            throw new IllegalStateException(name + ": producing the documents failed", failed.get());
        }
        double produce = (System.nanoTime() - produceStart) / 1e9;

        PosteriorSnapshot[] last = new PosteriorSnapshot[1];
        double endToEnd;
        try (SnapshotSubscriber sub = new SnapshotSubscriber(bootstrap, cfg.topics().snapshots(), true);
                StreamviApp streamvi = new StreamviApp(cfg)) {
            streamvi.start();
            streamvi.awaitRunning(Duration.ofSeconds(120));
            long start = System.nanoTime();
            sub.run(s -> s.getModel().equals("manpages") && s.getObservationsSeen() == events.size(), 1,
                    Duration.ofSeconds(180), s -> last[0] = s);
            endToEnd = (System.nanoTime() - start) / 1e9;
            if (last[0] == null) {
                throw new IllegalStateException(name + ": no final snapshot from the app after 180 s without one"
                        + " (app " + streamvi.streams().state() + "; " + progress(bootstrap, app, cfg) + ")");
            }
        }
        double completion = last[0].getDiagnostics().get("heldOutCompletionPerplexity");
        return new Run(passes, seed, inProcess[0], endToEnd, produce, completion,
                last[0].getDiagnostics().get("heldOutPerWordBound"),
                expected.equals(last[0]) && completion == inProcess[1]);
    }

    /**
     * The model alone on the app's minibatches of the same documents (tokenised beforehand, not
     * timed): {seconds, completion perplexity} (the second must equal the app's).
     */
    private static double[] inProcess(LdaConfig lda, List<ObservationEvent> events) {
        List<io.streamvi.model.observation.Document> docs = new ArrayList<>(events.size());
        for (ObservationEvent e : events) {
            Document d = (Document) e.getPayload();
            docs.add(LdaEvaluation.bagOf(lda.vocabulary().tokenise(d.getText()).wordIds()));
        }
        OnlineLda model = lda.model();
        InMemoryTopicWordRows rows = new InMemoryTopicWordRows();
        long start = System.nanoTime();
        LdaGlobals g = model.initialGlobals(lda.seed());
        for (int from = 0; from < docs.size(); from += BATCH) {
            g = model.update(rows, g, docs.subList(from, Math.min(docs.size(), from + BATCH)), lda.seed()).globals();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        HeldOutDocuments held = lda.heldOut();
        return new double[] {seconds,
            LdaEvaluation.completionPerplexity(model, rows, g, held.sequences(), lda.seed()).perplexity()};
    }

    /** Committed offsets of the app's group against the end offsets of its input topics, for a stalled run. */
    private static String progress(String bootstrap, String app, AppConfig cfg) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                java.util.Map.of(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            var committed = admin.listConsumerGroupOffsets(app).partitionsToOffsetAndMetadata().get();
            java.util.Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest =
                    new java.util.HashMap<>();
            for (String t : List.of(cfg.topics().observations(), cfg.topics().documents())) {
                latest.put(new org.apache.kafka.common.TopicPartition(t, 0),
                        org.apache.kafka.clients.admin.OffsetSpec.latest());
            }
            var ends = admin.listOffsets(latest).all().get();
            StringBuilder sb = new StringBuilder();
            for (var e : ends.entrySet()) {
                var c = committed.get(e.getKey());
                sb.append(e.getKey()).append(": committed ").append(c == null ? "none" : c.offset()).append(" of ")
                        .append(e.getValue().offset()).append("; ");
            }
            return sb.toString();
        }
    }

    private static double median(java.util.stream.DoubleStream values) {
        double[] s = values.sorted().toArray();
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    private static List<String> lines(String resource) {
        InputStream in = LdaEndToEndBenchmark.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + resource);
        }
        List<String> out = new ArrayList<>();
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
