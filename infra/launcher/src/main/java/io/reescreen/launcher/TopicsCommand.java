package io.reescreen.launcher;

import io.reescreen.embedded.TopicProvisioner;
import io.reescreen.schemas.TopicSpec;
import io.reescreen.schemas.Topics;
import io.reescreen.schemas.connect.KafkaConnection;
import java.io.PrintStream;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Creates the design's topics on an external cluster, or checks that they are as designed. */
@Command(name = "topics",
        description = "create (or --check) every topic on an external cluster (KAFKA_BOOTSTRAP_SERVERS)",
        customSynopsis = "./reescreen topics [--bootstrap-servers HOST:PORT] [--kafka-config FILE] [--replication-factor N] "
                + "[--check]")
final class TopicsCommand implements Callable<Integer> {

    private final Terminal terminal;

    @Mixin
    private KafkaOption kafka;

    @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "3",
            description = "for topics created now (default ${DEFAULT-VALUE}; 1 for a single broker)")
    private short replication;

    @Option(names = "--check", arity = "0..1", paramLabel = "true|false",
            description = "only verify partitions and cleanup policies; create nothing (--check true as before)")
    private boolean checkOnly;

    TopicsCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = terminal.out();
        KafkaConnection connection = kafka.connection();
        try (Admin admin = Admin.create(connection.clientConfig(Map.of()))) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, replication);
            if (checkOnly) {
                provisioner.verify(Topics.ALL);
            } else {
                provisioner.ensure(Topics.ALL);
            }
        }
        for (TopicSpec topic : Topics.ALL) {
            out.printf("ok  %-20s %d partitions%s%n", topic.name(), topic.partitions(), topic.compacted() ? ", compacted" : "");
        }
        return 0;
    }
}
