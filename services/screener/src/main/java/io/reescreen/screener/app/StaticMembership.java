package io.reescreen.screener.app;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Static group membership for the screener's stream: an instance that restarts under the same
 * {@code group.instance.id} takes its partitions back at once, instead of waiting for its previous incarnation's
 * session to expire (45 s by default; Kafka Streams members never leave the group on close, so a clean stop waited
 * too). The id is {@code kafka.streams.screener.group.instance.id} when set, else {@code <host name>-<instance name>}
 * when {@value #INSTANCE_NAME} is set; without either the stream keeps dynamic membership, which suits instances
 * that come and go on random ports (tests).
 *
 * <p>Kafka Streams adds {@code -<thread index>} per stream thread. Two live instances must never share an id: the
 * second fences the first.
 */
final class StaticMembership {

    /** The name of this instance on its host, stable across restarts (e.g. {@code screener-8080}). */
    static final String INSTANCE_NAME = "reescreen.screener.instance-name";

    private static final Logger LOG = LoggerFactory.getLogger(StaticMembership.class);

    private StaticMembership() {
    }

    /** Sets {@code group.instance.id} from the instance name unless the configuration names one itself. */
    static void apply(Properties streamsConfig, Optional<String> instanceName) {
        Object configured = streamsConfig.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        if (configured != null && !configured.toString().isBlank()) {
            LOG.info("static group membership: group.instance.id {} (configured)", configured);
            return;
        }
        instanceName.map(String::trim).filter(s -> !s.isEmpty()).ifPresentOrElse(name -> {
            String id = hostName() + "-" + name;
            streamsConfig.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id);
            LOG.info("static group membership: group.instance.id {} (host name and {})", id, INSTANCE_NAME);
        }, () -> LOG.info("dynamic group membership: a restart waits for the previous member's session to expire; "
                + "set {} for static membership", INSTANCE_NAME));
    }

    static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
