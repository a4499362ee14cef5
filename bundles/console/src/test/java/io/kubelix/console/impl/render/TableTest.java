package io.kubelix.console.impl.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void columnsArePaddedToTheWidestCellPlusThreeSpaces() {
        Table table = new Table(List.of("NAME", "STATUS", "AGE"))
                .addRow(List.of("default", "Active", "5m"))
                .addRow(List.of("kube-system", "Active", "12d"));
        assertEquals("""
                NAME          STATUS   AGE
                default       Active   5m
                kube-system   Active   12d
                """, table.render());
    }

    @Test
    void theLastColumnCarriesNoTrailingSpaces() {
        String out = new Table(List.of("NAME", "DESCRIPTION")).addRow(List.of("a", "")).render();
        assertEquals("NAME   DESCRIPTION\na\n", out);
    }

    @Test
    void aRowOfTheWrongWidthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Table(List.of("A", "B")).addRow(List.of("x")));
    }
}
