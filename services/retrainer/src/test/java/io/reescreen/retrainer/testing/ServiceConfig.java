package io.reescreen.retrainer.testing;

import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.model.artifact.ModelArtifactCodec;
import io.reescreen.model.training.BootstrapModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** What every embedded test starts a service with; each test adds its own settings to the returned map. */
public final class ServiceConfig {

    private ServiceConfig() {
    }

    /**
     * A synthetic bootstrap model trained once and written as a file, as the launcher does: a file gives every
     * service started on it the same artifact and version.
     */
    public static Path bootstrapModel(Path dir, BootstrapModel.SyntheticSpecification spec) throws IOException {
        Path model = dir.resolve("bootstrap.model");
        Files.write(model, ModelArtifactCodec.encode(BootstrapModel.trainSynthetic(spec).artifact()));
        return model;
    }

    /**
     * The settings of service {@code service} ("screener", "retrainer") on the stack: its stream's application id and
     * state folder, the bootstrap model, HTTP on a free port.
     */
    public static Map<String, Object> of(String service, EmbeddedStack stack, String applicationId, Path stateDir,
                                         Path bootstrapModel) {
        Map<String, Object> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", stack.bootstrapServers());
        config.put("reescreen.registry.url", stack.registryUrl());
        config.put("kafka.streams." + service + ".application.id", applicationId);
        config.put("kafka.streams." + service + ".state.dir", stateDir.toString());
        config.put("micronaut.server.port", -1);
        config.put("reescreen." + service + ".bootstrap-model", bootstrapModel.toString());
        return config;
    }
}
