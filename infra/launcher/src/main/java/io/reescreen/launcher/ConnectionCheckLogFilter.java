package io.reescreen.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.reescreen.schemas.connect.ConnectionCheck;
import org.slf4j.Marker;

/**
 * Keeps the connection check's own Kafka client quiet on a command's console. When the check fails, the command
 * says why in one line (a {@code ConnectionProblem} naming the setting); the check's admin client would first log the
 * same refusal as an ERROR, a WARN and an exception name. Only that client's lines go: Kafka prefixes each with its
 * client id, which the check sets.
 */
public final class ConnectionCheckLogFilter extends TurboFilter {

    static final String CHECK_CLIENT = "clientId=" + ConnectionCheck.CLIENT_ID;

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        return format != null && format.contains(CHECK_CLIENT) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
