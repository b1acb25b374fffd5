package io.streamvi.model.conjugate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamvi.model.observation.BinaryOutcome;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.posterior.Posterior;
import io.streamvi.model.schedule.RobbinsMonroSchedule;
import io.streamvi.model.svi.EffectiveDataSize;
import io.streamvi.model.svi.UpdateMode;
import io.streamvi.model.svi.VariationalState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shadow posteriors under a halved or doubled prior equal the closed form under that prior. */
class PriorSensitivityTest {

    @Test
    void exactShadowPosteriorEqualsTheClosedFormUnderTheScaledPrior() {
        ConjugateModel model = new ConjugateModel(new BetaBernoulli(2, 6), UpdateMode.EXACT, RobbinsMonroSchedule.of(1, 0.7),
                new EffectiveDataSize.Seen());
        List<Observation> xs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            xs.add(new BinaryOutcome(i % 4 == 0));
        }
        VariationalState s = model.update(model.initialState(), xs).state();
        Posterior half = model.posteriorUnderScaledPrior(s, 0.5);
        assertEquals(1 + 10, half.scalar("alpha"), 1e-12);
        assertEquals(3 + 30, half.scalar("beta"), 1e-12);
        Posterior twice = model.posteriorUnderScaledPrior(s, 2);
        assertEquals(4 + 10, twice.scalar("alpha"), 1e-12);
        assertEquals(12 + 30, twice.scalar("beta"), 1e-12);
    }

    /** In SVI the state is η plus weighted statistics too: the shadow equals SVI run under the scaled prior. */
    @Test
    void sviShadowPosteriorEqualsSviUnderTheScaledPrior() {
        RobbinsMonroSchedule schedule = RobbinsMonroSchedule.of(1, 0.7);
        EffectiveDataSize n = new EffectiveDataSize.Fixed(500);
        ConjugateModel model = new ConjugateModel(new BetaBernoulli(2, 6), UpdateMode.SVI, schedule, n);
        ConjugateModel doubled = new ConjugateModel(new BetaBernoulli(4, 12), UpdateMode.SVI, schedule, n);
        VariationalState a = model.initialState();
        VariationalState b = doubled.initialState();
        for (int t = 0; t < 30; t++) {
            List<Observation> batch = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                batch.add(new BinaryOutcome((t + i) % 3 == 0));
            }
            a = model.update(a, batch).state();
            b = doubled.update(b, batch).state();
        }
        Posterior shadow = model.posteriorUnderScaledPrior(a, 2);
        assertEquals(doubled.posterior(b).scalar("alpha"), shadow.scalar("alpha"), 1e-9);
        assertEquals(doubled.posterior(b).scalar("beta"), shadow.scalar("beta"), 1e-9);
    }
}
