package io.streamvi.topology.lda;

import io.streamvi.avro.Document;
import io.streamvi.avro.LdaDocument;
import io.streamvi.avro.ObservationEvent;
import io.streamvi.model.lda.LdaEvaluation;
import io.streamvi.topology.config.LdaConfig;
import java.util.List;

/**
 * What an online-LDA model makes of an event's payload: a {@code Document} either as word counts
 * ({@code wordIds} with {@code counts}) or as raw {@code text}, tokenised with the model's
 * vocabulary ({@link Vocabulary}). Anything else is refused with the reason.
 */
public final class LdaDocuments {

    private LdaDocuments() {
    }

    /**
     * A usable document, or the reason it is not.
     *
     * @param document the bag of words (null when refused)
     * @param unknownTokens raw-text tokens that were not in the vocabulary (0 for word counts)
     * @param refusal why the payload cannot be used (null when it can)
     */
    public record Parsed(io.streamvi.model.observation.Document document, long unknownTokens, String refusal) {

        static Parsed refused(String reason) {
            return new Parsed(null, 0, reason);
        }

        public boolean ok() {
            return refusal == null;
        }
    }

    /** The document of {@code payload} for {@code model}. */
    public static Parsed parse(LdaConfig model, Object payload) {
        if (!(payload instanceof Document d)) {
            return Parsed.refused("takes Document payloads (word counts or text), got "
                    + (payload == null ? "null" : payload.getClass().getSimpleName()));
        }
        boolean hasCounts = !d.getWordIds().isEmpty() || !d.getCounts().isEmpty();
        if (d.getText() != null && hasCounts) {
            return Parsed.refused("give either wordIds/counts or text, not both");
        }
        if (d.getText() != null) {
            if (model.vocabulary() == null) {
                return Parsed.refused("raw text needs a vocabulary file (vocabulary.file); send wordIds/counts");
            }
            Vocabulary.Tokens tokens = model.vocabulary().tokenise(d.getText());
            if (tokens.wordIds().length == 0) {
                return Parsed.refused("empty document: no token of the text is in the vocabulary ("
                        + tokens.unknown() + " unknown)");
            }
            return new Parsed(LdaEvaluation.bagOf(tokens.wordIds()), tokens.unknown(), null);
        }
        if (d.getWordIds().size() != d.getCounts().size()) {
            return Parsed.refused("wordIds and counts differ in length: " + d.getWordIds().size() + " vs "
                    + d.getCounts().size());
        }
        if (d.getWordIds().isEmpty()) {
            return Parsed.refused("empty document: no wordIds/counts and no text");
        }
        io.streamvi.model.observation.Document doc = new io.streamvi.model.observation.Document(
                ints(d.getWordIds()), ints(d.getCounts()));
        String reason = model.model().validate(doc);
        return reason == null ? new Parsed(doc, 0, null) : Parsed.refused(reason);
    }

    /** The document as the app passes it to the model's task: its bag of words and where it came from. */
    public static LdaDocument routed(ObservationEvent event, Parsed parsed, long timestamp) {
        io.streamvi.model.observation.Document d = parsed.document();
        return new LdaDocument(event.getModel(), event.getKey(), event.getEventTime(), timestamp, list(d.wordIds()),
                list(d.counts()), parsed.unknownTokens());
    }

    /**
     * A routed document checked again against {@code model}, whose configuration may have changed
     * since the document was routed (a smaller vocabulary, say).
     */
    public static Parsed parse(LdaConfig model, LdaDocument routed) {
        if (routed.getWordIds().size() != routed.getCounts().size() || routed.getWordIds().isEmpty()) {
            return Parsed.refused("a routed document must hold word ids with counts, as many of each and at least one");
        }
        io.streamvi.model.observation.Document doc = new io.streamvi.model.observation.Document(
                ints(routed.getWordIds()), ints(routed.getCounts()));
        String reason = model.model().validate(doc);
        return reason == null ? new Parsed(doc, routed.getUnknownTokens(), null) : Parsed.refused(reason);
    }

    /**
     * The event of a routed document, for the dead-letter topic: its bag of words as a
     * {@code Document} (a raw text is not kept once it has been tokenised).
     */
    public static ObservationEvent event(LdaDocument routed) {
        return new ObservationEvent(routed.getModel(), routed.getKey(), routed.getEventTime(),
                new Document(routed.getWordIds(), routed.getCounts(), null));
    }

    private static List<Integer> list(int[] values) {
        List<Integer> out = new java.util.ArrayList<>(values.length);
        for (int v : values) {
            out.add(v);
        }
        return out;
    }

    private static int[] ints(List<Integer> values) {
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
