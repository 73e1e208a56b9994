package io.reescreen.model.data;

import java.util.List;

/**
 * A file's samples as {@code model predict} screens them ({@link DatasetFiles#readForPrediction}): each in the
 * model's representation, with the lab's targets where the file has them, and the columns the file had that were not
 * read (to be listed once).
 *
 * @param description what was read and how (format, separator, reading policy), for the user
 */
public record ScreeningTable(String source, String description, List<String> ignoredColumns, List<ScreeningInput> rows) {

    public ScreeningTable {
        ignoredColumns = List.copyOf(ignoredColumns);
        rows = List.copyOf(rows);
    }
}
