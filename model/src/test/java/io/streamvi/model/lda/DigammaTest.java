package io.streamvi.model.lda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;

/**
 * The loop-and-series ψ against exact values, and against Hipparchus. Hipparchus's series at x ≥ 49
 * has the x^−4 term with the wrong sign (−1/(120x⁴) for +1/(120x⁴)), an absolute error of about
 * 2/(120·49⁴) ≈ 2.9e-9 that its recurrence carries to every x &lt; 49; hence the 5e-9 there.
 */
class DigammaTest {

    private static final double EULER = 0.57721566490153286061;

    @Test
    void exactValues() {
        assertEquals(-EULER, Digamma.of(1), 1e-15);
        assertEquals(-EULER - 2 * Math.log(2), Digamma.of(0.5), 1e-14);
        assertEquals(-EULER - Math.PI / 2 - 3 * Math.log(2), Digamma.of(0.25), 1e-14);
        double harmonic = 0;
        for (int n = 1; n <= 200; n++) {
            harmonic += 1.0 / n;
            assertEquals(harmonic - EULER, Digamma.of(n + 1), 1e-14 * Math.max(1, harmonic), "n = " + n);
        }
    }

    @Test
    void agreesWithHipparchusWithinItsSeriesError() {
        // from 1e-5: below it Hipparchus switches to the one-term −γ − 1/x
        for (double x = 1e-5; x < 1e7; x *= 1.013) {
            double expected = Gamma.digamma(x);
            assertEquals(expected, Digamma.of(x), 5e-9 + 1e-14 * Math.abs(expected), "x = " + x);
        }
    }
}
