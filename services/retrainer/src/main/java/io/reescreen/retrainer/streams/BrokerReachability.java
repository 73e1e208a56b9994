package io.reescreen.retrainer.streams;

import io.reescreen.schemas.connect.KafkaConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Whether the broker answered lately, checked in the background: a health request reads the last result and never
 * waits for the broker (a request that asked the broker itself hung for as long as the client's timeouts while the
 * broker was down).
 */
public final class BrokerReachability implements AutoCloseable {

    /** Unit: ms. How long one check may wait for the broker. */
    private static final int CHECK_TIMEOUT_MS = 2_000;

    private final Admin admin;
    private final ScheduledExecutorService checker;
    private final Duration every;
    private volatile Instant lastAnswer;
    private volatile String lastProblem = "not checked yet";

    private BrokerReachability(Admin admin, Duration every) {
        this.admin = admin;
        this.every = every;
        this.checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "retrainer-broker-check");
            t.setDaemon(true);
            return t;
        });
    }

    /** Checks the cluster of {@code connection} (its address and security settings) every {@code every}, starting now. */
    public static BrokerReachability start(KafkaConnection connection, Duration every) {
        Admin admin = Admin.create(connection.clientConfig(Map.of(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, CHECK_TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, CHECK_TIMEOUT_MS,
                AdminClientConfig.CLIENT_ID_CONFIG, "reescreen-retrainer-health")));
        BrokerReachability reachability = new BrokerReachability(admin, every);
        reachability.checker.scheduleWithFixedDelay(reachability::check, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return reachability;
    }

    private void check() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(CHECK_TIMEOUT_MS)).clusterId()
                    .get(CHECK_TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS);
            lastAnswer = Instant.now();
            lastProblem = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            lastProblem = String.valueOf(e.getCause() != null ? e.getCause() : e);
        }
    }

    /** Null while the broker answered within the last few checks; else why not, and since when. */
    public String problem() {
        Instant answered = lastAnswer;
        Duration allowed = every.multipliedBy(2).plusMillis(CHECK_TIMEOUT_MS);
        if (answered != null && answered.plus(allowed).isAfter(Instant.now())) {
            return null;
        }
        return "the Kafka broker has not answered " + (answered == null ? "since start" : "since " + answered)
                + (lastProblem == null ? "" : " (" + lastProblem + ")");
    }

    @Override
    public void close() {
        checker.shutdownNow();
        admin.close(Duration.ofSeconds(1));
    }
}
