package io.streamvi.model.svi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamvi.model.InvalidParameterException;
import org.junit.jupiter.api.Test;

class ElboConvergenceTest {

    private final ElboConvergence rule = new ElboConvergence(3, 0.01);

    @Test
    void keepsTheNewestWindowPlusOneValues() {
        double[] h = new double[0];
        for (double e : new double[] {-100, -90, -85, -84, -83.5}) {
            h = rule.append(h, e);
        }
        assertArrayEquals(new double[] {-90, -85, -84, -83.5}, h, 0.0);
    }

    @Test
    void meanAndMedianOfRelativeChanges() {
        ElboConvergence.Assessment a = rule.assess(new double[] {-100, -90, -89, -88.9});
        // |−90+100|/90, |−89+90|/89, |−88.9+89|/88.9
        double r1 = 10 / 90.0;
        double r2 = 1 / 89.0;
        double r3 = 0.1 / 88.9;
        assertEquals((r1 + r2 + r3) / 3, a.meanRelativeChange(), 1e-15);
        assertEquals(r2, a.medianRelativeChange(), 1e-15);
        assertFalse(a.converged(), "median 0.0112 and mean 0.041 are both above 0.01");
        assertEquals((-100 - 90 - 89 - 88.9) / 4, a.smoothedElbo(), 1e-12);
    }

    @Test
    void settlesByTheMedianAndUnsettlesOnAJump() {
        assertTrue(rule.assess(new double[] {-100, -99.9, -99.95, -99.9}).converged());
        assertFalse(rule.assess(new double[] {-99.95, -99.9, -150, -200}).converged(), "a drift moves the ELBO");
        assertFalse(rule.assess(new double[] {-100, -99.9}).converged(), "not before the window is full");
        assertNull(rule.assess(new double[] {-100}));
    }

    @Test
    void validatesItsSettings() {
        assertEquals("window", assertThrows(InvalidParameterException.class, () -> new ElboConvergence(1, 0.01)).field());
        assertEquals("tolerance", assertThrows(InvalidParameterException.class, () -> new ElboConvergence(5, 0)).field());
    }
}
