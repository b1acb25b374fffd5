package io.streamvi.topology.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.schedule.RobbinsMonroSchedule;
import io.streamvi.model.schedule.StepSchedule;
import io.streamvi.model.svi.EffectiveDataSize;
import io.streamvi.model.svi.ElboConvergence;
import io.streamvi.model.svi.StreamingModel;
import io.streamvi.model.svi.UpdateMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the configuration file (YAML; JSON is YAML too) and validates every field, so that a bad
 * file fails at start-up with a message naming the field, never later on a live stream. The
 * reference of every field is in the README ("Configuration").
 */
public final class ConfigLoader {

    /**
     * The largest parameter vector a key may store: the state is one changelog record, and Kafka's
     * producer refuses records over 1 MiB unless max.request.size is raised.
     */
    static final long MAX_STATE_BYTES = 768 * 1024;

    /** Model names appear in state keys {@code model/key}: no '/' allowed. */
    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private ConfigLoader() {
    }

    public static AppConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), "no such file");
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot read: " + e.getMessage());
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, dir == null ? Path.of("") : dir);
    }

    /** Parses a configuration whose relative file paths (vocabularies, held-out sets) are relative to the working directory. */
    public static AppConfig parse(String yaml) {
        return parse(yaml, Path.of(""));
    }

    /** Parses a configuration; relative file paths in it are resolved against {@code baseDir}. */
    public static AppConfig parse(String yaml, Path baseDir) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new ConfigException("(file)", "not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("(top level)", "expected a mapping with application, topics, models");
        }
        ConfigNode top = new ConfigNode(root, "");
        top.allowOnly("application", "topics", "kafka", "models");

        ConfigNode app = top.object("application").allowOnly("id", "bootstrapServers", "punctuateIntervalMs");
        String id = app.text("id");
        String bootstrap = app.text("bootstrapServers", "localhost:9092");
        long punctuate = app.integer("punctuateIntervalMs", 1000, 1);

        ConfigNode t = top.object("topics")
                .allowOnly("observations", "snapshots", "deadLetters", "documents", "partitions", "replicationFactor");
        Topics topics = new Topics(t.text("observations"), t.text("snapshots"), t.text("deadLetters"),
                t.intValue("partitions", 1, 1, 100_000), (short) t.intValue("replicationFactor", 1, 1, Short.MAX_VALUE),
                t.text("documents", id + Topics.DOCUMENTS_SUFFIX));
        if (topics.observations().equals(topics.snapshots()) || topics.observations().equals(topics.deadLetters())
                || topics.snapshots().equals(topics.deadLetters())) {
            throw new ConfigException("topics", "observations, snapshots and deadLetters must be three different topics");
        }
        if (List.of(topics.observations(), topics.snapshots(), topics.deadLetters()).contains(topics.documents())) {
            throw new ConfigException("topics.documents", "must differ from observations, snapshots and deadLetters"
                    + " (was '" + topics.documents() + "')");
        }

        Map<String, String> kafka = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigNode> e : top.optionalObject("kafka").entries()) {
            kafka.put(e.getKey(), e.getValue().scalar());
        }

        Map<String, ModelConfig> models = new LinkedHashMap<>();
        Map<String, LdaConfig> ldaModels = new LinkedHashMap<>();
        ConfigNode modelsNode = top.object("models");
        for (Map.Entry<String, ConfigNode> e : modelsNode.entries()) {
            if (!MODEL_NAME.matcher(e.getKey()).matches()) {
                throw new ConfigException(e.getValue().path(),
                        "model names may hold letters, digits, '.', '_' and '-' only");
            }
            if (LdaConfig.TYPE.equals(e.getValue().text("type"))) {
                LdaConfig lda = LdaConfigReader.read(e.getKey(), e.getValue(), baseDir);
                if (lda.mixturesTopic() != null && List.of(topics.observations(), topics.snapshots(),
                        topics.deadLetters(), topics.documents()).contains(lda.mixturesTopic())) {
                    throw new ConfigException(e.getValue().child("mixturesTopic"), "must differ from the topics of "
                            + "the topics section (was '" + lda.mixturesTopic() + "')");
                }
                ldaModels.put(e.getKey(), lda);
            } else {
                models.put(e.getKey(), model(e.getKey(), e.getValue()));
            }
        }
        if (models.isEmpty() && ldaModels.isEmpty()) {
            throw new ConfigException("models", "at least one model is needed");
        }
        return new AppConfig(id, bootstrap, punctuate, topics, kafka, models, ldaModels);
    }

    private static ModelConfig model(String name, ConfigNode m) {
        String type = m.text("type");
        ModelTypes.requireKnown(type, m);
        List<String> allowed = new ArrayList<>(List.of("type", "mode", "prior", "schedule", "effectiveDataSize",
                "batch", "emit", "cavi", "convergence", "priorSensitivity", "predictiveChecks"));
        allowed.addAll(List.of(ModelTypes.ownFields(type)));
        m.allowOnly(allowed.toArray(String[]::new));
        UpdateMode mode = mode(m);
        StepSchedule schedule = schedule(m.optionalObject("schedule"));
        EffectiveDataSize dataSize = dataSize(m.optionalObject("effectiveDataSize"), mode);
        StreamingModel model = ModelTypes.build(type, m,
                new ModelTypes.Common(mode, schedule, dataSize, m.optionalObject("cavi")));
        long stateBytes = 8L * model.initialState().dimension();
        if (stateBytes > MAX_STATE_BYTES) {
            throw new ConfigException(m.path(), "a key's stored state would take " + stateBytes / 1024 + " KiB (over "
                    + MAX_STATE_BYTES / 1024 + " KiB; changelog records are limited to 1 MiB by default): "
                    + "reduce features, dimension or components, or use a mean-field / diagonal form");
        }

        ConfigNode b = m.optionalObject("batch").allowOnly("size", "firstSize", "maxDelayMs", "idleFlushMs");
        int size = b.intValue("size", 1, 1, 100_000);
        BatchPolicy batch = new BatchPolicy(size, b.intValue("firstSize", size, 1, 100_000),
                b.integer("maxDelayMs", 0, 0), b.integer("idleFlushMs", 0, 0));
        if (batch.firstSize() < model.minimumFirstBatch()) {
            throw new ConfigException(b.child("firstSize"), "must be >= " + model.minimumFirstBatch()
                    + " for this model (its first minibatch initialises from the data; was " + batch.firstSize() + ")");
        }
        ConfigNode em = m.optionalObject("emit").allowOnly("everyUpdates", "everyMs");
        EmitPolicy emit = new EmitPolicy(em.intValue("everyUpdates", 1, 0, Integer.MAX_VALUE), em.integer("everyMs", 0, 0));
        if (emit.everyUpdates() == 0 && emit.everyMs() == 0) {
            throw new ConfigException(em.path(), "set everyUpdates or everyMs above 0, or no snapshot is ever published");
        }
        ConfigNode conv = m.optionalObject("convergence").allowOnly("window", "tolerance");
        ElboConvergence convergence;
        try {
            convergence = new ElboConvergence(conv.intValue("window", 20, 2, 1000), conv.number("tolerance", 0.01));
        } catch (InvalidParameterException e) {
            throw new ConfigException(conv.child(e.field()), e.requirement() + " (was " + e.value() + ")");
        }
        ConfigNode ps = m.optionalObject("priorSensitivity").allowOnly("enabled", "factors", "threshold");
        boolean conjugate = model instanceof io.streamvi.model.conjugate.ConjugateModel;
        boolean enabled = ps.bool("enabled", conjugate);
        if (enabled && !conjugate) {
            throw new ConfigException(ps.child("enabled"), "prior sensitivity is offered for the conjugate models only");
        }
        List<Double> factors = new ArrayList<>();
        for (double f : ps.has("factors") ? ps.numbers("factors") : new double[] {0.5, 2.0}) {
            if (!(f > 0) || !Double.isFinite(f) || f == 1.0) {
                throw new ConfigException(ps.child("factors"), "each factor must be finite, > 0 and not 1 (was " + f + ")");
            }
            factors.add(f);
        }
        double threshold = ps.number("threshold", 0.5);
        if (!(threshold > 0) || !Double.isFinite(threshold)) {
            throw new ConfigException(ps.child("threshold"), "must be finite and > 0 (was " + threshold + ")");
        }
        return new ModelConfig(name, model, mode, batch, emit, convergence,
                new PriorSensitivity(enabled, factors, threshold), predictiveChecks(m, model));
    }

    private static PredictiveChecks predictiveChecks(ConfigNode m, StreamingModel model) {
        ConfigNode pc = m.optionalObject("predictiveChecks").allowOnly("enabled", "window", "replications", "threshold");
        if (!pc.bool("enabled", false)) {
            return PredictiveChecks.DISABLED;
        }
        if (!(model instanceof io.streamvi.model.check.PredictiveReplicator)) {
            throw new ConfigException(pc.child("enabled"), "posterior predictive checks are not offered for model type '"
                    + model.type() + "'");
        }
        double threshold = pc.number("threshold", 0.01);
        if (!(threshold > 0 && threshold < 0.5)) {
            throw new ConfigException(pc.child("threshold"), "must be in (0, 0.5) (was " + threshold + ")");
        }
        return new PredictiveChecks(true, pc.intValue("window", 200, 2, 10_000),
                pc.intValue("replications", 200, 10, 10_000), threshold);
    }

    private static UpdateMode mode(ConfigNode m) {
        String mode = m.text("mode", "svi").toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "exact" -> UpdateMode.EXACT;
            case "svi" -> UpdateMode.SVI;
            case "cavi" -> UpdateMode.CAVI;
            default -> throw new ConfigException(m.child("mode"), "expected 'exact', 'cavi' or 'svi' (was '" + mode + "')");
        };
    }

    static StepSchedule schedule(ConfigNode s) {
        s.allowOnly("tau0", "kappa", "rhoMin");
        try {
            return new RobbinsMonroSchedule(s.number("tau0", 1.0), s.number("kappa", 0.7), s.number("rhoMin", 0.0));
        } catch (InvalidParameterException e) {
            throw new ConfigException(s.child(e.field()), e.requirement() + " (was " + e.value() + ")");
        }
    }

    static EffectiveDataSize dataSize(ConfigNode n, UpdateMode mode) {
        String type = n.text("type", "seen");
        try {
            return switch (type) {
                case "seen" -> {
                    n.allowOnly("type");
                    yield new EffectiveDataSize.Seen();
                }
                case "fixed" -> {
                    n.allowOnly("type", "n");
                    if (mode != UpdateMode.SVI) {
                        throw new ConfigException(n.child("type"),
                                "'fixed' needs mode svi: exact and cavi count every observation (use 'seen' or 'halfLife')");
                    }
                    yield new EffectiveDataSize.Fixed(n.number("n"));
                }
                case "halfLife" -> {
                    n.allowOnly("type", "observations");
                    yield new EffectiveDataSize.HalfLife(n.number("observations"));
                }
                default -> throw new ConfigException(n.child("type"),
                        "expected 'fixed', 'seen' or 'halfLife' (was '" + type + "')");
            };
        } catch (InvalidParameterException e) {
            throw new ConfigException(n.child(e.field()), e.requirement() + " (was " + e.value() + ")");
        }
    }
}
