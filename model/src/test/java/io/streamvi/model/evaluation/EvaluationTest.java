package io.streamvi.model.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamvi.model.DevData;
import io.streamvi.model.conjugate.ConjugateModel;
import io.streamvi.model.mcmc.NutsSettings;
import io.streamvi.model.meanfield.MeanFieldModel;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.regression.Design;
import io.streamvi.model.regression.GaussianLinearRegression;
import io.streamvi.model.regression.MeanFieldLinearRegression;
import io.streamvi.model.schedule.RobbinsMonroSchedule;
import io.streamvi.model.svi.EffectiveDataSize;
import io.streamvi.model.svi.StreamingModel;
import io.streamvi.model.svi.UpdateMode;
import io.streamvi.model.svi.VariationalState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The evaluation of a fitted model against NUTS on the dev diabetes regression (known noise
 * variance 0.5, prior N(0, 1) on standardised features): the exact Gaussian posterior must agree
 * with MCMC within Monte Carlo error, with k̂ in the good range, and the same held-out predictive
 * density; the fully factorised q must show its too-small sds and an unreliable k̂.
 */
class EvaluationTest {

    static final Design DESIGN = new Design(10, true);
    static final List<Observation> DATA = List.copyOf(DevData.regressionEvents("/dev/b_linreg_diabetes/events.jsonl"));
    static final NutsSettings NUTS = NutsSettings.of(4, 500, 500, 11);

    static VariationalState fit(StreamingModel model, List<Observation> data) {
        return model.update(model.initialState(), data).state();
    }

    @Test
    void exactPosteriorAgreesWithNuts() {
        ConjugateModel exact = new ConjugateModel(new GaussianLinearRegression(DESIGN, 0.5, new double[] {0},
                new double[] {1}, new double[0][]), UpdateMode.EXACT, RobbinsMonroSchedule.of(1, 0.7), new EffectiveDataSize.Seen());
        List<Observation> train = DATA.subList(0, 400);
        List<Observation> heldOut = DATA.subList(400, DATA.size());
        Evaluation.Result r = Evaluation.run(exact, fit(exact, train), train, heldOut, NUTS, 4000);
        assertEquals(0, r.divergences());
        for (int j = 0; j < r.comparisons().size(); j++) {
            ParameterComparison c = r.comparisons().get(j);
            // |error| < 4 Monte Carlo sds of a difference of two means (ESS ≥ 1000 NUTS, 4000 iid q draws)
            assertEquals(0, c.meanErrorInSds(), 4 * Math.sqrt(1.0 / r.mcmc().get(j).essBulk() + 1.0 / 4000), c.toString());
            assertEquals(1, c.sdRatio(), 0.1, c.toString());
            assertTrue(r.mcmc().get(j).rhat() < 1.01, r.mcmc().get(j).toString());
        }
        assertTrue(r.psis().k() < 0.5, "k-hat " + r.psis().k());
        assertEquals(42, r.heldOut());
        assertEquals(r.heldOutLpdMcmc(), r.heldOutLpdVi(), 0.5, "the same posterior predicts the same");
    }

    @Test
    void meanFieldShowsItsNarrowSdsAndAnUnreliableKhat() {
        MeanFieldModel meanField = new MeanFieldModel(MeanFieldLinearRegression.knownNoise(DESIGN,
                MeanFieldLinearRegression.Form.DIAGONAL, 0.5, new double[] {0}, new double[] {1}, new double[0][]),
                UpdateMode.CAVI, RobbinsMonroSchedule.of(1, 0.7), new EffectiveDataSize.Seen(), 1e-10, 10_000);
        Evaluation.Result r = Evaluation.run(meanField, fit(meanField, DATA), DATA, List.of(), NUTS, 4000);
        double minRatio = r.comparisons().stream().mapToDouble(ParameterComparison::sdRatio).min().orElseThrow();
        assertTrue(minRatio < 0.6, "smallest sd ratio " + minRatio);
        assertTrue(r.psis().k() > 0.7, "k-hat " + r.psis().k());
        assertEquals(PsisResult.Reading.UNRELIABLE, r.psis().reading());
    }
}
