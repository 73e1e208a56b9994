package io.reescreen.model.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.data.CsvTable;
import io.reescreen.model.data.Dataset;
import io.reescreen.model.data.DatasetFormatException;
import io.reescreen.model.data.PaperTableReader;
import io.reescreen.model.data.RowProblem;
import io.reescreen.model.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteSplitsTest {

    private static final String HEADER = "split_id,seed,train_rows,test_rows,train_sample_names,test_sample_names,test_contains_S12";

    @TempDir
    Path dir;

    private Path write(String... lines) throws IOException {
        Path file = dir.resolve("splits.csv");
        Files.write(file, List.of(lines));
        return file;
    }

    @Test
    void readsTheFranusLayoutInFileOrder() throws IOException {
        Path file = write(HEADER,
                "seed0,0,2;4;5;7;9;11,0;1;3;6;8;10,3;5;6;8;10;12,1;2;4;7;9;11,False",
                "paper,-1, 1; 4 ;5 ,0;2,2;5;6,1;3,True");
        List<SiteSplit> splits = SiteSplits.read(file);
        assertEquals(List.of(new SiteSplit("seed0", new int[] {2, 4, 5, 7, 9, 11}, new int[] {0, 1, 3, 6, 8, 10}),
                new SiteSplit("paper", new int[] {1, 4, 5}, new int[] {0, 2})), splits);
    }

    @Test
    void everyBadLineIsReportedWithItsLineNumber() throws IOException {
        Path file = write("# fixed splits for a test",   // line 1: a comment
                HEADER,                                     // line 2
                "a,0,0;1;2,3;4,,,",                         // line 3: fine
                "b,1,0;1;x,3;4,,,",                         // line 4: not a number
                "c,2,0;1,1;2,,,",                           // line 5: row 1 in both lists
                "d,3,,3,,,",                                // line 6: no train rows
                "e,4");                                     // line 7: too few cells
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> SiteSplits.read(file));
        List<Integer> lines = e.problems().stream().map(RowProblem::lineNumber).toList();
        assertEquals(List.of(4, 5, 6, 7), lines, e.getMessage());
        assertTrue(e.problems().get(0).reason().contains("'x'"), e.problems().get(0).reason());
        assertTrue(e.problems().get(1).reason().contains("row 1"), e.problems().get(1).reason());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void aMissingColumnIsAHeaderProblem() throws IOException {
        Path file = write("split_id,seed,train_rows", "a,0,0;1");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> SiteSplits.read(file));
        assertEquals(1, e.problems().size());
        assertEquals(1, e.problems().get(0).lineNumber());
        assertTrue(e.problems().get(0).reason().contains("'test_rows'"), e.getMessage());
    }

    @Test
    void theSharedFranusSplitsAreZeroBasedRowsOfTheFranusTable() throws IOException {
        Path splitsFile = SharedData.file("reference/franus_splits.csv");
        Dataset franus = PaperTableReader.measured().read(SharedData.file("raw/song2024-mtnn/ree_dataset_franus.csv")).value();
        List<SiteSplit> splits = SiteSplits.read(splitsFile);
        assertEquals(31, splits.size(), "30 seeded splits and the paper's");
        assertEquals(1, splits.stream().filter(s -> s.id().equals(TransferReport.PAPER_SPLIT_ID)).count());
        CsvTable table = CsvTable.read(splitsFile);
        int trainNames = table.columnIndex("train_sample_names");
        int testNames = table.columnIndex("test_sample_names");
        for (int i = 0; i < splits.size(); i++) {
            SiteSplit s = splits.get(i);
            s.checkFits(franus.size());
            assertEquals(6, s.trainRows().length, s.id());
            assertEquals(6, s.testRows().length, s.id());
            Set<Integer> all = new HashSet<>();
            IntStream.concat(Arrays.stream(s.trainRows()), Arrays.stream(s.testRows())).forEach(all::add);
            assertEquals(12, all.size(), "train and test cover the 12 lots once: " + s);
            // Row r of the table is the sample named in the file's name columns.
            List<String> cells = table.rows().get(i).cells();
            assertArrayEquals(cells.get(trainNames).split(";"), ids(franus, s.trainRows()), s.id());
            assertArrayEquals(cells.get(testNames).split(";"), ids(franus, s.testRows()), s.id());
        }
    }

    private static String[] ids(Dataset d, int[] rows) {
        return Arrays.stream(rows).mapToObj(r -> d.get(r).sampleId()).toArray(String[]::new);
    }
}
