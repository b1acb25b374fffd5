package io.streamvi.topology.config;

import io.streamvi.model.svi.ElboConvergence;
import io.streamvi.model.svi.StreamingModel;
import io.streamvi.model.svi.UpdateMode;

/** One configured model: its name (the {@code model} field of events) and how it runs. */
public record ModelConfig(String name, StreamingModel model, UpdateMode mode, BatchPolicy batch, EmitPolicy emit,
        ElboConvergence convergence, PriorSensitivity priorSensitivity, PredictiveChecks predictiveChecks) {
}
