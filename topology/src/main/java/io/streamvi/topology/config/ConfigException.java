package io.streamvi.topology.config;

/** A configuration file that cannot be used; the message starts with the path of the offending field. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public ConfigException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** Dotted path of the offending field, e.g. {@code models.conversion.schedule.kappa}. */
    public String field() {
        return field;
    }
}
