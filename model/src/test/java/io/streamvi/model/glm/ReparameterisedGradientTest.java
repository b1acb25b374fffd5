package io.streamvi.model.glm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamvi.model.observation.Observation;
import io.streamvi.model.observation.Regression;
import io.streamvi.model.regression.Design;
import io.streamvi.model.schedule.RobbinsMonroSchedule;
import io.streamvi.model.svi.EffectiveDataSize;
import io.streamvi.model.svi.StepResult;
import io.streamvi.model.svi.VariationalState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole Monte Carlo ELBO gradient of the black-box model (likelihood, prior and entropy
 * terms) against central finite differences of the Monte Carlo ELBO itself with the draws held
 * fixed: a step at a given step number always uses the same ε, so ELBO(φ ± h e_k) differ only
 * through φ. Without adaptive scaling or a cap, the step is φ' = φ + ρ_t ∇ELBO, so the gradient
 * is (φ' − φ)/ρ_t.
 */
class ReparameterisedGradientTest {

    private static List<Observation> data(String likelihood) {
        SplittableRandom rng = new SplittableRandom(5);
        List<Observation> out = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            double[] x = {rng.nextDouble() * 2 - 1, rng.nextDouble() * 2 - 1, rng.nextDouble() * 2 - 1};
            double y = likelihood.equals("logistic") ? (rng.nextDouble() < 0.4 ? 1 : 0) : rng.nextInt(5);
            out.add(new Regression(x, y, 0.5 + rng.nextDouble()));
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({"logistic, true", "logistic, false", "poisson, true", "poisson, false"})
    void elboGradientMatchesFiniteDifferences(String likelihood, boolean fullRank) {
        GlmLikelihood lik = likelihood.equals("logistic") ? new LogisticLikelihood() : new PoissonLikelihood();
        ReparameterisedGlm model = new ReparameterisedGlm(lik, new Design(3, true), fullRank, 1.0, 2.0,
                RobbinsMonroSchedule.of(0, 1.0), new EffectiveDataSize.Fixed(100), 4, false, 0, new double[0][]);
        List<Observation> batch = data(likelihood);
        int k = model.family().parameterCount();
        double[] start = model.initialState().params();
        SplittableRandom rng = new SplittableRandom(9);
        for (int j = 0; j < k; j++) {
            start[j] += 0.3 * (rng.nextDouble() - 0.5); // move away from the symmetric start
        }
        // step 3 of the stream: rho = 1/3, the same draws for every evaluation below
        VariationalState at = new VariationalState(2, 60, 100, start);
        StepResult r = model.update(at, batch, 77L);
        double rho = r.diagnostics().rho();
        double h = 1e-6;
        for (int j = 0; j < k; j++) {
            double analytic = (r.state().param(j) - start[j]) / rho;
            double[] plus = start.clone();
            double[] minus = start.clone();
            plus[j] += h;
            minus[j] -= h;
            double fPlus = model.update(new VariationalState(2, 60, 100, plus), batch, 77L).diagnostics().elbo();
            double fMinus = model.update(new VariationalState(2, 60, 100, minus), batch, 77L).diagnostics().elbo();
            double numeric = (fPlus - fMinus) / (2 * h);
            assertEquals(numeric, analytic, 1e-5 * Math.max(1, Math.abs(numeric)),
                    likelihood + (fullRank ? " full-rank" : " mean-field") + " parameter " + j + " of "
                            + Arrays.toString(start));
        }
    }
}
