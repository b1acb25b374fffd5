package io.streamvi.topology.processor;

import io.streamvi.avro.PosteriorSnapshot;
import io.streamvi.model.svi.VariationalState;
import io.streamvi.serde.SnapshotMapper;
import io.streamvi.topology.config.ModelConfig;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import io.streamvi.model.svi.ElboConvergence;
import io.streamvi.model.conjugate.ConjugateModel;
import io.streamvi.model.posterior.ParameterSummary;
import io.streamvi.model.posterior.Posterior;

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
        Posterior posterior = model.model().posterior(state);
        if (model.priorSensitivity().enabled() && model.model() instanceof ConjugateModel conjugate) {
            addPriorSensitivity(model, conjugate, state, posterior, diagnostics);
        }
        return SnapshotMapper.toAvro(header, posterior, diagnostics);
    }

    /**
     * priorShift.x{f}.{parameter}: (mean under the prior scaled by f − mean) / sd, and
     * priorSensitive = 1 when any |shift| exceeds the threshold.
     */
    private static void addPriorSensitivity(ModelConfig model, ConjugateModel conjugate, VariationalState state,
            Posterior posterior, Map<String, Double> diagnostics) {
        double worst = 0;
        for (double f : model.priorSensitivity().factors()) {
            Posterior shadow = conjugate.posteriorUnderScaledPrior(state, f);
            if (shadow == null) {
                continue;
            }
            for (int i = 0; i < posterior.summaries().size(); i++) {
                ParameterSummary main = posterior.summaries().get(i);
                double shift = (shadow.summaries().get(i).mean() - main.mean()) / main.sd();
                if (Double.isFinite(shift)) {
                    diagnostics.put("priorShift.x" + f + "." + main.name(), shift);
                    worst = Math.max(worst, Math.abs(shift));
                }
            }
        }
        diagnostics.put("priorSensitive", worst > model.priorSensitivity().threshold() ? 1.0 : 0.0);
    }
}
