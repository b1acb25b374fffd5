package io.streamvi.model.posterior;

/**
 * One exact parameter of a variational distribution, flattened row-major with its shape
 * (empty shape = scalar), so that a subscriber can rebuild q exactly.
 */
public record NamedParameter(String name, int[] shape, double[] values) {
    public NamedParameter {
        shape = shape.clone();
        values = values.clone();
    }

    public static NamedParameter scalar(String name, double value) {
        return new NamedParameter(name, new int[0], new double[] {value});
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }
}
