package io.streamvi.topology.processor;

import io.streamvi.avro.PosteriorSnapshot;
import io.streamvi.model.svi.VariationalState;
import io.streamvi.serde.SnapshotMapper;
import io.streamvi.topology.config.ModelConfig;
import io.streamvi.model.check.PredictiveCheck;
import io.streamvi.model.check.PredictiveReplicator;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.svi.Seeds;
import io.streamvi.topology.config.PredictiveChecks;
import java.util.List;
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
     * and {@code converged} (1 when Stan ADVI's rule says the key has settled, else 0). With
     * predictive checks enabled, {@code ppc.<statistic>} (the p-value of {@code recent}, the key's
     * newest observations, oldest first), {@code ppcWindow} and {@code ppcFlag} (1 when a p-value
     * is beyond the threshold on either side).
     */
    public static PosteriorSnapshot of(ModelConfig model, String entityKey, VariationalState state, double rho,
            double elbo, double elboStdErr, long lastEventTime, double[] elboHistory, List<? extends Observation> recent) {
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
        if (model.predictiveChecks().enabled() && !recent.isEmpty()
                && model.model() instanceof PredictiveReplicator replicator) {
            addPredictiveChecks(model.predictiveChecks(), replicator, entityKey, model.name(), state, recent, diagnostics);
        }
        return SnapshotMapper.toAvro(header, posterior, diagnostics);
    }

    /** Salt of the predictive checks' seeds, so that they draw apart from the model's own updates. */
    private static final long CHECK_SALT = 0x5050432d63686b31L;

    private static void addPredictiveChecks(PredictiveChecks checks, PredictiveReplicator replicator, String entityKey,
            String modelName, VariationalState state, List<? extends Observation> recent, Map<String, Double> diagnostics) {
        long seed = Seeds.forStep(Seeds.forStream(modelName, entityKey) ^ CHECK_SALT, state.step());
        PredictiveCheck.Result r = PredictiveCheck.run(replicator.predictiveSampler(state), recent, checks.replications(), seed);
        r.pValues().forEach((name, p) -> diagnostics.put("ppc." + name, p));
        diagnostics.put("ppcWindow", (double) recent.size());
        double extreme = r.mostExtreme();
        diagnostics.put("ppcFlag", extreme < checks.threshold() ? 1.0 : 0.0);
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
