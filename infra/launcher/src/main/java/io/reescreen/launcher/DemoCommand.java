package io.reescreen.launcher;

import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.schemas.TopicSpec;
import io.reescreen.schemas.Topics;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Starts the whole system on this machine: for now the embedded broker and registry with every topic
 * (the screener, simulator and retrainer join as they are built). Runs until Ctrl-C, then stops cleanly.
 */
final class DemoCommand implements Command {

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "start the embedded Kafka broker and schema registry with every topic; Ctrl-C stops all";
    }

    @Override
    public String usage() {
        return """
                Usage: ./reescreen demo [--kafka-port N] [--registry-port N] [--work-dir DIR]
                  --kafka-port N     Kafka listener port (default: a free port)
                  --registry-port N  schema registry HTTP port (default: a free port)
                  --work-dir DIR     keep broker data here (default: a temporary folder, deleted on stop)""";
    }

    @Override
    public int run(CommandLine args, PrintStream out, PrintStream err) throws Exception {
        args.allowOnly("kafka-port", "registry-port", "work-dir");
        int kafkaPort = args.intOption("kafka-port", 0);
        int registryPort = args.intOption("registry-port", 0);
        boolean temporary = args.option("work-dir").isEmpty();
        Path workDir = temporary
                ? Files.createTempDirectory("reescreen-demo-")
                : Files.createDirectories(Paths.get(args.option("work-dir").get()));

        out.println("reescreen demo: starting the embedded Kafka broker (KRaft) and Apicurio Registry...");
        EmbeddedStack stack = EmbeddedStack.start(workDir, temporary, kafkaPort, registryPort, Topics.ALL);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println();
            out.println("reescreen demo: stopping...");
            stack.close();
            out.println("reescreen demo: stopped (broker and registry shut down"
                    + (temporary ? ", work folder deleted" : ", data kept in " + workDir) + ")");
            out.flush();
        }, "demo-shutdown"));

        printWhatIsRunning(stack, workDir, out);
        return KEEP_RUNNING;
    }

    private static void printWhatIsRunning(EmbeddedStack stack, Path workDir, PrintStream out) {
        out.printf("%nUp in %.1f s (Kafka broker %.1f s, registry %.1f s, started side by side).%n%n",
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
        out.println("Not running yet: the screener, the XRF simulator and the retrainer (they join the demo as they are built).");
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }

    private static double seconds(long millis) {
        return millis / 1000.0;
    }
}
