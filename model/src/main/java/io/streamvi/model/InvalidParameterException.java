package io.streamvi.model;

/**
 * A model, schedule or configuration parameter outside its domain. The message always names the
 * field, the offending value and the requirement, so that a configuration layer can prefix the
 * path of the field in the user's file ({@link #withPrefix(String)}).
 */
public final class InvalidParameterException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String requirement;
    private final transient Object value;

    public InvalidParameterException(String field, Object value, String requirement) {
        super(field + ": " + requirement + " (was " + value + ")");
        this.field = field;
        this.value = value;
        this.requirement = requirement;
    }

    public String field() {
        return field;
    }

    public Object value() {
        return value;
    }

    public String requirement() {
        return requirement;
    }

    /** The same error with the field's path prefixed, e.g. {@code models.conversion.schedule.}. */
    public InvalidParameterException withPrefix(String prefix) {
        return new InvalidParameterException(prefix + field, value, requirement);
    }

    /** Throws unless {@code v} is finite and strictly positive. */
    public static double requirePositive(String field, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new InvalidParameterException(field, v, "must be finite and > 0");
        }
        return v;
    }

    /** Throws unless {@code v} is finite and non-negative. */
    public static double requireNonNegative(String field, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new InvalidParameterException(field, v, "must be finite and >= 0");
        }
        return v;
    }
}
