package io.streamvi.topology.config;

import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.lda.OnlineLda;
import io.streamvi.model.schedule.StepSchedule;
import io.streamvi.model.svi.EffectiveDataSize;
import io.streamvi.model.svi.Seeds;
import io.streamvi.model.svi.UpdateMode;
import io.streamvi.topology.lda.HeldOutDocuments;
import io.streamvi.topology.lda.Vocabulary;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code type: lda} model. Its own fields: {@code topics} (K), {@code vocabulary}
 * ({@code size} and/or {@code file}, {@code minTokenLength}), {@code prior} ({@code alpha},
 * {@code eta}; default 1/K each, as gensim's), {@code iterations} and {@code gammaThreshold}
 * (gensim's names for the local step's cap and tolerance), {@code topWords}, {@code heldOutFile},
 * {@code mixturesTopic}, {@code seed}; with the common {@code schedule}, {@code effectiveDataSize}
 * (in documents), {@code batch} ({@code size}, {@code maxDelayMs}, {@code idleFlushMs}) and
 * {@code emit} ({@code everyDocuments}). Files are resolved against {@code baseDir}.
 */
final class LdaConfigReader {

    static final int MAX_TOPICS = 10_000;
    static final int MAX_VOCABULARY = 10_000_000;

    private LdaConfigReader() {
    }

    static LdaConfig read(String name, ConfigNode m, Path baseDir) {
        m.allowOnly("type", "mode", "topics", "vocabulary", "prior", "schedule", "effectiveDataSize", "iterations",
                "gammaThreshold", "batch", "emit", "topWords", "heldOutFile", "mixturesTopic", "seed");
        String mode = m.text("mode", "svi");
        if (!mode.equals("svi")) {
            throw new ConfigException(m.child("mode"), "online LDA is fitted by 'svi' only (was '" + mode + "')");
        }
        int topics = m.intValue("topics", 0, 1, MAX_TOPICS);
        if (topics == 0) {
            throw new ConfigException(m.child("topics"), "missing (the number of topics K >= 1)");
        }
        ConfigNode vocab = m.object("vocabulary").allowOnly("size", "file", "minTokenLength");
        int minTokenLength = vocab.intValue("minTokenLength", Vocabulary.DEFAULT_MIN_TOKEN_LENGTH, 1, 1_000);
        Vocabulary vocabulary = null;
        int size = vocab.intValue("size", 0, 1, MAX_VOCABULARY);
        if (vocab.has("file")) {
            vocabulary = vocabulary(vocab.child("file"), resolve(baseDir, vocab.text("file")), minTokenLength);
            if (vocabulary.size() > MAX_VOCABULARY) {
                throw new ConfigException(vocab.child("file"), "holds " + vocabulary.size() + " words (at most "
                        + MAX_VOCABULARY + ")");
            }
            if (size != 0 && size != vocabulary.size()) {
                throw new ConfigException(vocab.child("size"), "is " + size + " but the file holds "
                        + vocabulary.size() + " words");
            }
            size = vocabulary.size();
        } else if (vocab.has("minTokenLength")) {
            throw new ConfigException(vocab.child("minTokenLength"), "only with vocabulary.file (raw text)");
        }
        if (size == 0) {
            throw new ConfigException(vocab.path(), "give size (word ids 0..size-1) or file (one word per line)");
        }

        ConfigNode prior = m.optionalObject("prior").allowOnly("alpha", "eta");
        StepSchedule schedule = ConfigLoader.schedule(m.optionalObject("schedule"));
        EffectiveDataSize dataSize = ConfigLoader.dataSize(m.optionalObject("effectiveDataSize"), UpdateMode.SVI);
        OnlineLda model;
        try {
            model = new OnlineLda(topics, size, prior.number("alpha", 1.0 / topics), prior.number("eta", 1.0 / topics),
                    schedule, dataSize, m.intValue("iterations", 50, 1, 1_000_000), m.number("gammaThreshold", 1e-3));
        } catch (InvalidParameterException e) {
            String field = switch (e.field()) {
                case "alpha", "eta" -> prior.child(e.field());
                case "maxIterations" -> m.child("iterations");
                case "tolerance" -> m.child("gammaThreshold");
                default -> m.child(e.field());
            };
            throw new ConfigException(field, e.requirement() + " (was " + e.value() + ")");
        }

        ConfigNode b = m.optionalObject("batch").allowOnly("size", "maxDelayMs", "idleFlushMs");
        int batchSize = b.intValue("size", 256, 1, 100_000);
        BatchPolicy batch = new BatchPolicy(batchSize, batchSize, b.integer("maxDelayMs", 0, 0),
                b.integer("idleFlushMs", 0, 0));
        ConfigNode emit = m.optionalObject("emit").allowOnly("everyDocuments");
        int everyDocuments = emit.intValue("everyDocuments", batchSize, 1, Integer.MAX_VALUE);
        int topWords = m.intValue("topWords", 10, 1, 10_000);

        HeldOutDocuments heldOut = null;
        if (m.has("heldOutFile")) {
            if (vocabulary == null) {
                throw new ConfigException(m.child("heldOutFile"),
                        "needs vocabulary.file (held-out documents are raw text, one per line)");
            }
            heldOut = heldOut(m.child("heldOutFile"), resolve(baseDir, m.text("heldOutFile")), vocabulary);
        }
        String mixtures = m.has("mixturesTopic") ? m.text("mixturesTopic") : null;
        // the default seed depends on the model name only, like the per-key seeds of the other models
        long seed = m.integer("seed", Seeds.forStream(name, "*"), Long.MIN_VALUE);
        return new LdaConfig(name, model, seed, batch, everyDocuments, topWords, vocabulary, heldOut, mixtures);
    }

    private static Path resolve(Path baseDir, String file) {
        return baseDir.resolve(file);
    }

    private static List<String> lines(String field, Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(field, "no such file " + file);
        } catch (MalformedInputException e) {
            throw new ConfigException(field, "not UTF-8 text: " + file);
        } catch (IOException e) {
            throw new ConfigException(field, "cannot read " + file + ": " + e.getMessage());
        }
    }

    private static Vocabulary vocabulary(String field, Path file, int minTokenLength) {
        List<String> words = new ArrayList<>();
        for (String line : lines(field, file)) {
            words.add(line.strip());
        }
        try {
            return new Vocabulary(words, minTokenLength);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(field, file + ": " + e.getMessage());
        }
    }

    /** One document per non-blank line, tokenised with the vocabulary; a line with no known token is an error. */
    private static HeldOutDocuments heldOut(String field, Path file, Vocabulary vocabulary) {
        List<int[]> docs = new ArrayList<>();
        List<String> lines = lines(field, file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            int[] ids = vocabulary.tokenise(lines.get(i)).wordIds();
            if (ids.length == 0) {
                throw new ConfigException(field, file + ": line " + (i + 1) + " has no word of the vocabulary");
            }
            docs.add(ids);
        }
        if (docs.stream().noneMatch(d -> d.length >= 2)) {
            throw new ConfigException(field, file + " holds no document of 2 or more known tokens"
                    + " (document completion scores the odd positions)");
        }
        return new HeldOutDocuments(docs);
    }
}
