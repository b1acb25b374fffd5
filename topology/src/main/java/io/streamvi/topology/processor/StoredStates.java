package io.streamvi.topology.processor;

import io.streamvi.avro.StoredState;
import io.streamvi.model.svi.StepResult;
import io.streamvi.model.svi.VariationalState;
import io.streamvi.serde.ObservationMapper;
import io.streamvi.topology.config.ModelConfig;
import java.util.ArrayList;
import java.util.List;

/** Between the stored record and the model's {@link VariationalState}. */
final class StoredStates {

    static final int FORMAT_VERSION = 1;

    private StoredStates() {
    }

    static StoredState initial(ModelConfig model) {
        VariationalState prior = model.model().initialState();
        return StoredState.newBuilder()
                .setFormatVersion(FORMAT_VERSION)
                .setModelType(model.model().type())
                .setStep(prior.step())
                .setObservationsSeen(prior.observationsSeen())
                .setEffectiveDataSize(prior.effectiveDataSize())
                .setParams(ObservationMapper.toList(prior.params()))
                .setPending(new ArrayList<>())
                .setRecent(new ArrayList<>())
                .build();
    }

    static VariationalState variational(StoredState s) {
        return new VariationalState(s.getStep(), s.getObservationsSeen(), s.getEffectiveDataSize(),
                ObservationMapper.toArray(s.getParams()));
    }

    /** Writes an applied step into {@code s}, its ELBO into the convergence history. */
    static void apply(StoredState s, StepResult result, io.streamvi.model.svi.ElboConvergence convergence) {
        s.setElboHistory(ObservationMapper.toList(convergence.append(ObservationMapper.toArray(s.getElboHistory()),
                result.diagnostics().elbo())));
        VariationalState v = result.state();
        s.setStep(v.step());
        s.setObservationsSeen(v.observationsSeen());
        s.setEffectiveDataSize(v.effectiveDataSize());
        s.setParams(ObservationMapper.toList(v.params()));
        s.setLastRho(result.diagnostics().rho());
        s.setLastElbo(result.diagnostics().elbo());
        s.setLastElboStdErr(result.diagnostics().elboStdErr());
    }

    static List<io.streamvi.model.observation.Observation> pendingObservations(StoredState s) {
        return observations(s.getPending());
    }

    /** The observations kept for posterior predictive checks, oldest first. */
    static List<io.streamvi.model.observation.Observation> recentObservations(StoredState s) {
        return observations(s.getRecent());
    }

    private static List<io.streamvi.model.observation.Observation> observations(List<Object> payloads) {
        List<io.streamvi.model.observation.Observation> out = new ArrayList<>(payloads.size());
        for (Object payload : payloads) {
            out.add(ObservationMapper.toModel(payload));
        }
        return out;
    }
}
