package io.reescreen.launcher;

import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.schemas.Topics;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The broker and the registry alone, with every topic, durable under a work folder: the services then run as
 * processes of their own ({@code ./reescreen screener}, {@code ./reescreen retrainer}), each restarted without the
 * others. Runs until Ctrl-C; started again on the same folder it serves the same data on the same ports.
 */
final class StackCommand implements Command {

    static final int DEFAULT_KAFKA_PORT = 9092;
    static final int DEFAULT_REGISTRY_PORT = 8085;
    static final String DEFAULT_WORK_DIR = ".reescreen/stack";
    private static final String LOOPBACK = "127.0.0.1";

    @Override
    public String name() {
        return "stack";
    }

    @Override
    public String summary() {
        return "only the Kafka broker and the schema registry (durable, fixed ports), for the services run on their own";
    }

    @Override
    public String usage() {
        return """
                Usage: ./reescreen stack [--work-dir DIR] [--kafka-port 9092] [--registry-port 8085]
                  --work-dir DIR     broker data and registry files, kept across restarts (default .reescreen/stack)
                  --kafka-port N     Kafka listener port on 127.0.0.1 (default 9092)
                  --registry-port N  schema registry HTTP port on 127.0.0.1 (default 8085)
                Prints the KAFKA_BOOTSTRAP_SERVERS and SCHEMA_REGISTRY_URL to export for ./reescreen screener and
                ./reescreen retrainer (and any client). Ctrl-C stops it; started again on the same folder and ports it
                serves the same topics, records and consumer offsets.""";
    }

    @Override
    public int run(CommandLine args, PrintStream out, PrintStream err) throws Exception {
        args.allowOnly("work-dir", "kafka-port", "registry-port");
        int kafkaPort = args.intOption("kafka-port", DEFAULT_KAFKA_PORT);
        int registryPort = args.intOption("registry-port", DEFAULT_REGISTRY_PORT);
        for (String complaint : new String[] {
                PortCheck.complaint(LOOPBACK, kafkaPort, "Kafka", "--kafka-port"),
                PortCheck.complaint(LOOPBACK, registryPort, "the schema registry", "--registry-port")}) {
            if (complaint != null) {
                err.println("reescreen stack: " + complaint);
                return 2;
            }
        }
        Path workDir = Files.createDirectories(Paths.get(args.option("work-dir").orElse(DEFAULT_WORK_DIR)))
                .toAbsolutePath();
        out.println("reescreen stack: starting the Kafka broker (KRaft) and Apicurio Registry in " + workDir + "...");
        EmbeddedStack stack = EmbeddedStack.start(workDir, false, kafkaPort, registryPort, Topics.ALL);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("reescreen stack: stopping...");
            try {
                stack.close();
                out.println("reescreen stack: stopped (data kept in " + workDir + ")");
            } catch (RuntimeException e) {
                err.println("reescreen stack: while stopping: " + e);
            }
            out.flush();
        }, "stack-shutdown"));
        StackBanner.print(stack, workDir, out);
        out.println("Then, each in a terminal of its own: ./reescreen screener   and   ./reescreen retrainer");
        out.println("Press Ctrl-C to stop.");
        out.flush();
        return KEEP_RUNNING;
    }
}
