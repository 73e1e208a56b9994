package io.reescreen.screener.health;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the Kafka cluster answers, asked in the background every {@code interval} and kept for health checks to
 * read at once. Health checks must answer within a second whatever Kafka does; asking the cluster from the request
 * (as micronaut-kafka's indicator does: a 10 s describeCluster, then describeConfigs with no bound) made
 * {@code /health} hang while the broker was down.
 */
public final class BrokerProbe implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerProbe.class);

    /** The latest answer: whether the cluster answered, when this was checked, and why not. */
    public record Contact(boolean reachable, Instant checkedAt, Instant lastReachableAt, String problem) {
    }

    private final Map<String, Object> adminConfig;
    private final Duration interval;
    private final Duration timeout;
    private final String bootstrapServers;
    private final ScheduledExecutorService scheduler;
    private volatile Admin admin;
    private volatile Contact contact;

    /**
     * @param adminConfig where the cluster is and how to reach it (bootstrap servers, security settings)
     * @param interval    between two probes
     * @param timeout     for one probe
     */
    public BrokerProbe(Map<String, Object> adminConfig, Duration interval, Duration timeout) {
        this.adminConfig = new HashMap<>(Objects.requireNonNull(adminConfig, "adminConfig"));
        this.interval = Objects.requireNonNull(interval, "interval");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        int timeoutMs = (int) Math.max(100, timeout.toMillis());
        this.adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        this.adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        this.adminConfig.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "reescreen-broker-probe");
        this.bootstrapServers = String.valueOf(this.adminConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "broker-probe");
            t.setDaemon(true);
            return t;
        });
    }

    /** Probes now and then every interval, in the background. */
    public BrokerProbe start() {
        scheduler.scheduleWithFixedDelay(this::probe, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** The latest answer, or empty before the first probe ended. Never blocks. */
    public Optional<Contact> contact() {
        return Optional.ofNullable(contact);
    }

    /**
     * Why the cluster is to be taken as unreachable at {@code now}, or empty when its latest answer is fresh and
     * positive: never asked yet, no answer, or an answer too old to trust.
     */
    public Optional<String> whyUnreachable(Instant now) {
        Contact c = contact;
        if (c == null) {
            return Optional.of("the Kafka cluster has not been asked yet");
        }
        Duration age = Duration.between(c.checkedAt(), now);
        if (age.compareTo(staleAfter()) > 0) {
            return Optional.of("the last answer about the Kafka cluster is " + age.toSeconds() + " s old");
        }
        return c.reachable() ? Optional.empty() : Optional.of(c.problem());
    }

    /** How old a probe answer may be before it is not trusted (the probe thread itself is stuck). */
    public Duration staleAfter() {
        return interval.plus(timeout).multipliedBy(2);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The admin client's settings (secrets included: never print them). */
    public Map<String, Object> adminConfig() {
        return Map.copyOf(adminConfig);
    }

    void probe() {
        Contact before = contact;
        Contact now;
        try {
            if (admin == null) {
                admin = Admin.create(adminConfig);
            }
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .clusterId().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
            Instant at = Instant.now();
            now = new Contact(true, at, at, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null
                    ? e.getCause() : e;
            now = new Contact(false, Instant.now(), before == null ? null : before.lastReachableAt(),
                    "no answer from the Kafka cluster at " + bootstrapServers + " within " + timeout.toMillis()
                            + " ms: " + cause);
        }
        contact = now;
        if (before == null || before.reachable() != now.reachable()) {
            if (now.reachable()) {
                LOG.info("the Kafka cluster at {} answers", bootstrapServers);
            } else {
                LOG.warn("{}", now.problem());
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        Admin a = admin;
        if (a != null) {
            a.close(Duration.ofSeconds(1));
        }
    }
}
