package io.streamvi.topology.lda;

import io.streamvi.model.lda.LdaEvaluation;
import io.streamvi.model.observation.Document;
import java.util.ArrayList;
import java.util.List;

/**
 * The held-out documents a topic model is scored on at every snapshot: token sequences (word ids in
 * text order, for document completion) and their bags of words (for the per-word bound).
 */
public final class HeldOutDocuments {

    private final List<int[]> sequences;
    private final List<Document> bags;

    /** @param sequences one token sequence per document, none empty */
    public HeldOutDocuments(List<int[]> sequences) {
        List<int[]> copy = new ArrayList<>(sequences.size());
        List<Document> b = new ArrayList<>(sequences.size());
        for (int[] s : sequences) {
            if (s.length == 0) {
                throw new IllegalArgumentException("a held-out document has no token in the vocabulary");
            }
            copy.add(s.clone());
            b.add(LdaEvaluation.bagOf(s));
        }
        this.sequences = List.copyOf(copy);
        this.bags = List.copyOf(b);
    }

    /** The documents as token sequences (do not modify the arrays). */
    public List<int[]> sequences() {
        return sequences;
    }

    /** The documents as bags of words, in the same order. */
    public List<Document> bags() {
        return bags;
    }

    public int size() {
        return sequences.size();
    }
}
