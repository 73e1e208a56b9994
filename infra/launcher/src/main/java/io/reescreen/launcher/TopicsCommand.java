package io.reescreen.launcher;

import io.reescreen.embedded.TopicProvisioner;
import io.reescreen.schemas.TopicSpec;
import io.reescreen.schemas.Topics;
import java.io.PrintStream;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Creates the design's topics on an external cluster, or checks that they are as designed. */
final class TopicsCommand implements Command {

    @Override
    public String name() {
        return "topics";
    }

    @Override
    public String summary() {
        return "create (or --check) every topic on an external cluster (KAFKA_BOOTSTRAP_SERVERS)";
    }

    @Override
    public String usage() {
        return """
                Usage: ./reescreen topics [--bootstrap-servers HOST:PORT] [--replication-factor N] [--check true]
                  --bootstrap-servers   default: $KAFKA_BOOTSTRAP_SERVERS
                  --replication-factor  for topics created now (default 3; 1 for a single broker)
                  --check true          only verify partitions and cleanup policies; create nothing""";
    }

    @Override
    public int run(CommandLine args, PrintStream out, PrintStream err) throws Exception {
        args.allowOnly("bootstrap-servers", "replication-factor", "check");
        String bootstrap = args.option("bootstrap-servers").or(() -> java.util.Optional.ofNullable(System.getenv("KAFKA_BOOTSTRAP_SERVERS")))
                .orElseThrow(() -> new CommandLine.UsageException("no cluster: give --bootstrap-servers or set KAFKA_BOOTSTRAP_SERVERS"));
        short replication = (short) args.intOption("replication-factor", 3);
        boolean checkOnly = Boolean.parseBoolean(args.option("check").orElse("false"));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
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
