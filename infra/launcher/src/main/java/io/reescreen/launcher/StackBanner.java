package io.reescreen.launcher;

import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.schemas.TopicSpec;
import io.reescreen.schemas.Topics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/** What the embedded stack runs and where: the endpoints, the work folder and the topics, as demo and stack print it. */
final class StackBanner {

    private StackBanner() {
    }

    static void print(EmbeddedStack stack, Path workDir, PrintStream out) {
        out.printf(Locale.ROOT, "%nUp in %.1f s (Kafka broker %.1f s, registry %.1f s, started side by side).%n%n",
                seconds(stack.startupTime().toMillis()), seconds(stack.broker().startupTime().toMillis()),
                seconds(stack.registry().startupTime().toMillis()));
        out.println("Running:");
        out.printf("  Kafka broker (KRaft, in this JVM)   bootstrap servers  %s%n", stack.bootstrapServers());
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
        out.println("Point a client here with:");
        out.printf("  export KAFKA_BOOTSTRAP_SERVERS=%s SCHEMA_REGISTRY_URL=%s%n", stack.bootstrapServers(), stack.registryUrl());
        out.println();
        out.flush();
    }

    private static double seconds(long millis) {
        return millis / 1000.0;
    }
}
