package io.streamvi.model.lda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hipparchus.special.Gamma;
import org.junit.jupiter.api.Test;

class DigammaTest {

    private static final double EULER = 0.57721566490153286061;

    /** The loop is Hipparchus's own recurrence: the values agree to rounding. */
    @Test
    void agreesWithHipparchus() {
        for (double x = 1e-3; x < 200; x *= 1.37) {
            double expected = Gamma.digamma(x);
            assertEquals(expected, Digamma.of(x), 1e-12 * Math.max(1, Math.abs(expected)), "x = " + x);
        }
        assertEquals(Gamma.digamma(-0.5), Digamma.of(-0.5), 0.0);
    }

    /**
     * Against exact values: within 5e-9, the accuracy of the asymptotic series Hipparchus
     * evaluates at x ≥ 49 (its x^−4 term carries the wrong sign, an error of about 2.9e-9 at 49).
     */
    @Test
    void exactValuesWithinHipparchusAccuracy() {
        assertEquals(-EULER, Digamma.of(1), 5e-9);
        assertEquals(-EULER - 2 * Math.log(2), Digamma.of(0.5), 5e-9);
        assertEquals(-EULER - Math.PI / 2 - 3 * Math.log(2), Digamma.of(0.25), 5e-9);
        double harmonic = 0;
        for (int n = 1; n <= 30; n++) {
            harmonic += 1.0 / n;
            assertEquals(harmonic - EULER, Digamma.of(n + 1), 5e-9, "n = " + n);
        }
    }
}
