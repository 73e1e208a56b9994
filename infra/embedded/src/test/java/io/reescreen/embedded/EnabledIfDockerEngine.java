package io.reescreen.embedded;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/** Runs a test only where a Docker engine answers; elsewhere skips it and says why. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(EnabledIfDockerEngine.Condition.class)
@interface EnabledIfDockerEngine {

    final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            boolean available;
            try {
                available = DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                available = false;
            }
            return available
                    ? ConditionEvaluationResult.enabled("a Docker engine is available")
                    : ConditionEvaluationResult.disabled("skipped: no Docker engine is reachable, so Testcontainers "
                    + "cannot start a Kafka container here; the same scenario runs on the embedded broker in "
                    + "EmbeddedXrfRoundTripTest");
        }
    }
}
