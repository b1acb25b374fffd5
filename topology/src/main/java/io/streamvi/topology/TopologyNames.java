package io.streamvi.topology;

/** Names of the nodes and stores of the streamvi topology (stable: they name changelog topics). */
public final class TopologyNames {
    public static final String SOURCE = "observations";
    public static final String VALIDATE = "validate";
    public static final String SVI_STEP = "svi-step";
    public static final String SNAPSHOT_SINK = "snapshots";
    public static final String DEAD_LETTER_SINK = "dead-letters";
    /** The RocksDB store of {@code StoredState} per {@code model/key}; changelogged. */
    public static final String STATE_STORE = "variational-state";

    /** Where validated documents of online-LDA models leave for the documents topic, keyed by model name. */
    public static final String LDA_DOCUMENTS_SINK = "lda-documents-out";
    /** Where they come back: the source of the online-LDA sub-topology. */
    public static final String LDA_DOCUMENTS_SOURCE = "lda-documents-in";
    public static final String LDA_STEP = "lda-step";
    public static final String LDA_SNAPSHOT_SINK = "lda-snapshots";
    public static final String LDA_DEAD_LETTER_SINK = "lda-dead-letters";
    /** Topic-word rows of online-LDA models: one entry per (model, word id), K doubles; changelogged. */
    public static final String LDA_ROWS_STORE = "lda-rows";
    /** The O(K) globals and bookkeeping of each online-LDA model ({@code LdaState}); changelogged. */
    public static final String LDA_STATE_STORE = "lda-state";
    /** Documents waiting for their minibatch, one entry per document; changelogged. */
    public static final String LDA_PENDING_STORE = "lda-pending";

    /** The sink of per-document topic proportions written to {@code topic}. */
    public static String ldaMixturesSink(String topic) {
        return "lda-mixtures-" + topic;
    }

    private TopologyNames() {
    }
}
