package io.reescreen.streams;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Static group membership for a service's stream: an instance that restarts under the same
 * {@code group.instance.id} takes its partitions back at once, instead of waiting for its previous incarnation's
 * session to expire (45 s by default; Kafka Streams members never leave the group on close, so a clean stop waited
 * too). The id is {@code kafka.streams.<service>.group.instance.id} when set, else {@code <host name>-<instance name>}
 * when {@code reescreen.<service>.instance-name} is set; without either the stream keeps dynamic membership, which
 * suits instances that come and go on random ports (tests).
 *
 * <p>Kafka Streams adds {@code -<thread index>} per stream thread. Two live instances must never share an id: the
 * second fences the first.
 */
public final class StaticMembership {

    private static final Logger LOG = LoggerFactory.getLogger(StaticMembership.class);

    private final String instanceNameProperty;

    private StaticMembership(String instanceNameProperty) {
        this.instanceNameProperty = instanceNameProperty;
    }

    /** The membership of {@code service}'s stream (e.g. {@code screener}), named by {@code reescreen.<service>.instance-name}. */
    public static StaticMembership of(String service) {
        Objects.requireNonNull(service, "service");
        return new StaticMembership("reescreen." + service + ".instance-name");
    }

    /** The property naming this instance on its host, stable across restarts (its value e.g. {@code screener-8080}). */
    public String instanceNameProperty() {
        return instanceNameProperty;
    }

    /** Sets {@code group.instance.id} from the instance name unless the configuration names one itself. */
    public void apply(Properties streamsConfig, Optional<String> instanceName) {
        Object configured = streamsConfig.get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        if (configured != null && !configured.toString().isBlank()) {
            LOG.info("static group membership: group.instance.id {} (configured)", configured);
            return;
        }
        instanceName.map(String::trim).filter(s -> !s.isEmpty()).ifPresentOrElse(name -> {
            String id = hostName() + "-" + name;
            streamsConfig.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, id);
            LOG.info("static group membership: group.instance.id {} (host name and {})", id, instanceNameProperty);
        }, () -> LOG.info("dynamic group membership: a restart waits for the previous member's session to expire; "
                + "set {} for static membership", instanceNameProperty));
    }

    /** $HOSTNAME, else the local host's name, else {@code localhost}. */
    public static String hostName() {
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
