package io.reescreen.screener.rescore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.ReleaseAction;
import io.reescreen.screener.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RescoreModelTest {

    @Test
    void aReleaseIsFoundByVersionAndCheckedAsAScreenerChecksIt() {
        ModelRelease v1 = TestModels.release("ree-mtnn", "v1", ReleaseAction.PUBLISH, TestModels.trained());
        ModelRelease v2 = TestModels.release("ree-mtnn", "v2", ReleaseAction.PUBLISH, TestModels.shifted(10));
        try (RescoreModel m = RescoreModel.ofRelease(List.of(v1, v2), "v1", "ree-mtnn")) {
            assertEquals("v1", m.info().version());
            assertEquals("ree-mtnn", m.info().modelName());
            assertEquals(TestModels.trained().features(), m.model().features());
        }
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> RescoreModel.ofRelease(List.of(v1, v2), "v3", "ree-mtnn"));
        assertTrue(unknown.getMessage().contains("known: [v1, v2]") && unknown.getMessage().contains("--model-file"),
                unknown.getMessage());
        ModelRelease corrupt = ModelRelease.newBuilder(v1).setArtifactSha256("00").build();
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> RescoreModel.ofRelease(List.of(corrupt), "v1", "ree-mtnn"));
        assertTrue(refused.getMessage().contains("CHECKSUM_MISMATCH"), refused.getMessage());
    }

    @Test
    void aFileIsNamedAsAScreenerStartedWithItNamesIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.model");
        byte[] bytes = ModelArtifactCodec.encode(TestModels.trained());
        Files.write(file, bytes);
        try (RescoreModel m = RescoreModel.ofFile(file, "ree-mtnn")) {
            assertEquals("bootstrap-file-" + ModelArtifactCodec.sha256Hex(bytes).substring(0, 12), m.info().version());
        }
    }
}
