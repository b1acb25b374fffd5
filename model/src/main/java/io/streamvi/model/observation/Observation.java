package io.streamvi.model.observation;

/**
 * One observation about one entity, in the shape the models consume. Each kind matches one
 * member of the payload union of the {@code ObservationEvent} record on the wire.
 */
public sealed interface Observation
        permits BinaryOutcome, Count, RealValue, Category, VectorValue, Regression, Document {

    /** The name of the kind, as in the wire contract (e.g. {@code BinaryOutcome}). */
    default String kind() {
        return getClass().getSimpleName();
    }

    /**
     * The name of the first field holding NaN or an infinity, or null when every number is
     * finite. No model accepts non-finite input: it would poison the stored state.
     */
    String nonFiniteField();

    /** "non-finite value in Kind.field" for the first non-finite number of {@code o}, or null. */
    static String nonFiniteReason(Observation o) {
        String field = o.nonFiniteField();
        return field == null ? null : "non-finite value in " + o.kind() + "." + field;
    }

    /** Index of the first non-finite entry of {@code values}, or -1. */
    static int firstNonFinite(double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }
}
