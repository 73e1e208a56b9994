package io.reescreen.retrainer.app;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What drives retraining in the service.
 *
 * @param modelName    the release key trained and published
 * @param retrainEvery new examples that trigger an attempt
 * @param schedule     how often an attempt is made when new examples came meanwhile; zero: never by schedule
 * @param authToken    the bearer token of {@code POST /retrain}; empty: the endpoint is off
 */
public record RetrainerConfig(String modelName, int retrainEvery, Duration schedule, Optional<String> authToken) {

    public static final String DEFAULT_MODEL_NAME = "ree-mtnn";
    public static final int DEFAULT_RETRAIN_EVERY = 20;

    public RetrainerConfig {
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(authToken, "authToken");
        if (modelName.isBlank() || retrainEvery < 1 || schedule.isNegative()) {
            throw new IllegalArgumentException("need a model name, " + RetrainerProperties.RETRAIN_EVERY + " >= 1 and "
                    + RetrainerProperties.SCHEDULE + " >= 0; got '" + modelName + "', " + retrainEvery + ", " + schedule);
        }
        if (authToken.isPresent() && authToken.get().length() < 16) {
            throw new IllegalArgumentException(RetrainerProperties.AUTH_TOKEN + " must be at least 16 characters");
        }
    }

    @Override
    public String toString() {
        return "RetrainerConfig[modelName=" + modelName + ", retrainEvery=" + retrainEvery + ", schedule=" + schedule
                + ", authToken=" + (authToken.isPresent() ? "(set)" : "(none: POST /retrain is off)") + "]";
    }
}
