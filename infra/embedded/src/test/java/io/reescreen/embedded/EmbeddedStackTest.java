package io.reescreen.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.reescreen.schemas.TopicSpec;
import io.reescreen.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EmbeddedStackExtension.class)
class EmbeddedStackTest {

    @Test
    void everyTopicOfTheDesignExistsAsSpecified(EmbeddedStack stack) throws Exception {
        try (Admin admin = admin(stack)) {
            new TopicProvisioner(admin, (short) 1).verify(Topics.ALL); // throws, naming each difference
            assertEquals(1, admin.describeCluster().nodes().get().size());
        }
    }

    @Test
    void provisionerRefusesATopicThatDiffersFromItsSpec(EmbeddedStack stack) throws Exception {
        TopicSpec asDesigned = Topics.MODEL_RELEASES;
        TopicSpec differently = new TopicSpec(asDesigned.name(), asDesigned.partitions() + 2, false);
        try (Admin admin = admin(stack)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> new TopicProvisioner(admin, (short) 1).ensure(List.of(differently)));
            assertEquals(true, e.getMessage().contains("partitions"), e.getMessage());
            assertEquals(true, e.getMessage().contains("cleanup.policy=compact"), e.getMessage());
        }
    }

    @Test
    void registryIsReadyAndServesBothApis(EmbeddedStack stack) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String url : List.of(stack.registry().baseUrl() + "/health/ready",
                stack.registry().coreApiUrl() + "/system/info",
                stack.registry().confluentCompatibleUrl() + "/subjects")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), url + " -> " + response.body());
        }
    }

    private static Admin admin(EmbeddedStack stack) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
    }
}
