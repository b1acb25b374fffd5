package io.streamvi.model.conjugate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamvi.model.observation.Count;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.observation.RealValue;
import io.streamvi.model.posterior.ParameterSummary;
import io.streamvi.model.schedule.RobbinsMonroSchedule;
import io.streamvi.model.svi.EffectiveDataSize;
import io.streamvi.model.svi.StreamingModel;
import io.streamvi.model.svi.UpdateMode;
import io.streamvi.model.svi.VariationalState;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.distribution.discrete.PoissonDistribution;
import org.hipparchus.random.Well19937c;
import org.junit.jupiter.api.Test;

/**
 * A stream whose truth changes halfway. With forgetting (a half-life of 200 observations) the
 * posterior mean is back within 2 posterior sds of the new truth within a bounded number of
 * events (first time; at the end it is still within 3 sds); without forgetting it never gets
 * there and ends far away after as many events again.
 */
class DriftTest {

    private static final int HALF = 5_000;
    private static final int BATCH = 10;

    /** Events after the change until the posterior mean is within 2 sds of the truth (or -1). */
    private static int eventsToRecover(StreamingModel model, List<Observation> stream, double newTruth, double[] finalZ) {
        VariationalState s = model.initialState();
        int recovered = -1;
        for (int i = 0; i < stream.size(); i += BATCH) {
            s = model.update(s, stream.subList(i, i + BATCH)).state();
            ParameterSummary m = model.posterior(s).summaries().get(0);
            double z = Math.abs(m.mean() - newTruth) / m.sd();
            if (i + BATCH > HALF && z <= 2 && recovered < 0) {
                recovered = i + BATCH - HALF;
            }
            finalZ[0] = z;
        }
        return recovered;
    }

    private static List<Observation> poissonStream(long seed) {
        Well19937c rng = new Well19937c(seed);
        List<Observation> xs = new ArrayList<>();
        for (int i = 0; i < 2 * HALF; i++) {
            double rate = i < HALF ? 2.0 : 6.0;
            xs.add(new Count(new PoissonDistribution(rate).inverseCumulativeProbability(rng.nextDouble()), 1.0));
        }
        return xs;
    }

    private static List<Observation> normalStream(long seed) {
        Well19937c rng = new Well19937c(seed);
        List<Observation> xs = new ArrayList<>();
        for (int i = 0; i < 2 * HALF; i++) {
            xs.add(new RealValue((i < HALF ? 10.0 : 13.0) + 2.0 * rng.nextGaussian()));
        }
        return xs;
    }

    @Test
    void gammaPoissonRateChange() {
        List<Observation> stream = poissonStream(31);
        double[] z = new double[1];
        GammaPoisson family = new GammaPoisson(1, 0.1);
        int exact = eventsToRecover(new ConjugateModel(family, UpdateMode.EXACT, RobbinsMonroSchedule.of(1, 0.7),
                new EffectiveDataSize.HalfLife(200)), stream, 6.0, z);
        assertTrue(exact > 0 && exact <= 1_000 && z[0] <= 3, "exact + half-life 200: recovered after " + exact + " events");
        int svi = eventsToRecover(new ConjugateModel(family, UpdateMode.SVI, new RobbinsMonroSchedule(1, 0.7, 0.05),
                new EffectiveDataSize.HalfLife(200)), stream, 6.0, z);
        assertTrue(svi > 0 && svi <= 1_000 && z[0] <= 3, "SVI + half-life 200 + rhoMin 0.05: recovered after " + svi + " events");
        int none = eventsToRecover(new ConjugateModel(family, UpdateMode.EXACT, RobbinsMonroSchedule.of(1, 0.7),
                new EffectiveDataSize.Seen()), stream, 6.0, z);
        assertTrue(none < 0 && z[0] > 50, "without forgetting: still " + z[0] + " sds away after " + HALF + " events");
        System.out.printf("drift, Gamma-Poisson 2 -> 6: exact+halfLife recovers in %d events, SVI in %d; "
                + "no forgetting ends %.0f sds away%n", exact, svi, z[0]);
    }

    @Test
    void normalMeanShift() {
        List<Observation> stream = normalStream(32);
        double[] z = new double[1];
        NormalGamma family = new NormalGamma(0, 0.01, 1, 1);
        int exact = eventsToRecover(new ConjugateModel(family, UpdateMode.EXACT, RobbinsMonroSchedule.of(1, 0.7),
                new EffectiveDataSize.HalfLife(200)), stream, 13.0, z);
        assertTrue(exact > 0 && exact <= 1_000 && z[0] <= 3, "exact + half-life 200: recovered after " + exact + " events");
        int none = eventsToRecover(new ConjugateModel(family, UpdateMode.EXACT, RobbinsMonroSchedule.of(1, 0.7),
                new EffectiveDataSize.Seen()), stream, 13.0, z);
        assertTrue(none < 0 && z[0] > 20, "without forgetting: still " + z[0] + " sds away");
        System.out.printf("drift, Normal mean 10 -> 13: exact+halfLife recovers in %d events; no forgetting ends %.0f sds away%n",
                exact, z[0]);
    }
}
