package io.reescreen.embedded.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secured stack's certificates and credentials, kept in one folder ({@code <work>/security}) readable by its
 * owner only, so a restarted stack serves the same CA and passwords and an operator can point a client at the files:
 * <ul>
 *   <li>{@code ca.crt}: the CA certificate (PEM), every client's truststore;</li>
 *   <li>{@code truststore.p12}: the same as PKCS12, for clients that cannot read PEM (or take a truststore only
 *       with a password, as the registry's journal client does);</li>
 *   <li>{@code ca.p12}: the CA's key, to issue more certificates on a later start;</li>
 *   <li>{@code broker.p12}, {@code registry.p12}, {@code client.p12}: PKCS12 key stores (key and chain), the last a
 *       client certificate for the mutual-TLS listener;</li>
 *   <li>{@code passwords.properties}: the key stores' password, and the names and passwords of the Kafka user and
 *       the registry user;</li>
 *   <li>{@code kafka-client.properties} (SCRAM-SHA-512), {@code kafka-client-plain.properties},
 *       {@code kafka-client-mtls.properties}, {@code registry-client.properties}: settings for clients
 *       ({@link ClientSettingsFiles}), written on every start.</li>
 * </ul>
 * Passwords are random (base62, 24 characters) and never logged.
 */
public final class StackSecurity {

    private static final Logger LOG = LoggerFactory.getLogger(StackSecurity.class);
    /** A development stack's certificates outlive any run of it; a lapsed one is made again on start. */
    private static final Duration VALIDITY = Duration.ofDays(3650);
    private static final String USER = "reescreen";
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    static final String PASSWORDS_FILE = "passwords.properties";
    static final String STORE_PASSWORD_KEY = "store.password";
    static final String KAFKA_USER_KEY = "kafka.user";
    static final String KAFKA_PASSWORD_KEY = "kafka.password";
    static final String REGISTRY_USER_KEY = "registry.user";
    static final String REGISTRY_PASSWORD_KEY = "registry.password";
    private static final List<String> FILES = List.of(
            "ca.p12", "ca.crt", "truststore.p12", "broker.p12", "registry.p12", "client.p12", PASSWORDS_FILE);

    private final Path dir;
    private final CertificateAuthority authority;
    private final String storePassword;
    private final Credentials kafkaUser;
    private final Credentials registryUser;

    private StackSecurity(Path dir, CertificateAuthority authority, String storePassword, Credentials kafkaUser,
                          Credentials registryUser) {
        this.dir = dir;
        this.authority = authority;
        this.storePassword = storePassword;
        this.kafkaUser = kafkaUser;
        this.registryUser = registryUser;
    }

    /** Reuses the certificates and passwords in {@code dir}, or makes them when missing, incomplete or lapsed. */
    public static StackSecurity prepare(Path dir) throws IOException {
        Files.createDirectories(dir);
        PrivateFiles.restrictDirectory(dir);
        StackSecurity security = isComplete(dir) ? read(dir) : null;
        if (security != null) {
            LOG.info("Secured stack: reusing the CA and credentials in {}", dir);
        } else {
            security = create(dir);
        }
        ClientSettingsFiles.write(security);
        return security;
    }

    private static StackSecurity create(Path dir) throws IOException {
        String storePassword = randomPassword();
        Credentials user = new Credentials(USER, randomPassword());
        Credentials registryUser = new Credentials(USER, randomPassword());
        char[] password = storePassword.toCharArray();
        CertificateAuthority authority = CertificateAuthority.create("reescreen embedded stack CA", VALIDITY);
        writeKeyStore(authority.toKeyStore(password), dir.resolve("ca.p12"), password);
        PrivateFiles.writeText(dir.resolve("ca.crt"), authority.certificatePem());
        writeKeyStore(authority.trustStore(), dir.resolve("truststore.p12"), password);
        for (String leaf : List.of("broker", "registry", "client")) {
            writeKeyStore(authority.issue(leaf).toKeyStore(password), dir.resolve(leaf + ".p12"), password);
        }
        PrivateFiles.writeProperties(dir.resolve(PASSWORDS_FILE), "The embedded stack's secrets: owner only.", Map.of(
                STORE_PASSWORD_KEY, storePassword,
                KAFKA_USER_KEY, user.name(), KAFKA_PASSWORD_KEY, user.password(),
                REGISTRY_USER_KEY, registryUser.name(), REGISTRY_PASSWORD_KEY, registryUser.password()));
        LOG.info("Secured stack: made a CA, certificates and credentials in {}", dir);
        return new StackSecurity(dir, authority, storePassword, user, registryUser);
    }

    private static boolean isComplete(Path dir) {
        return FILES.stream().allMatch(file -> Files.isRegularFile(dir.resolve(file)));
    }

    /** The kept material, or null when a certificate lapsed or a file does not read (then everything is made anew). */
    private static StackSecurity read(Path dir) throws IOException {
        Properties passwords = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve(PASSWORDS_FILE))) {
            passwords.load(in);
        }
        String storePassword = passwords.getProperty(STORE_PASSWORD_KEY);
        String user = passwords.getProperty(KAFKA_USER_KEY);
        String userPassword = passwords.getProperty(KAFKA_PASSWORD_KEY);
        String registryUser = passwords.getProperty(REGISTRY_USER_KEY);
        String registryPassword = passwords.getProperty(REGISTRY_PASSWORD_KEY);
        if (storePassword == null || user == null || userPassword == null || registryUser == null
                || registryPassword == null) {
            return null;
        }
        char[] password = storePassword.toCharArray();
        try {
            Instant soon = Instant.now().plus(Duration.ofDays(1));
            for (String store : List.of("ca", "broker", "registry", "client")) {
                KeyStore keyStore = readKeyStore(dir.resolve(store + ".p12"), password);
                X509Certificate certificate = (X509Certificate) keyStore.getCertificate(keyStore.aliases().nextElement());
                if (certificate.getNotAfter().toInstant().isBefore(soon)) {
                    LOG.info("Secured stack: {} certificate in {} lapses on {}; making new ones", store, dir,
                            certificate.getNotAfter().toInstant());
                    return null;
                }
            }
            CertificateAuthority authority = CertificateAuthority.load(readKeyStore(dir.resolve("ca.p12"), password), password);
            return new StackSecurity(dir, authority, storePassword, new Credentials(user, userPassword),
                    new Credentials(registryUser, registryPassword));
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            LOG.warn("Secured stack: the key stores in {} do not read ({}); making new ones", dir, e.getClass().getSimpleName());
            return null;
        }
    }

    public Path dir() {
        return dir;
    }

    /** The CA certificate (PEM): a client's {@code ssl.truststore.location} with {@code ssl.truststore.type=PEM}. */
    public Path caCertificate() {
        return dir.resolve("ca.crt");
    }

    /** A Kafka client properties file for the SASL_SSL listener with {@code mechanism}; see {@link ClientSettingsFiles}. */
    public Path kafkaClientFile(SaslMechanism mechanism) {
        return dir.resolve(mechanism == SaslMechanism.PLAIN ? ClientSettingsFiles.PLAIN : ClientSettingsFiles.SCRAM);
    }

    /** A Kafka client properties file for the mutual-TLS listener. */
    public Path kafkaMutualTlsClientFile() {
        return dir.resolve(ClientSettingsFiles.MUTUAL_TLS);
    }

    /** The Apicurio serde's settings for the secured registry (holds the registry password). */
    public Path registryClientFile() {
        return dir.resolve(ClientSettingsFiles.REGISTRY);
    }

    /** The CA certificate as PKCS12 (password {@link #storePassword}). */
    public Path trustStore() {
        return dir.resolve("truststore.p12");
    }

    public Path brokerKeyStore() {
        return dir.resolve("broker.p12");
    }

    public Path registryKeyStore() {
        return dir.resolve("registry.p12");
    }

    /** The client certificate for the mutual-TLS listener. */
    public Path clientKeyStore() {
        return dir.resolve("client.p12");
    }

    /** The password of every PKCS12 file here (and of each key in it). */
    public String storePassword() {
        return storePassword;
    }

    public Credentials kafkaUser() {
        return kafkaUser;
    }

    /** The registry's one user (role sr-admin), for HTTP basic authentication. */
    public Credentials registryUser() {
        return registryUser;
    }

    /** The CA, for tests that need certificates it issued (an expired one) besides the kept ones. */
    public CertificateAuthority authority() {
        return authority;
    }

    /** A Kafka client's security settings for the SASL_SSL listener (bootstrap servers not included). */
    public Map<String, Object> saslSslClient(SaslMechanism mechanism) {
        Map<String, Object> config = trustingTheCa("SASL_SSL");
        config.put("sasl.mechanism", mechanism.kafkaName());
        config.put("sasl.jaas.config", mechanism.clientJaasConfig(kafkaUser));
        return config;
    }

    /** A Kafka client's security settings for the mutual-TLS listener, presenting {@code client.p12}. */
    public Map<String, Object> mutualTlsClient() {
        return mutualTlsClient(clientKeyStore());
    }

    /** The same with another key store (the broker's own, or one a test made), of this folder's store password. */
    public Map<String, Object> mutualTlsClient(Path keyStore) {
        Map<String, Object> config = trustingTheCa("SSL");
        config.put("ssl.keystore.type", "PKCS12");
        config.put("ssl.keystore.location", keyStore.toAbsolutePath().toString());
        config.put("ssl.keystore.password", storePassword);
        config.put("ssl.key.password", storePassword);
        return config;
    }

    /** A TLS context trusting this CA only: for HTTP clients of the registry. */
    public SSLContext sslContextTrustingTheCa() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(authority.trustStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a TLS context trusting " + caCertificate(), e);
        }
    }

    private Map<String, Object> trustingTheCa(String protocol) {
        Map<String, Object> config = new HashMap<>();
        config.put("security.protocol", protocol);
        config.put("ssl.truststore.type", "PEM");
        config.put("ssl.truststore.location", caCertificate().toAbsolutePath().toString());
        return config;
    }

    private static String randomPassword() {
        StringBuilder password = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    private static KeyStore readKeyStore(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return store;
    }

    private static void writeKeyStore(KeyStore store, Path file, char[] password) throws IOException {
        PrivateFiles.create(file);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the key store " + file, e);
        }
    }
}
