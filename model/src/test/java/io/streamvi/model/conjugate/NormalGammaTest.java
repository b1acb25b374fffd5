package io.streamvi.model.conjugate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamvi.model.observation.Observation;
import io.streamvi.model.observation.RealValue;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.random.Well19937c;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;

class NormalGammaTest extends ConjugateFamilyContract {

    private static final double MU0 = 1.0;
    private static final double KAPPA0 = 2.0;
    private static final double A0 = 1.5;
    private static final double B0 = 2.0;
    private static final NormalGamma FAMILY = new NormalGamma(MU0, KAPPA0, A0, B0);

    @Override
    ConjugateFamily family() {
        return FAMILY;
    }

    @Override
    List<Observation> data(long seed, int n) {
        Well19937c rng = new Well19937c(seed);
        List<Observation> xs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            xs.add(new RealValue(3.0 + 1.7 * rng.nextGaussian()));
        }
        return xs;
    }

    /**
     * Murphy (2007) eqs. 86–89 with the centred sum of squares, then to the additive form, which
     * the family keeps in coordinates x − μ0.
     */
    @Override
    double[] closedFormPosterior(List<Observation> data) {
        double[] p = standardPosterior(data);
        double mu = p[0] - MU0;
        double kappa = p[1];
        return new double[] {kappa, kappa * mu, p[2], 2 * p[3] + kappa * mu * mu};
    }

    private static double[] standardPosterior(List<Observation> data) {
        int n = data.size();
        double mean = data.stream().mapToDouble(o -> ((RealValue) o).value()).average().orElseThrow();
        double ss = data.stream().mapToDouble(o -> Math.pow(((RealValue) o).value() - mean, 2)).sum();
        double kappa = KAPPA0 + n;
        double mu = (KAPPA0 * MU0 + n * mean) / kappa;
        double a = A0 + n / 2.0;
        double b = B0 + 0.5 * ss + KAPPA0 * n * (mean - MU0) * (mean - MU0) / (2 * kappa);
        return new double[] {mu, kappa, a, b};
    }

    /** Murphy (2007) eq. 95. */
    @Override
    double logEvidence(List<Observation> data) {
        double[] p = standardPosterior(data);
        int n = data.size();
        return Gamma.logGamma(p[2]) - Gamma.logGamma(A0) + A0 * Math.log(B0) - p[2] * Math.log(p[3])
                + 0.5 * Math.log(KAPPA0 / p[1]) - 0.5 * n * Math.log(2 * Math.PI);
    }

    /** Far from zero, b is computed from deviations about μ0: no cancellation when μ0 is near the data. */
    @Test
    void largeOffsetsKeepTheirPrecisionWhenMu0IsNearTheData() {
        NormalGamma far = new NormalGamma(1e8, 1, 1, 1);
        Well19937c rng = new Well19937c(4);
        List<Observation> xs = new ArrayList<>();
        double ss = 0;
        for (int i = 0; i < 1000; i++) {
            double dev = rng.nextGaussian();
            xs.add(new RealValue(1e8 + dev));
            ss += dev * dev;
        }
        ConjugateModel model = new ConjugateModel(far, io.streamvi.model.svi.UpdateMode.EXACT,
                io.streamvi.model.schedule.RobbinsMonroSchedule.of(1, 0.7), new io.streamvi.model.svi.EffectiveDataSize.Seen());
        double[] s = far.standard(model.lambda(run(model, xs, 10)));
        assertEquals(1e8, s[0], 1.0);
        assertEquals(1 + 0.5 * ss, s[3], 0.03 * (1 + 0.5 * ss), "b_n ~ b0 + SS/2 (the mean's term is small)");
    }

    @Test
    void marginalsAreStudentTAndGamma() {
        double[] lambda = closedFormPosterior(data(1, 40));
        double[] s = FAMILY.standard(lambda);
        var post = FAMILY.posterior(lambda);
        var mu = post.summaries().get(0);
        assertEquals(s[0], mu.mean(), 1e-12);
        assertEquals(Math.sqrt(s[3] / (s[1] * (s[2] - 1))), mu.sd(), 1e-12);
        var tau = post.summaries().get(1);
        assertEquals(s[2] / s[3], tau.mean(), 1e-12);
        var x = FAMILY.predictive(lambda).get(0);
        assertEquals(Math.sqrt(s[3] * (s[1] + 1) / (s[1] * (s[2] - 1))), x.sd(), 1e-12);
    }
}
