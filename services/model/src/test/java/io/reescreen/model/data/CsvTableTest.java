package io.reescreen.model.data;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CsvTableTest {

    @Test
    void keepsCommentsHeaderRowsAndLineNumbers() throws IOException {
        String text = "\uFEFF# first note\n#second\n\na,b , \"c, quoted\"\n1, 2 ,\"x \"\"y\"\"\"\n\n3,4,5\n";
        CsvTable t = CsvTable.read(new StringReader(text), "inline");
        assertEquals(List.of("first note", "second"), t.comments());
        assertEquals(List.of("a", "b", "c, quoted"), t.header());
        assertEquals(4, t.headerLineNumber());
        assertEquals(2, t.rows().size());
        assertEquals(5, t.rows().get(0).lineNumber());
        assertEquals(List.of("1", "2", "x \"y\""), t.rows().get(0).cells());
        assertEquals(7, t.rows().get(1).lineNumber());
        assertEquals(2, t.columnIndex("c, quoted"));
    }

    @Test
    void emptyCellsArePreserved() throws IOException {
        CsvTable t = CsvTable.read(new StringReader("a,b,c\n,,\n"), "inline");
        assertEquals(List.of("", "", ""), t.rows().get(0).cells());
    }

    @Test
    void unbalancedQuotesAndMissingHeaderAreReportedWithLineNumbers() {
        DatasetFormatException e = assertThrows(DatasetFormatException.class,
                () -> CsvTable.read(new StringReader("a,b\n\"1,2\n3,4\n\"5\n"), "inline"));
        assertEquals(List.of(2, 4), e.problems().stream().map(RowProblem::lineNumber).toList());
        assertThrows(DatasetFormatException.class, () -> CsvTable.read(new StringReader("# only a comment\n"), "x"));
    }

    @Test
    void quotingForWritingRoundTrips() {
        for (String cell : List.of("plain", "with,comma", "with \"quote\"", " padded ")) {
            assertEquals(List.of(cell, "z"), CsvTable.split(CsvTable.quote(cell) + ",z").orElseThrow());
        }
    }
}
