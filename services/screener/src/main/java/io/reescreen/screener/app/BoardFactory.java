package io.reescreen.screener.app;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.reescreen.schemas.RegistrySerdes;
import io.reescreen.screener.board.BoardRuntime;
import io.reescreen.screener.board.BoardSettings;
import io.reescreen.streams.ServiceConnections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The yard board on every screener ({@code reescreen.screener.board.enabled=false} leaves it out): its settings, and
 * its own Kafka clients on the service's connection (the streams' cluster, address and security settings alike).
 */
@Requires(property = ScreenerProperties.SERVICE, value = ScreenerProperties.STREAM_NAME,
        defaultValue = ScreenerProperties.STREAM_NAME)
@Requires(property = BoardSettings.ENABLED, notEquals = "false")
@Factory
public class BoardFactory {

    /** What Micronaut makes of the environment variable {@code REESCREEN_OPERATOR_TOKEN}. */
    static final String OPERATOR_TOKEN_FROM_ENV = "reescreen.operator.token";

    private static final Logger LOG = LoggerFactory.getLogger(BoardFactory.class);
    private static final List<String> KEYS = List.of(BoardSettings.WINDOW, BoardSettings.MAX_LOTS,
            BoardSettings.MAX_ALERTS, BoardSettings.MAX_SHOTS_PER_LOT, BoardSettings.MAX_DEAD_LETTERS_PER_LOT,
            BoardSettings.OPERATOR_TOKEN, BoardSettings.VIEWER_TOKEN, BoardSettings.KEEPALIVE,
            BoardSettings.CLIENT_BUFFER_EVENTS);

    @Context
    @Bean(preDestroy = "close")
    BoardRuntime board(Environment environment, RegistrySerdes registry, ServiceConnections connections) {
        Map<String, String> values = new HashMap<>();
        for (String key : KEYS) {
            environment.getProperty(key, String.class).ifPresent(v -> values.put(key, v));
        }
        if (!values.containsKey(BoardSettings.OPERATOR_TOKEN)) {
            environment.getProperty(OPERATOR_TOKEN_FROM_ENV, String.class)
                    .ifPresent(v -> values.put(BoardSettings.OPERATOR_TOKEN, v));
        }
        BoardSettings settings = BoardSettings.of(values);
        LOG.info("yard board: {}", settings);
        return new BoardRuntime(settings, connections.kafka(), registry, System::currentTimeMillis).start();
    }
}
