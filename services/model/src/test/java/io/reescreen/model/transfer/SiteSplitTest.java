package io.reescreen.model.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SiteSplitTest {

    @Test
    void rowsAreCopiedInAndOut() {
        int[] train = {0, 2, 4};
        SiteSplit split = new SiteSplit("s", train, new int[] {1, 3});
        train[0] = 99;
        assertArrayEquals(new int[] {0, 2, 4}, split.trainRows(), "the constructor copies");
        split.trainRows()[1] = 99;
        split.testRows()[0] = 99;
        assertArrayEquals(new int[] {0, 2, 4}, split.trainRows(), "the accessors copy");
        assertArrayEquals(new int[] {1, 3}, split.testRows());
    }

    @Test
    void aRowListedTwiceIsRefusedWithinOrAcrossTheLists() {
        IllegalArgumentException within = assertThrows(IllegalArgumentException.class,
                () -> new SiteSplit("dup", new int[] {0, 1, 1}, new int[] {2}));
        assertTrue(within.getMessage().contains("dup") && within.getMessage().contains("row 1"), within.getMessage());
        IllegalArgumentException across = assertThrows(IllegalArgumentException.class,
                () -> new SiteSplit("leak", new int[] {0, 1}, new int[] {2, 1}));
        assertTrue(across.getMessage().contains("leak") && across.getMessage().contains("row 1"), across.getMessage());
    }

    @Test
    void negativeRowsAndTooFewRowsAreRefused() {
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> new SiteSplit("neg", new int[] {0, -1}, new int[] {2}));
        assertTrue(negative.getMessage().contains("row -1"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SiteSplit("one", new int[] {0}, new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new SiteSplit("none", new int[] {0, 1}, new int[0]));
        assertThrows(NullPointerException.class, () -> new SiteSplit(null, new int[] {0, 1}, new int[] {2}));
        assertDoesNotThrow(() -> new SiteSplit("min", new int[] {0, 1}, new int[] {2}));
    }

    @Test
    void checkFitsRefusesRowsPastTheSite() {
        SiteSplit split = new SiteSplit("s", new int[] {0, 5}, new int[] {11});
        assertDoesNotThrow(() -> split.checkFits(12));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> split.checkFits(11));
        assertTrue(e.getMessage().contains("row 11") && e.getMessage().contains("11 rows"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SiteSplit("t", new int[] {0, 6}, new int[] {1}).checkFits(6));
    }

    @Test
    void equalityIsByContent() {
        SiteSplit a = new SiteSplit("s", new int[] {0, 1}, new int[] {2});
        SiteSplit b = new SiteSplit("s", new int[] {0, 1}, new int[] {2});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, new SiteSplit("s", new int[] {1, 0}, new int[] {2}), "row order is part of a split");
        assertNotEquals(a, new SiteSplit("t", new int[] {0, 1}, new int[] {2}));
        assertTrue(a.toString().contains("[0, 1]"), a.toString());
    }
}
