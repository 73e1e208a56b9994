package io.reescreen.retrainer.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.reescreen.schemas.ModelRelease;
import io.reescreen.schemas.ReleaseAction;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReleaseActionsTest {

    private static final Instant NOW = Instant.parse("2025-07-01T00:00:00Z");

    @Test
    void promoteRepublishesTheArtifactOfThatVersionOverTheServedOne() {
        List<Optional<ModelRelease>> history = List.of(Optional.of(release("v1", null)), Optional.of(release("v2", "v1")));
        ModelRelease p = ReleaseActions.promote(history, "v1", NOW);
        assertEquals("v1", p.getVersion());
        assertEquals(ReleaseAction.PROMOTE, p.getAction());
        assertEquals("v2", p.getParentVersion(), "so a rollback can come back");
        assertEquals(NOW, p.getCreatedAt());
        assertEquals(history.get(0).orElseThrow().getArtifact(), p.getArtifact(), "the same self-contained artifact");
        assertEquals(history.get(0).orElseThrow().getArtifactSha256(), p.getArtifactSha256());
        assertThrows(IllegalArgumentException.class, () -> ReleaseActions.promote(history, "v9", NOW));
        assertThrows(IllegalArgumentException.class, () -> ReleaseActions.promote(history, "v2", NOW), "already served");
    }

    @Test
    void rollbackGoesToTheServedReleasesParentOrToTheBootstrap() {
        List<Optional<ModelRelease>> history = List.of(Optional.of(release("v1", "bootstrap-synthetic-x")),
                Optional.of(release("v2", "v1")));
        ModelRelease back = ReleaseActions.rollback(history, NOW).orElseThrow();
        assertEquals("v1", back.getVersion());
        assertEquals(ReleaseAction.ROLLBACK, back.getAction());
        assertEquals("bootstrap-synthetic-x", back.getParentVersion(), "v1's own parent: the next rollback goes there");

        List<Optional<ModelRelease>> first = List.of(Optional.of(release("v1", "bootstrap-synthetic-x")));
        assertTrue(ReleaseActions.rollback(first, NOW).isEmpty(), "the parent is a bootstrap: a tombstone is due");
        List<Optional<ModelRelease>> tombstoned = List.of(Optional.of(release("v1", null)), Optional.empty());
        assertThrows(IllegalArgumentException.class, () -> ReleaseActions.rollback(tombstoned, NOW),
                "the bootstrap is already served");
        assertEquals(Optional.empty(), ReleaseActions.current(List.of()));
    }

    @Test
    void rollbackRefusesAParentThatCompactionRemovedInsteadOfFallingBackToTheBootstrap() {
        List<Optional<ModelRelease>> compacted = List.of(Optional.of(release("v2", "v1")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReleaseActions.rollback(compacted, NOW));
        assertTrue(e.getMessage().contains("v1 is no longer in the served history"), e.getMessage());
    }

    private static ModelRelease release(String version, String parent) {
        return ModelRelease.newBuilder().setModelName("ree-mtnn").setVersion(version).setParentVersion(parent)
                .setAction(ReleaseAction.PUBLISH).setCreatedAt(Instant.parse("2025-06-01T00:00:00Z")).setFeatures(List.of())
                .setMetrics(List.of()).setTrainingSettings(Map.of()).setLineage(List.of()).setArtifactFormatVersion(2)
                .setArtifact(ByteBuffer.wrap(version.getBytes())).setArtifactSha256("sha-" + version).build();
    }
}
