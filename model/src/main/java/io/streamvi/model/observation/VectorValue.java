package io.streamvi.model.observation;

/** A point in R^d (e.g. for mixture models). */
public record VectorValue(double[] values) implements Observation {
    public VectorValue {
        values = values.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    public int dimension() {
        return values.length;
    }

    public double value(int i) {
        return values[i];
    }

    @Override
    public String nonFiniteField() {
        int i = Observation.firstNonFinite(values);
        return i < 0 ? null : "values[" + i + "]";
    }
}
