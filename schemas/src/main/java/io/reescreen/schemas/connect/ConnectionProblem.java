package io.reescreen.schemas.connect;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Why a process could not talk to Kafka, in one line that names the setting to look at and never a secret's value.
 * Kafka's own messages are not copied where they might quote a value (a {@link ConfigException} prints it), and the
 * original exception is not attached as a cause for the same reason: a log line of this problem is all there is.
 */
public final class ConnectionProblem extends RuntimeException {

    private static final Pattern CONFIG_KEY = Pattern.compile("configuration ([A-Za-z0-9_.\\-]+)");

    private final String setting;

    ConnectionProblem(String message, String setting) {
        super(message, null, false, false);
        this.setting = setting;
    }

    /** The client setting the message names ({@code sasl.jaas.config}, {@code ssl.truststore.location}, ...). */
    public String setting() {
        return setting;
    }

    /** One line for {@code failure} of a client using {@code connection}. */
    public static ConnectionProblem explain(Throwable failure, KafkaConnection connection) {
        return explain(failure, connection, null);
    }

    /** As {@link #explain(Throwable, KafkaConnection)}, for a check that waited {@code waited} for an answer. */
    static ConnectionProblem explain(Throwable failure, KafkaConnection connection, Duration waited) {
        String where = "Kafka at " + connection.bootstrapServers();
        KafkaClientSecurity security = connection.security();
        if (find(failure, ConnectionProblem.class).isPresent()) {
            return find(failure, ConnectionProblem.class).get();
        }
        if (find(failure, SaslAuthenticationException.class).isPresent()) {
            return new ConnectionProblem(where + " refused the credentials (sasl.jaas.config, mechanism "
                    + security.mechanism().orElse("none") + ")", "sasl.jaas.config");
        }
        if (find(failure, SslAuthenticationException.class).isPresent()) {
            return tls(failure, where);
        }
        if (anyMessageContains(failure, "'KafkaClient' entry") || anyMessageContains(failure, "JAAS configuration")) {
            return new ConnectionProblem("security.protocol=" + security.protocol() + " needs sasl.jaas.config (the "
                    + security.mechanism().orElse("SASL") + " login for " + where + ")", "sasl.jaas.config");
        }
        Optional<ConfigException> invalid = find(failure, ConfigException.class);
        if (invalid.isPresent() && providerFailure(invalid.get().getMessage())) {
            // Kafka's file provider names the file (a path, not a secret) and nothing else.
            return new ConnectionProblem("a ${file:..} reference in the Kafka client settings (" + security.source()
                    + ") cannot be resolved: " + invalid.get().getMessage(), "config.providers");
        }
        if (invalid.isPresent()) {
            Matcher key = CONFIG_KEY.matcher(String.valueOf(invalid.get().getMessage()));
            if (key.find()) {
                String name = key.group(1);
                return new ConnectionProblem("the Kafka client setting " + name + " is invalid"
                        + (Secrets.isSecret(name) ? "" : ": " + invalid.get().getMessage()), name);
            }
            return new ConnectionProblem("a Kafka client setting is invalid (" + security.source() + ")",
                    "security.protocol");
        }
        if (find(failure, TimeoutException.class).isPresent()
                || find(failure, java.util.concurrent.TimeoutException.class).isPresent()) {
            String within = waited == null ? "" : " within " + seconds(waited);
            if (!security.usesTls()) {
                return new ConnectionProblem("no answer from " + where + within + " over " + security.protocol()
                        + ": is it running there, or does the cluster need security.protocol (--kafka-config)?",
                        "security.protocol");
            }
            return new ConnectionProblem("no answer from " + where + within + " over " + security.protocol()
                    + ": is it running there, and is that the listener for " + security.protocol() + "?",
                    "bootstrap.servers");
        }
        return new ConnectionProblem("cannot use " + where + " over " + security.protocol() + ": "
                + root(failure).getClass().getSimpleName() + " (" + security.source() + ")", "bootstrap.servers");
    }

    private static ConnectionProblem tls(Throwable failure, String where) {
        String handshake = "TLS handshake with " + where + " failed: ";
        if (find(failure, CertificateExpiredException.class).isPresent()
                || find(failure, CertificateNotYetValidException.class).isPresent()) {
            return new ConnectionProblem(handshake + "the broker's certificate has expired or is not valid yet "
                    + "(checked against ssl.truststore.location)", "ssl.truststore.location");
        }
        if (find(failure, CertPathBuilderException.class).isPresent()
                || find(failure, CertPathValidatorException.class).isPresent() || anyMessageContains(failure, "PKIX")) {
            return new ConnectionProblem(handshake + "the broker's certificate is not trusted (ssl.truststore.location)",
                    "ssl.truststore.location");
        }
        if (anyMessageContains(failure, "subject alternative name") || anyMessageContains(failure, "no name matching")) {
            return new ConnectionProblem(handshake + "the broker's certificate does not name the host it was reached at "
                    + "(bootstrap.servers, ssl.endpoint.identification.algorithm)", "ssl.endpoint.identification.algorithm");
        }
        // The broker's refusal of our certificate arrives as a TLS alert; its name is all the client learns.
        for (String alert : new String[] {"certificate_expired", "bad_certificate", "certificate_unknown",
                "certificate_required", "certificate_revoked", "unknown_ca"}) {
            if (anyMessageContains(failure, alert)) {
                return new ConnectionProblem(handshake + "the broker refused the client certificate, TLS alert " + alert
                        + " (ssl.keystore.location)", "ssl.keystore.location");
            }
        }
        return new ConnectionProblem(handshake + root(failure).getClass().getSimpleName()
                + " (ssl.truststore.location, ssl.keystore.location)", "ssl.truststore.location");
    }

    private static boolean providerFailure(String message) {
        return message != null && (message.startsWith("Could not read properties from file")
                || message.contains("is not allowed to be accessed"));
    }

    private static String seconds(Duration waited) {
        return waited.toMillis() % 1000 == 0 ? waited.toSeconds() + " s" : waited.toMillis() + " ms";
    }

    /** The first {@code type} in {@code failure}'s cause chain. */
    static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    private static boolean anyMessageContains(Throwable failure, String text) {
        String wanted = text.toLowerCase(Locale.ROOT);
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable root(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
