package io.reescreen.embedded.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackSecurityTest {

    @TempDir
    Path work;

    @Test
    void aFolderPreparedAgainServesTheSameCaAndPasswords() throws Exception {
        StackSecurity first = StackSecurity.prepare(work.resolve("security"));
        StackSecurity again = StackSecurity.prepare(work.resolve("security"));

        assertEquals(first.authority().certificate(), again.authority().certificate());
        assertEquals(first.storePassword(), again.storePassword());
        assertEquals(first.kafkaUser().password(), again.kafkaUser().password());
        assertEquals(first.registryUser().password(), again.registryUser().password());
    }

    @Test
    void aFolderMissingAFileIsMadeAnewWithNewPasswords() throws Exception {
        StackSecurity first = StackSecurity.prepare(work.resolve("security"));
        Files.delete(first.clientKeyStore());

        StackSecurity remade = StackSecurity.prepare(work.resolve("security"));

        assertTrue(Files.isRegularFile(remade.clientKeyStore()));
        assertNotEquals(first.kafkaUser().password(), remade.kafkaUser().password());
        assertNotEquals(first.authority().certificate(), remade.authority().certificate());
    }

    @Test
    void theFoldersSecretsAreReadableOnlyByTheOwner() throws Exception {
        Path dir = StackSecurity.prepare(work.resolve("security")).dir();

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        List<Path> files;
        try (Stream<Path> listed = Files.list(dir)) {
            files = listed.toList();
        }
        assertEquals(List.of("broker.p12", "ca.crt", "ca.p12", "client.p12", "kafka-client-mtls.properties",
                "kafka-client-plain.properties", "kafka-client.properties", "passwords.properties", "registry-client.properties",
                "registry.p12", "truststore.p12"),
                files.stream().map(f -> f.getFileName().toString()).sorted().toList());
        for (Path file : files) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
        }
    }

    @Test
    void theKafkaClientFilesReferToThePasswordsFileAndHoldNoPassword() throws Exception {
        StackSecurity security = StackSecurity.prepare(work.resolve("security"));

        for (Path file : List.of(security.kafkaClientFile(SaslMechanism.SCRAM_SHA_512),
                security.kafkaClientFile(SaslMechanism.PLAIN), security.kafkaMutualTlsClientFile())) {
            String text = Files.readString(file);
            assertFalse(text.contains(security.kafkaUser().password()), file.toString());
            assertFalse(text.contains(security.storePassword()), file.toString());
            assertTrue(text.contains("${file:" + security.dir().resolve("passwords.properties").toAbsolutePath()), text);
        }
    }

    @Test
    void thePasswordsAreLongRandomAndDistinctAndNeverInACredentialsText() throws Exception {
        StackSecurity security = StackSecurity.prepare(work.resolve("security"));
        List<String> passwords = List.of(security.storePassword(), security.kafkaUser().password(),
                security.registryUser().password());

        assertEquals(3, passwords.stream().distinct().count());
        passwords.forEach(p -> assertTrue(p.matches("[0-9A-Za-z]{24}"), "not 24 base62 characters"));
        assertFalse(security.kafkaUser().toString().contains(security.kafkaUser().password()));
        assertFalse(security.registryUser().toString().contains(security.registryUser().password()));
    }

    @Test
    void theKafkaClientSettingsTrustTheCaFileAndCarryTheMechanismsLoginModule() throws Exception {
        StackSecurity security = StackSecurity.prepare(work.resolve("security"));

        var scram = security.saslSslClient(SaslMechanism.SCRAM_SHA_512);
        assertEquals("SASL_SSL", scram.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", scram.get("sasl.mechanism"));
        assertTrue(((String) scram.get("sasl.jaas.config")).startsWith(
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"reescreen\""));
        assertEquals(security.caCertificate().toAbsolutePath().toString(), scram.get("ssl.truststore.location"));
        assertEquals("PEM", scram.get("ssl.truststore.type"));
        var mutualTls = security.mutualTlsClient();
        assertEquals("SSL", mutualTls.get("security.protocol"));
        assertEquals(security.clientKeyStore().toAbsolutePath().toString(), mutualTls.get("ssl.keystore.location"));
    }
}
