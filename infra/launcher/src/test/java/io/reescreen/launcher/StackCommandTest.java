package io.reescreen.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.reescreen.schemas.connect.ConnectionCheck;
import io.reescreen.schemas.connect.KafkaClientSecurity;
import io.reescreen.schemas.connect.KafkaConnection;
import io.reescreen.schemas.connect.RegistryClientSettings;
import io.reescreen.schemas.connect.RegistryConnection;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./reescreen stack} as an operator runs it: endpoints printed, Ctrl-C stops it, started again it kept its data;
 * secured, it says where the client settings are, and they work as printed.
 */
class StackCommandTest {

    @TempDir
    Path workDir;

    @Test
    void aStackStoppedWithCtrlCAndStartedAgainOnItsFolderServesTheSameRecordsOnTheSamePorts() throws Exception {
        int kafkaPort = freePort();
        int registryPort = freePort();
        String bootstrap = "127.0.0.1:" + kafkaPort;

        String first = runUntilCtrlC(kafkaPort, registryPort, () -> {
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("xrf.readings", "lot-1", "kept across restarts")).get();
            }
        });
        assertTrue(first.contains("export KAFKA_BOOTSTRAP_SERVERS=" + bootstrap + " SCHEMA_REGISTRY_URL=http://127.0.0.1:"
                + registryPort + "/apis/registry/v3"), first);

        List<String> readBack = new ArrayList<>();
        String second = runUntilCtrlC(kafkaPort, registryPort, () -> readBack.addAll(readAll(bootstrap, "xrf.readings")));
        assertEquals(List.of("kept across restarts"), readBack, second);
        assertTrue(second.contains("reescreen stack: stopped (data kept in"), second);
    }

    @Test
    void aSecuredStackSaysWhereItsClientSettingsAreTheyWorkAsPrintedAndNoPasswordIsShown() throws Exception {
        int kafkaPort = freePort();
        int registryPort = freePort();
        String bootstrap = "127.0.0.1:" + kafkaPort;
        String registryUrl = "https://127.0.0.1:" + registryPort + "/apis/registry/v3";
        Path security = workDir.toAbsolutePath().resolve("security");
        Path kafkaFile = security.resolve("kafka-client.properties");
        Path registryFile = security.resolve("registry-client.properties");
        List<String> passwords = new ArrayList<>();

        String shown = runUntilCtrlC(kafkaPort, registryPort, () -> {
            passwords.addAll(StackPasswords.of(workDir));
            // The files as the banner names them, untouched: what an operator's client would be given.
            ConnectionCheck.kafka(KafkaConnection.of(bootstrap, KafkaClientSecurity.load(kafkaFile)), Duration.ofSeconds(60));
            ConnectionCheck.registry(RegistryConnection.of(registryUrl, RegistryClientSettings.load(registryFile)),
                    Duration.ofSeconds(60));
        }, "--secure");

        for (String expected : List.of(bootstrap + " (SASL_SSL", registryUrl, "REESCREEN_KAFKA_CONFIG=" + kafkaFile,
                "REESCREEN_REGISTRY_CONFIG=" + registryFile, "--kafka-config " + kafkaFile,
                "--registry-config " + registryFile, "kafka-client-plain.properties", "kafka-client-mtls.properties",
                "ca.crt")) {
            assertTrue(shown.contains(expected), "the banner lacks '" + expected + "':\n" + shown);
        }
        assertEquals(3, passwords.size(), "the store's, Kafka's and the registry's password");
        for (String password : passwords) {
            assertFalse(shown.contains(password), "a password from passwords.properties was printed:\n" + shown);
        }
    }


    private String runUntilCtrlC(int kafkaPort, int registryPort, ThrowingRunnable whileUp, String... more)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                Reescreen.class.getName(), "stack", "--work-dir", workDir.toString(),
                "--kafka-port", String.valueOf(kafkaPort), "--registry-port", String.valueOf(registryPort)));
        command.addAll(List.of(more));
        Process stack = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> readAll(stack, output));
        try {
            // generous: a secured registry child starts in 20 to 40 s on this loaded machine
            awaitLine(output, "Press Ctrl-C to stop.", Duration.ofSeconds(240), stack);
            whileUp.run();
            new ProcessBuilder("kill", "-INT", String.valueOf(stack.pid())).start().waitFor(5, TimeUnit.SECONDS);
            assertTrue(stack.waitFor(60, TimeUnit.SECONDS), "stack still running 60 s after Ctrl-C:\n" + output);
            reader.get(5, TimeUnit.SECONDS);
            return output.toString();
        } finally {
            stack.destroyForcibly();
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static List<String> readAll(String bootstrap, String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.GROUP_ID_CONFIG, "stack-command-test"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }

    private static void readAll(Process process, StringBuilder sink) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                synchronized (sink) {
                    sink.append(line).append('\n');
                }
            }
        } catch (java.io.IOException ignored) {
            // the process was killed
        }
    }

    private static void awaitLine(StringBuilder output, String line, Duration timeout, Process process)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (output) {
                if (output.indexOf(line) >= 0) {
                    return;
                }
            }
            if (!process.isAlive()) {
                fail("stack exited with " + process.exitValue() + " before it was up:\n" + output);
            }
            Thread.sleep(100);
        }
        fail("stack not up after " + timeout.toSeconds() + " s:\n" + output);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
