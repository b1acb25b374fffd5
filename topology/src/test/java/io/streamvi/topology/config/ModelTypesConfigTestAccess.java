package io.streamvi.topology.config;

/** Shares the all-types configuration of {@link ModelTypesConfigTest} with tests in other packages. */
public final class ModelTypesConfigTestAccess {
    public static final String ALL = ModelTypesConfigTest.ALL;

    private ModelTypesConfigTestAccess() {
    }
}
