package io.streamvi.model.conjugate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.streamvi.model.InvalidParameterException;
import io.streamvi.model.observation.Category;
import io.streamvi.model.observation.Observation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;

class DirichletCategoricalTest extends ConjugateFamilyContract {

    private static final double[] ALPHA0 = {0.5, 1.0, 2.0, 1.0};
    private static final DirichletCategorical FAMILY = new DirichletCategorical(ALPHA0);
    private static final double[] TRUE_P = {0.1, 0.2, 0.3, 0.4};

    @Override
    ConjugateFamily family() {
        return FAMILY;
    }

    @Override
    List<Observation> data(long seed, int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Observation> xs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            int k = 0;
            while (k < TRUE_P.length - 1 && u >= TRUE_P[k]) {
                u -= TRUE_P[k++];
            }
            xs.add(new Category(k));
        }
        return xs;
    }

    @Override
    double[] closedFormPosterior(List<Observation> data) {
        double[] a = ALPHA0.clone();
        data.forEach(o -> a[((Category) o).index()]++);
        return a;
    }

    /** Dirichlet-multinomial (ordered sequence): ln B(α_n) − ln B(α0). */
    @Override
    double logEvidence(List<Observation> data) {
        return logB(closedFormPosterior(data)) - logB(ALPHA0);
    }

    private static double logB(double[] a) {
        double sum = 0;
        double lg = 0;
        for (double v : a) {
            sum += v;
            lg += Gamma.logGamma(v);
        }
        return lg - Gamma.logGamma(sum);
    }

    @Test
    void marginalsAndPredictive() {
        double[] a = {3, 5, 2};
        var post = new DirichletCategorical(new double[] {1, 1, 1}).posterior(a);
        assertEquals(0.5, post.summaries().get(1).mean(), 1e-15);
        assertEquals(Math.sqrt(5.0 * 5 / (100.0 * 11)), post.summaries().get(1).sd(), 1e-15);
        assertEquals(0.2, new DirichletCategorical(new double[] {1, 1, 1}).predictive(a).get(2).mean(), 1e-15);
    }

    @Test
    void validation() {
        assertNotNull(FAMILY.validate(new Category(4)));
        assertNotNull(FAMILY.validate(new Category(-1)));
        assertEquals("alpha[1]", assertThrows(InvalidParameterException.class,
                () -> new DirichletCategorical(new double[] {1, 0})).field());
    }
}
