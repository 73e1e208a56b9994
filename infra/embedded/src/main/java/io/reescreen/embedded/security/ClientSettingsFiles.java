package io.reescreen.embedded.security;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The client settings an operator points tools at, written beside the certificates: Kafka client properties files
 * (what Kafka's tools take as {@code --command-config}: security keys only, no bootstrap servers, which the stack
 * prints) and the Apicurio serde's registry settings. The Kafka files hold no password: their JAAS line refers to
 * {@code passwords.properties} through Kafka's {@code FileConfigProvider}, which the client resolves itself.
 */
final class ClientSettingsFiles {

    static final String SCRAM = "kafka-client.properties";
    static final String PLAIN = "kafka-client-plain.properties";
    static final String MUTUAL_TLS = "kafka-client-mtls.properties";
    static final String REGISTRY = "registry-client.properties";

    private ClientSettingsFiles() {
    }

    /** Writes (again) every file; they follow the folder's current paths and passwords. */
    static void write(StackSecurity security) throws IOException {
        String passwords = security.dir().resolve(StackSecurity.PASSWORDS_FILE).toAbsolutePath().toString();
        writeKafka(security, SCRAM, SaslMechanism.SCRAM_SHA_512, passwords,
                "SCRAM-SHA-512 over TLS, for the SASL_SSL listener (the stack's Kafka address).");
        writeKafka(security, PLAIN, SaslMechanism.PLAIN, passwords,
                "PLAIN over TLS, for the SASL_SSL listener (the stack's Kafka address).");
        Map<String, Object> mutualTls = security.mutualTlsClient();
        mutualTls.put("ssl.keystore.password", reference(passwords, StackSecurity.STORE_PASSWORD_KEY));
        mutualTls.put("ssl.key.password", reference(passwords, StackSecurity.STORE_PASSWORD_KEY));
        mutualTls.putAll(fileProvider());
        PrivateFiles.writeProperties(security.dir().resolve(MUTUAL_TLS),
                "Mutual TLS with client.p12, for the SSL listener (the stack's mutual-TLS address).", mutualTls);
        Map<String, Object> registry = new TreeMap<>();
        registry.put("apicurio.registry.auth.username", security.registryUser().name());
        registry.put("apicurio.registry.auth.password", security.registryUser().password());
        registry.put("apicurio.registry.tls.truststore.type", "PEM");
        registry.put("apicurio.registry.tls.truststore.location", security.caCertificate().toAbsolutePath().toString());
        PrivateFiles.writeProperties(security.dir().resolve(REGISTRY),
                "The Apicurio serde's settings for the stack's HTTPS registry (its URL apart). Holds a password.",
                registry);
    }

    private static void writeKafka(StackSecurity security, String file, SaslMechanism mechanism, String passwords,
                                   String comment) throws IOException {
        Map<String, Object> settings = security.saslSslClient(mechanism);
        settings.put("sasl.jaas.config", mechanism.clientJaasConfig(new Credentials(security.kafkaUser().name(),
                reference(passwords, StackSecurity.KAFKA_PASSWORD_KEY))));
        settings.putAll(fileProvider());
        PrivateFiles.writeProperties(security.dir().resolve(file), comment, settings);
    }

    private static Map<String, Object> fileProvider() {
        return Map.of("config.providers", "file",
                "config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
    }

    private static String reference(String file, String key) {
        return "${file:" + file + ":" + key + "}";
    }
}
