package io.streamvi.model.svi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.streamvi.model.InvalidParameterException;
import org.junit.jupiter.api.Test;

class EffectiveDataSizeTest {

    @Test
    void fixedIsConstant() {
        EffectiveDataSize n = new EffectiveDataSize.Fixed(1000);
        assertEquals(1000, n.next(3, 77, 5), 0.0);
        assertEquals(1.0, n.discount(5), 0.0);
    }

    @Test
    void seenCountsThisBatch() {
        assertEquals(82, new EffectiveDataSize.Seen().next(0, 77, 5), 0.0);
    }

    @Test
    void halfLifeHalvesWeightsAndSettlesNearHOverLn2() {
        EffectiveDataSize.HalfLife h = new EffectiveDataSize.HalfLife(100);
        assertEquals(0.5, h.discount(100), 1e-15);
        double n = 0;
        for (int i = 0; i < 10_000; i++) {
            n = h.next(n, i, 1);
        }
        // geometric series 1/(1 − 2^(−1/h)) = h/ln2 + 1/2 + O(1/h)
        assertEquals(100 / Math.log(2) + 0.5, n, 0.01);
    }

    @Test
    void rejectsNonPositiveSizes() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> new EffectiveDataSize.Fixed(0));
        assertEquals("n", e.field());
        e = assertThrows(InvalidParameterException.class, () -> new EffectiveDataSize.HalfLife(-3));
        assertEquals("observations", e.field());
    }
}
