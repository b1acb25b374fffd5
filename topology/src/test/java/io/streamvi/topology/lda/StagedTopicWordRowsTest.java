package io.streamvi.topology.lda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.streamvi.model.lda.InMemoryTopicWordRows;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Held-back writes: read through, written only by a commit of finite rows, forgotten by a discard. */
class StagedTopicWordRowsTest {

    @Test
    void writesAreReadThroughAndReachTheRowsOnlyOnCommit() {
        InMemoryTopicWordRows base = new InMemoryTopicWordRows();
        base.put(2, new double[] {1, 2});
        base.put(7, new double[] {3, 4});
        StagedTopicWordRows staged = new StagedTopicWordRows(base);
        staged.put(7, new double[] {5, 6});
        staged.put(4, new double[] {7, 8});
        assertArrayEquals(new double[] {5, 6}, staged.get(7));
        assertArrayEquals(new double[] {3, 4}, base.get(7), "not written yet");
        assertNull(base.get(4));
        List<Integer> order = new ArrayList<>();
        List<Double> firsts = new ArrayList<>();
        staged.forEach((w, row) -> {
            order.add(w);
            firsts.add(row[0]);
            staged.put(w, new double[] {row[0] * 10, row[1]});   // a full pass may rewrite the row it is given
        });
        assertEquals(List.of(2, 7, 4), order, "the rows underneath in their order, then the new ones");
        assertEquals(List.of(1.0, 5.0, 7.0), firsts, "held-back values in place of the stored ones");
        staged.commit();
        assertArrayEquals(new double[] {10, 2}, base.get(2));
        assertArrayEquals(new double[] {50, 6}, base.get(7));
        assertArrayEquals(new double[] {70, 8}, base.get(4));
        assertEquals(0, staged.heldBack());
    }

    @Test
    void aNonFiniteRowIsNeverWritten() {
        InMemoryTopicWordRows base = new InMemoryTopicWordRows();
        base.put(1, new double[] {1, 1});
        StagedTopicWordRows staged = new StagedTopicWordRows(base);
        staged.put(1, new double[] {2, 2});
        staged.put(3, new double[] {Double.NaN, 0});
        staged.put(5, new double[] {0, Double.POSITIVE_INFINITY});
        assertEquals(3, staged.firstNonFinite());
        assertThrows(IllegalStateException.class, staged::commit);
        assertArrayEquals(new double[] {1, 1}, base.get(1), "nothing written");
        assertEquals(1, base.size());
        staged.discard();
        assertEquals(-1, staged.firstNonFinite());
        assertArrayEquals(new double[] {1, 1}, staged.get(1));
    }
}
