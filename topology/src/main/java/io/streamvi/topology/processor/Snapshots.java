package io.streamvi.topology.processor;

import io.streamvi.avro.PosteriorSnapshot;
import io.streamvi.model.svi.VariationalState;
import io.streamvi.serde.SnapshotMapper;
import io.streamvi.topology.config.ModelConfig;
import java.util.Locale;
import java.util.Map;

/** The snapshot of one posterior, as the app publishes it (also used to check it from outside). */
public final class Snapshots {

    private Snapshots() {
    }

    public static PosteriorSnapshot of(ModelConfig model, String entityKey, VariationalState state, double rho,
            double elbo, long lastEventTime) {
        return of(model, entityKey, state, rho, elbo, 0.0, lastEventTime);
    }

    /** With the ELBO's Monte Carlo standard error, published as diagnostics.elboStdErr when not 0. */
    public static PosteriorSnapshot of(ModelConfig model, String entityKey, VariationalState state, double rho,
            double elbo, double elboStdErr, long lastEventTime) {
        SnapshotMapper.Header header = new SnapshotMapper.Header(model.name(), entityKey, model.model().type(),
                model.mode().name().toLowerCase(Locale.ROOT), state.step(), state.observationsSeen(),
                state.effectiveDataSize(), rho, elbo, lastEventTime);
        Map<String, Double> diagnostics = elboStdErr != 0.0 ? Map.of("elboStdErr", elboStdErr) : Map.of();
        return SnapshotMapper.toAvro(header, model.model().posterior(state), diagnostics);
    }
}
