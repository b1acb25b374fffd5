package io.streamvi.model.svi;

/** The outcome of {@code update(state, minibatch)}: the new state and what happened. */
public record StepResult(VariationalState state, StepDiagnostics diagnostics) {
}
