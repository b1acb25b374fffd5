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

    private TopologyNames() {
    }
}
