package io.streamvi.model.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamvi.model.InvalidParameterException;
import org.junit.jupiter.api.Test;

class RobbinsMonroScheduleTest {

    @Test
    void followsTheFormula() {
        RobbinsMonroSchedule s = RobbinsMonroSchedule.of(64, 0.7);
        for (long t = 1; t < 1000; t += 37) {
            assertEquals(Math.pow(64 + t, -0.7), s.rho(t), 0.0);
        }
    }

    @Test
    void kappaOneTauZeroIsOneOverT() {
        RobbinsMonroSchedule s = RobbinsMonroSchedule.of(0, 1.0);
        assertEquals(1.0, s.rho(1), 0.0);
        assertEquals(0.25, s.rho(4), 0.0);
    }

    @Test
    void floorTakesOverOnceTheScheduleDropsBelowIt() {
        RobbinsMonroSchedule s = new RobbinsMonroSchedule(1, 1.0, 0.05);
        assertEquals(0.5, s.rho(1), 0.0);
        assertEquals(0.05, s.rho(100), 0.0);
        for (long t = 1; t < 200; t++) {
            assertTrue(s.rho(t + 1) <= s.rho(t), "non-increasing");
        }
    }

    @Test
    void rejectsBadValuesNamingTheField() {
        assertField("kappa", () -> RobbinsMonroSchedule.of(1, 0.5));
        assertField("kappa", () -> RobbinsMonroSchedule.of(1, 1.01));
        assertField("kappa", () -> RobbinsMonroSchedule.of(1, Double.NaN));
        assertField("tau0", () -> RobbinsMonroSchedule.of(-1, 0.7));
        assertField("tau0", () -> RobbinsMonroSchedule.of(Double.POSITIVE_INFINITY, 0.7));
        assertField("rhoMin", () -> new RobbinsMonroSchedule(1, 0.7, 1.0));
        assertField("rhoMin", () -> new RobbinsMonroSchedule(1, 0.7, -0.1));
        assertField("t", () -> RobbinsMonroSchedule.of(1, 0.7).rho(0));
    }

    static void assertField(String field, Runnable r) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, r::run);
        assertEquals(field, e.field());
        assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
    }
}
