package io.streamvi.model.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.streamvi.model.InvalidParameterException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The per-parameter comparison on cases with known answers. */
class PosteriorComparisonTest {

    @Test
    void karrOverlapOfIntervals() {
        assertEquals(1, PosteriorComparison.intervalOverlap(-2, 2, -2, 2), 0);
        assertEquals(0, PosteriorComparison.intervalOverlap(-2, -1, 1, 2), 0);
        assertEquals(0.75, PosteriorComparison.intervalOverlap(-1, 1, -2, 2), 1e-15); // half as wide, inside
        assertEquals(0.5, PosteriorComparison.intervalOverlap(0, 2, 1, 3), 1e-15); // shifted by half a width
    }

    /**
     * q = N(0.5, 0.5²) against "MCMC" draws from N(0, 1), 100,000 draws each: mean error 0.5 sd, sd
     * ratio 0.5 and the overlap of [0.5 ± 0.98] with [±1.96], ½(1.96/3.92 + 1.96/1.96) = 0.75, each
     * to the draws' Monte Carlo error (a few thousandths).
     */
    @Test
    void biasedNarrowApproximation() {
        SplittableRandom rng = new SplittableRandom(9);
        double[][] q = GaussianApproximation.meanField(new double[] {0.5, 0}, new double[] {0.25, 1}).sample(100_000, rng);
        double[][] mcmc = GaussianApproximation.meanField(new double[] {0, 0}, new double[] {1, 1}).sample(100_000, rng);
        List<ParameterComparison> cmp = PosteriorComparison.compare(List.of("a", "b"), q, mcmc);
        ParameterComparison a = cmp.get(0);
        assertEquals("a", a.name());
        assertEquals(0.5, a.meanErrorInSds(), 0.02);
        assertEquals(0.5, a.sdRatio(), 0.01);
        assertEquals(0.75, a.intervalOverlap(), 0.02);
        assertEquals(-1.96, a.mcmcLower(), 0.03);
        assertEquals(0.5 + 0.98, a.viUpper(), 0.03);
        ParameterComparison b = cmp.get(1);
        assertEquals(0, b.meanErrorInSds(), 0.02);
        assertEquals(1, b.sdRatio(), 0.01);
        assertEquals(1, b.intervalOverlap(), 0.02);
    }

    @Test
    void refusesDrawsOfTheWrongShape() {
        double[][] two = {{0, 0}, {1, 1}};
        double[][] ragged = {{0, 0}, {1}};
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> PosteriorComparison.compare(List.of("a", "b"), two, ragged));
        assertEquals("mcmcDraws[1]", e.field());
    }
}
