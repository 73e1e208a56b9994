package io.reescreen.embedded.security;

/** The SASL mechanisms the secured broker's SASL_SSL listener accepts, with the JAAS login module of each. */
public enum SaslMechanism {
    SCRAM_SHA_512("SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule"),
    PLAIN("PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule");

    private final String kafkaName;
    private final String loginModule;

    SaslMechanism(String kafkaName, String loginModule) {
        this.kafkaName = kafkaName;
        this.loginModule = loginModule;
    }

    /** As Kafka spells it in {@code sasl.mechanism} and {@code sasl.enabled.mechanisms}. */
    public String kafkaName() {
        return kafkaName;
    }

    /** A client's {@code sasl.jaas.config} for {@code user}. */
    public String clientJaasConfig(Credentials user) {
        return loginModule + " required username=\"" + user.name() + "\" password=\"" + user.password() + "\";";
    }

    String loginModule() {
        return loginModule;
    }
}
