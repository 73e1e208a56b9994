package io.reescreen.launcher;

import io.reescreen.embedded.EmbeddedStack;
import io.reescreen.schemas.Topics;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The broker and the registry alone, with every topic, durable under a work folder: the services then run as
 * processes of their own ({@code ./reescreen screener}, {@code ./reescreen retrainer}), each restarted without the
 * others. Runs until Ctrl-C; started again on the same folder it serves the same data on the same ports.
 */
@Command(name = "stack",
        description = "only the Kafka broker and the schema registry (durable, fixed ports), for the services run on their own",
        customSynopsis = "./reescreen stack [--work-dir DIR] [--kafka-port 9092] [--registry-port 8085] [--secure]",
        footer = {"Prints the KAFKA_BOOTSTRAP_SERVERS and SCHEMA_REGISTRY_URL to export for ./reescreen screener and",
                "./reescreen retrainer (and any client). Ctrl-C stops it; started again on the same folder and ports it",
                "serves the same topics, records and consumer offsets.",
                "With --secure: Kafka over SASL_SSL (SCRAM-SHA-512, PLAIN) and mutual TLS only, the registry over HTTPS",
                "with basic authentication only; a CA, certificates, passwords and client settings files in DIR/security",
                "(owner only, kept across restarts), whose paths it prints (never a password)."})
final class StackCommand implements Callable<Integer> {

    private static final String LOOPBACK = "127.0.0.1";

    private final Terminal terminal;

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = ".reescreen/stack",
            description = "broker data and registry files, kept across restarts (default ${DEFAULT-VALUE})")
    private Path workDirOption;

    @Option(names = "--kafka-port", paramLabel = "N", defaultValue = "9092",
            description = "Kafka listener port on 127.0.0.1 (default ${DEFAULT-VALUE})")
    private int kafkaPort;

    @Option(names = "--registry-port", paramLabel = "N", defaultValue = "8085",
            description = "schema registry HTTP port on 127.0.0.1, HTTPS with --secure (default ${DEFAULT-VALUE})")
    private int registryPort;

    @Option(names = "--secure", description = "nothing open: Kafka over SASL_SSL and mutual TLS, the registry over "
            + "HTTPS with basic authentication; certificates, credentials and client settings files in DIR/security")
    private boolean secure;

    StackCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = terminal.out();
        PrintStream err = terminal.err();
        for (String complaint : new String[] {
                PortCheck.complaint(LOOPBACK, kafkaPort, "Kafka", "--kafka-port"),
                PortCheck.complaint(LOOPBACK, registryPort, "the schema registry", "--registry-port")}) {
            if (complaint != null) {
                throw new UserError(complaint);
            }
        }
        Path workDir = Files.createDirectories(workDirOption).toAbsolutePath();
        out.println("reescreen stack: starting the Kafka broker (KRaft) and Apicurio Registry" + (secure ? ", secured," : "")
                + " in " + workDir + "...");
        EmbeddedStack stack = secure
                ? EmbeddedStack.startSecured(workDir, false, kafkaPort, registryPort, Topics.ALL)
                : EmbeddedStack.start(workDir, false, kafkaPort, registryPort, Topics.ALL);
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
        return Reescreen.KEEP_RUNNING;
    }
}
