package io.reescreen.embedded;

import io.reescreen.schemas.TopicSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the topics the system needs and checks that existing ones match: a topic with the wrong
 * partition count breaks co-partitioned joins, and a non-compacted release topic loses models.
 * Works against the embedded broker and against any real cluster.
 */
public final class TopicProvisioner {

    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;
    private final short replicationFactor;

    public TopicProvisioner(Admin admin, short replicationFactor) {
        this.admin = admin;
        this.replicationFactor = replicationFactor;
    }

    /** Creates what is missing; throws if an existing topic differs from its spec. */
    public void ensure(Collection<TopicSpec> specs) throws InterruptedException {
        List<NewTopic> toCreate = new ArrayList<>();
        Set<String> existing = get(admin.listTopics().names());
        for (TopicSpec spec : specs) {
            if (!existing.contains(spec.name())) {
                toCreate.add(new NewTopic(spec.name(), spec.partitions(), replicationFactor).configs(spec.configs()));
            }
        }
        try {
            admin.createTopics(toCreate).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) { // another instance won the race: verify below
                throw new IllegalStateException("cannot create topics " + names(toCreate), e.getCause());
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out creating topics " + names(toCreate), e);
        }
        verifyOnceKnown(specs);
    }

    /**
     * {@link #verify}, asked again while the broker has not yet applied the controller's record of a topic just
     * created ("does not host this topic-partition"): createTopics returns when the controller committed it.
     */
    private void verifyOnceKnown(Collection<TopicSpec> specs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            try {
                verify(specs);
                return;
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    /** Throws, naming every difference, unless every topic exists as specified. */
    public void verify(Collection<TopicSpec> specs) throws InterruptedException {
        List<String> names = specs.stream().map(TopicSpec::name).toList();
        Map<String, TopicDescription> descriptions = get(admin.describeTopics(names).allTopicNames());
        Map<ConfigResource, Config> configs = get(admin.describeConfigs(names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all());
        List<String> problems = new ArrayList<>();
        for (TopicSpec spec : specs) {
            int partitions = descriptions.get(spec.name()).partitions().size();
            if (partitions != spec.partitions()) {
                problems.add(spec.name() + " has " + partitions + " partitions, expected " + spec.partitions());
            }
            String policy = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()))
                    .get("cleanup.policy").value();
            String expected = spec.configs().get("cleanup.policy");
            if (!Set.of(policy.split(",")).contains(expected)) {
                problems.add(spec.name() + " has cleanup.policy=" + policy + ", expected " + expected);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("topics differ from the design: " + String.join("; ", problems));
        }
    }

    private static String names(List<NewTopic> topics) {
        return topics.stream().map(NewTopic::name).collect(Collectors.joining(", "));
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) throws InterruptedException {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka admin request failed: " + e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka admin request timed out after " + TIMEOUT_SECONDS + " s", e);
        }
    }
}
