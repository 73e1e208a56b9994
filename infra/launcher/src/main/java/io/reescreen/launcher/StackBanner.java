package io.reescreen.launcher;

import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.embedded.security.SaslMechanism;
import io.reescreen.embedded.security.StackSecurity;
import io.reescreen.schemas.TopicSpec;
import io.reescreen.schemas.Topics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What the embedded stack runs and where: the endpoints, the work folder and the topics, as demo and stack print it.
 * A secured stack's banner says where its client settings files are and how to use them, never a password: those stay
 * in the owner-only files.
 */
final class StackBanner {

    private StackBanner() {
    }

    static void print(EmbeddedStack stack, Path workDir, PrintStream out) {
        out.printf(Locale.ROOT, "%nUp in %.1f s (Kafka broker %.1f s, registry %.1f s, started side by side).%n%n",
                seconds(stack.startupTime().toMillis()), seconds(stack.broker().startupTime().toMillis()),
                seconds(stack.registry().startupTime().toMillis()));
        out.println("Running:");
        if (stack.isSecured()) {
            out.printf("  Kafka broker (KRaft, in this JVM)   bootstrap servers  %s (SASL_SSL: SCRAM-SHA-512 or PLAIN)%n",
                    stack.bootstrapServers());
            out.printf("                                      mutual TLS         %s (SSL, client certificate)%n",
                    stack.broker().mutualTlsBootstrapServers());
        } else {
            out.printf("  Kafka broker (KRaft, in this JVM)   bootstrap servers  %s%n", stack.bootstrapServers());
        }
        out.printf("  Apicurio Registry (child pid %d)  registry API       %s%n", stack.registry().pid(), stack.registryUrl());
        out.printf("                                      Confluent API      %s%n", stack.registry().confluentCompatibleUrl());
        out.printf("  Work folder                         %s%n", workDir);
        out.println();
        out.println("Topics:");
        for (TopicSpec topic : Topics.ALL) {
            out.printf("  %-20s %d partition%s%s%n", topic.name(), topic.partitions(),
                    topic.partitions() == 1 ? "" : "s", topic.compacted() ? ", compacted" : "");
        }
        out.println();
        if (stack.isSecured()) {
            printSecured(stack, out);
        } else {
            out.println("Point a client here with:");
            out.printf("  export KAFKA_BOOTSTRAP_SERVERS=%s SCHEMA_REGISTRY_URL=%s%n", stack.bootstrapServers(),
                    stack.registryUrl());
        }
        out.println();
        out.flush();
    }

    /** The files in the security folder and the commands that use them; names and paths only. */
    private static void printSecured(EmbeddedStack stack, PrintStream out) {
        StackSecurity security = stack.security();
        Path scram = security.kafkaClientFile(SaslMechanism.SCRAM_SHA_512);
        Path registry = security.registryClientFile();
        out.printf("Secured: nothing is open. Certificates and credentials (kept across restarts) in %s:%n", security.dir());
        out.printf("  %-32s Kafka client settings, SCRAM-SHA-512 over TLS (user %s)%n", scram.getFileName(),
                security.kafkaUser().name());
        out.printf("  %-32s the same with PLAIN%n", security.kafkaClientFile(SaslMechanism.PLAIN).getFileName());
        out.printf("  %-32s mutual TLS with client.p12, for %s%n", security.kafkaMutualTlsClientFile().getFileName(),
                stack.broker().mutualTlsBootstrapServers());
        out.printf("  %-32s the registry serde's settings: basic credentials (user %s), the CA as truststore%n",
                registry.getFileName(), security.registryUser().name());
        out.printf("  %-32s the CA certificate (PEM) every client trusts%n", security.caCertificate().getFileName());
        out.printf("  %-32s the passwords (owner only; never printed)%n", "passwords.properties");
        out.println();
        out.println("Point a client here with (the services read the two files from the environment):");
        out.printf("  export KAFKA_BOOTSTRAP_SERVERS=%s SCHEMA_REGISTRY_URL=%s \\%n", stack.bootstrapServers(),
                stack.registryUrl());
        out.printf("         REESCREEN_KAFKA_CONFIG=%s \\%n", scram);
        out.printf("         REESCREEN_REGISTRY_CONFIG=%s%n", registry);
        out.println("or give a command the files itself:");
        out.printf("  ./reescreen topics --check true --bootstrap-servers %s --kafka-config %s%n",
                stack.bootstrapServers(), scram);
        out.printf("  ./reescreen performance --from beginning --bootstrap-servers %s --kafka-config %s \\%n",
                stack.bootstrapServers(), scram);
        out.printf("         --registry-url %s --registry-config %s%n", stack.registryUrl(), registry);
        out.printf("Kafka's own tools take the Kafka files as --command-config (e.g. kafka-topics.sh --bootstrap-server %s"
                + " --command-config %s --list).%n", stack.bootstrapServers(), scram);
    }

    private static double seconds(long millis) {
        return millis / 1000.0;
    }
}
