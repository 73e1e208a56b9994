package io.reescreen.screener.app;

import io.reescreen.model.training.BootstrapModel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.artifact.ModelArtifact;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.screener.serving.CurrentModel;
import io.reescreen.screener.testing.TestModels;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the model served before any release comes from, and what its version says about it. */
class BootstrapModelTest {

    @Test
    void anArtifactFileIsServedAndItsVersionSaysFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.bin");
        Files.write(file, ModelArtifactCodec.encode(TestModels.trained()));
        BootstrapModel bootstrap = BootstrapModel.fromFile(file);
        assertEquals("file", bootstrap.label());
        assertFalse(bootstrap.synthetic());
        assertTrue(bootstrap.source().contains(file.toAbsolutePath().toString()));
        try (CurrentModel models = CurrentModel.bootstrap("ree-mtnn", bootstrap.artifact(), bootstrap.label())) {
            assertTrue(models.info().version().startsWith("bootstrap-file-"), models.info().version());
        }
    }

    @Test
    void aFileTrainedOnSyntheticDataSaysSoInItsVersion(@TempDir Path dir) throws Exception {
        ModelArtifact a = TestModels.trained();
        Map<String, String> summary = new HashMap<>(a.trainingSummary());
        summary.put("synthetic", "true");
        Path file = dir.resolve("synthetic.bin");
        Files.write(file, ModelArtifactCodec.encode(new ModelArtifact(a.features(), a.inputScaler(), a.targetScaler(),
                a.domain(), a.weights(), summary, a.metrics(), a.residualRelativeSd())));
        BootstrapModel bootstrap = BootstrapModel.fromFile(file);
        assertEquals("synthetic-file", bootstrap.label());
        assertTrue(bootstrap.synthetic());
        assertTrue(CurrentModel.bootstrapVersion(bootstrap.label(), "0123456789abcdef")
                .startsWith("bootstrap-synthetic-"));
    }

    @Test
    void aCorruptOrMissingFileStopsStartUpWithItsPath(@TempDir Path dir) throws Exception {
        byte[] bytes = ModelArtifactCodec.encode(TestModels.trained());
        Path corrupt = dir.resolve("corrupt.bin");
        Files.write(corrupt, Arrays.copyOf(bytes, bytes.length - 10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BootstrapModel.fromFile(corrupt, ScreenerProperties.BOOTSTRAP_MODEL));
        assertTrue(e.getMessage().contains(corrupt.toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains(ScreenerProperties.BOOTSTRAP_MODEL), e.getMessage());
        assertThrows(UncheckedIOException.class, () -> BootstrapModel.fromFile(dir.resolve("missing.bin")));
    }

    @Test
    void withoutAFileAModelIsTrainedOnSyntheticDataAndLabelledSo() {
        BootstrapModel bootstrap = BootstrapModel.trainSynthetic(new BootstrapModel.SyntheticSpecification(40, 2, 2, 7));
        assertEquals("synthetic", bootstrap.label());
        assertTrue(bootstrap.synthetic());
        assertEquals("true", bootstrap.artifact().trainingSummary().get("synthetic"));
        assertEquals("2", bootstrap.artifact().trainingSummary().get("members"));
        assertEquals(2, bootstrap.artifact().weights().shape().members());
        assertThrows(IllegalArgumentException.class, () -> new BootstrapModel.SyntheticSpecification(1, 2, 2, 7));
    }
}
