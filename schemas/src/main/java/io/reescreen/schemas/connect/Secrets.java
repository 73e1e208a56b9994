package io.reescreen.schemas.connect;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/** Which client settings hold a secret, so their values are never printed, logged or put in an error. */
public final class Secrets {

    /** What a hidden value prints as: Kafka's own mark in its "ProducerConfig values:" dump. */
    public static final String HIDDEN = Password.HIDDEN;

    /** Kafka's own PASSWORD-typed client keys (ssl.keystore.key, sasl.jaas.config, ...). */
    private static final Set<String> KAFKA_PASSWORDS = kafkaPasswords();

    /**
     * Keys Kafka does not type as a password but that hold one anyway: the registry's credentials, config-provider
     * parameters, and anything named like a secret. Erring towards hiding costs a line of diagnosis; the other way
     * costs a credential.
     */
    private static final Pattern SECRET_NAME = Pattern.compile("password|secret|jaas|(^|[.-])token($|[.-]value)|credential",
            Pattern.CASE_INSENSITIVE);

    private Secrets() {
    }

    public static boolean isSecret(String key) {
        return KAFKA_PASSWORDS.contains(key) || SECRET_NAME.matcher(key).find();
    }

    private static Set<String> kafkaPasswords() {
        Set<String> keys = new HashSet<>();
        for (ConfigDef def : new ConfigDef[] {ProducerConfig.configDef(), ConsumerConfig.configDef(),
                AdminClientConfig.configDef()}) {
            def.configKeys().forEach((name, key) -> {
                if (key.type == ConfigDef.Type.PASSWORD) {
                    keys.add(name);
                }
            });
        }
        return Set.copyOf(keys);
    }
}
