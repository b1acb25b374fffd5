package io.streamvi.topology.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamvi.model.svi.Seeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code type: lda}: every field read, defaults as documented, every error naming its field. */
class LdaConfigTest {

    @TempDir
    Path dir;

    private static String config(String model) {
        return """
                application: {id: app}
                topics: {observations: obs, snapshots: snaps, deadLetters: dlq}
                models:
                  docs:
                %s
                """.formatted(model.indent(4).stripTrailing());
    }

    @Test
    void readsEveryField() throws Exception {
        Files.write(dir.resolve("vocab.txt"), List.of("kernel", "process", " file ", "memory"));
        Files.write(dir.resolve("held.txt"), List.of("kernel memory file", "process process"));
        Path file = dir.resolve("app.yaml");
        Files.writeString(file, config("""
                type: lda
                mode: svi
                topics: 3
                vocabulary: {file: vocab.txt, size: 4, minTokenLength: 4}
                prior: {alpha: 0.1, eta: 0.01}
                schedule: {tau0: 64, kappa: 0.7}
                effectiveDataSize: {type: fixed, n: 990}
                iterations: 20
                gammaThreshold: 0.0001
                batch: {size: 128, maxDelayMs: 5000, idleFlushMs: 2000}
                emit: {everyDocuments: 1000}
                topWords: 15
                heldOutFile: held.txt
                mixturesTopic: mixtures
                seed: -4
                """));
        AppConfig c = ConfigLoader.load(file);
        assertTrue(c.models().isEmpty());
        LdaConfig lda = c.ldaModels().get("docs");
        assertEquals(3, lda.model().topics());
        assertEquals(4, lda.model().vocabularySize());
        assertEquals(0.1, lda.model().alpha(), 0.0);
        assertEquals(0.01, lda.model().eta(), 0.0);
        assertEquals(new BatchPolicy(128, 128, 5000, 2000), lda.batch());
        assertEquals(1000, lda.everyDocuments());
        assertEquals(15, lda.topWords());
        assertEquals(-4L, lda.seed());
        assertEquals("mixtures", lda.mixturesTopic());
        assertEquals(2, lda.vocabulary().id("file"), "words are stripped; id = line number");
        assertEquals(4, lda.vocabulary().minTokenLength());
        assertEquals(2, lda.heldOut().size(), "files are resolved against the configuration's directory");
        assertEquals("app.lda-documents", c.topics().documents());
        assertEquals(List.of("docs"), List.copyOf(c.modelNames()));
    }

    @Test
    void defaults() {
        AppConfig c = ConfigLoader.parse(config("{type: lda, topics: 4, vocabulary: {size: 50}}"));
        LdaConfig lda = c.ldaModels().get("docs");
        assertEquals(0.25, lda.model().alpha(), 0.0, "alpha = 1/K, as gensim's 'symmetric'");
        assertEquals(0.25, lda.model().eta(), 0.0, "eta = 1/K");
        assertEquals(new BatchPolicy(256, 256, 0, 0), lda.batch());
        assertEquals(256, lda.everyDocuments(), "a snapshot after every minibatch");
        assertEquals(10, lda.topWords());
        assertEquals(Seeds.forStream("docs", "*"), lda.seed());
        assertNull(lda.vocabulary());
        assertNull(lda.heldOut());
        assertNull(lda.mixturesTopic());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{type: lda, vocabulary: {size: 5}}|models.docs.topics: missing",
        "{type: lda, topics: 0, vocabulary: {size: 5}}|models.docs.topics: must be >= 1",
        "{type: lda, topics: 2}|models.docs.vocabulary: missing",
        "{type: lda, topics: 2, vocabulary: {}}|models.docs.vocabulary: give size",
        "{type: lda, topics: 2, vocabulary: {size: 5, minTokenLength: 2}}|models.docs.vocabulary.minTokenLength: only with vocabulary.file",
        "{type: lda, topics: 2, vocabulary: {size: 5}, mode: cavi}|models.docs.mode: online LDA is fitted by 'svi' only",
        "{type: lda, topics: 2, vocabulary: {size: 5}, prior: {alpha: 0}}|models.docs.prior.alpha: must be finite and > 0",
        "{type: lda, topics: 2, vocabulary: {size: 5}, prior: {eta: -1}}|models.docs.prior.eta: must be finite and > 0",
        "{type: lda, topics: 2, vocabulary: {size: 5}, prior: {beta: 1}}|models.docs.prior.beta: unknown field",
        "{type: lda, topics: 2, vocabulary: {size: 5}, iterations: 0}|models.docs.iterations: must be >= 1",
        "{type: lda, topics: 2, vocabulary: {size: 5}, gammaThreshold: -0.1}|models.docs.gammaThreshold: must be finite and >= 0",
        "{type: lda, topics: 2, vocabulary: {size: 5}, schedule: {kappa: 0.3}}|models.docs.schedule.kappa: must be in (0.5, 1]",
        "{type: lda, topics: 2, vocabulary: {size: 5}, effectiveDataSize: {type: fixed}}|models.docs.effectiveDataSize.n: missing",
        "{type: lda, topics: 2, vocabulary: {size: 5}, batch: {size: 0}}|models.docs.batch.size: must be >= 1",
        "{type: lda, topics: 2, vocabulary: {size: 5}, batch: {firstSize: 9}}|models.docs.batch.firstSize: unknown field",
        "{type: lda, topics: 2, vocabulary: {size: 5}, emit: {everyUpdates: 1}}|models.docs.emit.everyUpdates: unknown field",
        "{type: lda, topics: 2, vocabulary: {size: 5}, topWords: 0}|models.docs.topWords: must be >= 1",
        "{type: lda, topics: 2, vocabulary: {size: 5}, heldOutFile: h.txt}|models.docs.heldOutFile: needs vocabulary.file",
        "{type: lda, topics: 2, vocabulary: {size: 5}, mixturesTopic: snaps}|models.docs.mixturesTopic: must differ",
        "{type: lda, topics: 2, vocabulary: {size: 5}, kapa: 1}|models.docs.kapa: unknown field",
        "{type: lda, topics: 2, vocabulary: {file: nowhere.txt}}|models.docs.vocabulary.file: no such file",
        "{type: ldaa, topics: 2}|models.docs.type: unknown model type 'ldaa'",
    })
    void errorsNameTheField(String model, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(config(model), dir));
        assertTrue(e.getMessage().startsWith(expected), "expected '" + expected + "...', got: " + e.getMessage());
    }

    @Test
    void unknownTypesListLda() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(config("{type: topic-model}")));
        assertTrue(e.getMessage().contains("lda"), e.getMessage());
    }

    @Test
    void fileErrorsNameTheFieldAndTheLine() throws Exception {
        Files.write(dir.resolve("dup.txt"), List.of("kernel", "file", "kernel"));
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(config(
                "{type: lda, topics: 2, vocabulary: {file: dup.txt}}"), dir));
        assertTrue(e.getMessage().startsWith("models.docs.vocabulary.file: ") && e.getMessage().contains("line 3"),
                e.getMessage());
        Files.write(dir.resolve("v.txt"), List.of("kernel", "file"));
        e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(config(
                "{type: lda, topics: 2, vocabulary: {file: v.txt, size: 3}}"), dir));
        assertTrue(e.getMessage().startsWith("models.docs.vocabulary.size: is 3 but the file holds 2 words"),
                e.getMessage());
        Files.write(dir.resolve("held.txt"), List.of("kernel file", "nothing known here"));
        e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(config(
                "{type: lda, topics: 2, vocabulary: {file: v.txt}, heldOutFile: held.txt}"), dir));
        assertTrue(e.getMessage().startsWith("models.docs.heldOutFile: ") && e.getMessage().contains("line 2"),
                e.getMessage());
    }

    @Test
    void theDocumentsTopicMustBeItsOwn() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("""
                application: {id: app}
                topics: {observations: obs, snapshots: snaps, deadLetters: dlq, documents: obs}
                models:
                  docs: {type: lda, topics: 2, vocabulary: {size: 5}}
                """));
        assertTrue(e.getMessage().startsWith("topics.documents: must differ"), e.getMessage());
    }
}
