package io.streamvi.topology.processor;

import io.streamvi.avro.PosteriorSnapshot;
import io.streamvi.model.svi.VariationalState;
import io.streamvi.serde.SnapshotMapper;
import io.streamvi.topology.config.ModelConfig;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import io.streamvi.model.svi.ElboConvergence;

/** The snapshot of one posterior, as the app publishes it (also used to check it from outside). */
public final class Snapshots {

    private Snapshots() {
    }

    /**
     * The snapshot of a state. Diagnostics: {@code elboStdErr} (the ELBO's Monte Carlo standard
     * error, when not 0) and, from the last steps' ELBOs ({@code elboHistory}, oldest first),
     * {@code elboSmoothed} (their mean), {@code elboRelChangeMean}, {@code elboRelChangeMedian}
     * and {@code converged} (1 when Stan ADVI's rule says the key has settled, else 0).
     */
    public static PosteriorSnapshot of(ModelConfig model, String entityKey, VariationalState state, double rho,
            double elbo, double elboStdErr, long lastEventTime, double[] elboHistory) {
        SnapshotMapper.Header header = new SnapshotMapper.Header(model.name(), entityKey, model.model().type(),
                model.mode().name().toLowerCase(Locale.ROOT), state.step(), state.observationsSeen(),
                state.effectiveDataSize(), rho, elbo, lastEventTime);
        Map<String, Double> diagnostics = new TreeMap<>();
        if (elboStdErr != 0.0) {
            diagnostics.put("elboStdErr", elboStdErr);
        }
        ElboConvergence.Assessment a = model.convergence().assess(elboHistory);
        if (a != null) {
            diagnostics.put("elboSmoothed", a.smoothedElbo());
            diagnostics.put("elboRelChangeMean", a.meanRelativeChange());
            diagnostics.put("elboRelChangeMedian", a.medianRelativeChange());
            diagnostics.put("converged", a.converged() ? 1.0 : 0.0);
        }
        return SnapshotMapper.toAvro(header, model.model().posterior(state), diagnostics);
    }
}
