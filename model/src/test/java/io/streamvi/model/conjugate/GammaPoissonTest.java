package io.streamvi.model.conjugate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.streamvi.model.observation.Count;
import io.streamvi.model.observation.Observation;
import io.streamvi.model.observation.RealValue;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.distribution.discrete.PoissonDistribution;
import org.hipparchus.random.Well19937c;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;

class GammaPoissonTest extends ConjugateFamilyContract {

    private static final GammaPoisson FAMILY = new GammaPoisson(2.0, 0.5);

    @Override
    ConjugateFamily family() {
        return FAMILY;
    }

    /** Counts over exposures between 0.5 and 3 at a true rate of 2.5 per unit. */
    @Override
    List<Observation> data(long seed, int n) {
        Well19937c rng = new Well19937c(seed);
        List<Observation> xs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double e = 0.5 + 2.5 * rng.nextDouble();
            xs.add(new Count(new PoissonDistribution(2.5 * e).inverseCumulativeProbability(rng.nextDouble()), e));
        }
        return xs;
    }

    @Override
    double[] closedFormPosterior(List<Observation> data) {
        double sumY = 0;
        double sumE = 0;
        for (Observation o : data) {
            sumY += ((Count) o).count();
            sumE += ((Count) o).exposure();
        }
        return new double[] {2.0 + sumY, 0.5 + sumE};
    }

    /** ∫ Π Poisson(y_i | θ e_i) Gamma(θ | a0, b0) dθ in closed form. */
    @Override
    double logEvidence(List<Observation> data) {
        double[] post = closedFormPosterior(data);
        double logH = 0;
        for (Observation o : data) {
            Count c = (Count) o;
            logH += c.count() * Math.log(c.exposure()) - Gamma.logGamma(c.count() + 1.0);
        }
        return 2.0 * Math.log(0.5) - Gamma.logGamma(2.0) - post[0] * Math.log(post[1]) + Gamma.logGamma(post[0]) + logH;
    }

    @Test
    void predictiveIsTheNegativeBinomial() {
        // a = 3, b = 2: NB(r = 3, p = 2/3): mean 1.5, var 1.5 * 1.5 = 2.25
        var y = FAMILY.predictive(new double[] {3, 2}).get(0);
        assertEquals(1.5, y.mean(), 1e-15);
        assertEquals(1.5, y.sd(), 1e-15);
        // P(Y <= 0) = p^r = 0.296 >= 0.025, so the lower quantile is 0; median: P(Y<=1) = 0.296 + 3(2/3)^3(1/3) = 0.593
        assertEquals(0, y.lower95(), 0.0);
        assertEquals(1, y.median(), 0.0);
    }

    @Test
    void validationRejectsNegativeCountsAndBadExposure() {
        assertNull(FAMILY.validate(new Count(0, 1.0)));
        assertNotNull(FAMILY.validate(new Count(-1, 1.0)));
        assertNotNull(FAMILY.validate(new Count(3, 0.0)));
        assertNotNull(FAMILY.validate(new RealValue(3)));
    }
}
