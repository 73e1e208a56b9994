package io.reescreen.embedded.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {

    private static final char[] PASSWORD = "changeit-in-test".toCharArray();
    private static final CertificateAuthority CA = CertificateAuthority.create("reescreen test CA", Duration.ofDays(30));

    @TempDir
    Path dir;

    @Test
    void aLeafCertificateIsSignedByTheCaAndNamesTheLoopbackByAddressAndByName() throws Exception {
        X509Certificate leaf = CA.issue("broker").certificate();

        leaf.verify(CA.certificate().getPublicKey());
        leaf.checkValidity();
        assertEquals("CN=broker", leaf.getSubjectX500Principal().getName());
        assertEquals(-1, leaf.getBasicConstraints(), "a leaf must not be a CA");
        assertEquals(Set.of(List.of(7, "127.0.0.1"), List.of(2, "localhost")), Set.copyOf(leaf.getSubjectAlternativeNames()));
        assertTrue(CA.certificate().getBasicConstraints() >= 0, "the CA certificate must be a CA");
    }

    @Test
    void aCertificateIsTrustedOnlyByTheCaThatIssuedIt() throws Exception {
        X509Certificate ours = CA.issue("client").certificate();
        X509Certificate theirs = CertificateAuthority.create("another CA", Duration.ofDays(30)).issue("client").certificate();

        validate(ours, CA.certificate());
        assertThrows(CertPathValidatorException.class, () -> validate(theirs, CA.certificate()));
    }

    @Test
    void anExpiredCertificateFailsTheValidityCheckThoughItsSignatureIsGood() throws Exception {
        X509Certificate expired = CA.issueExpired("lapsed-client").certificate();

        expired.verify(CA.certificate().getPublicKey());
        assertThrows(CertificateExpiredException.class, expired::checkValidity);
        CertPathValidatorException refused = assertThrows(CertPathValidatorException.class,
                () -> validate(expired, CA.certificate()));
        assertInstanceOf(CertificateExpiredException.class, refused.getCause());
    }

    @Test
    void aKeyStoreWrittenToDiskReadsBackWithTheKeyAndItsChainToTheCa() throws Exception {
        IssuedCertificate broker = CA.issue("broker");
        Path file = dir.resolve("broker.p12");
        try (java.io.OutputStream out = Files.newOutputStream(file)) {
            broker.toKeyStore(PASSWORD).store(out, PASSWORD);
        }

        KeyStore read = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            read.load(in, PASSWORD);
        }
        String alias = read.aliases().nextElement();
        assertEquals(broker.privateKey(), read.getKey(alias, PASSWORD));
        assertArrayEquals(new java.security.cert.Certificate[] {broker.certificate(), CA.certificate()},
                read.getCertificateChain(alias));
    }

    @Test
    void theCaInPemIsWhatACertificateFactoryReadsBack() throws Exception {
        String pem = CA.certificatePem();

        assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----"), pem);
        X509Certificate read = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(CA.certificate(), read);
    }

    @Test
    void aCaKeptInItsKeyStoreIssuesCertificatesItsEarlierTruststoreStillTrusts() throws Exception {
        CertificateAuthority reloaded = CertificateAuthority.load(CA.toKeyStore(PASSWORD), PASSWORD);

        assertEquals(CA.certificate(), reloaded.certificate());
        validate(reloaded.issue("registry").certificate(), CA.certificate());
    }

    @Test
    void aTlsClientTrustingTheCaConnectsTo127001WithHostNameCheckingOnAndOneTrustingAnotherCaIsRefused() throws Exception {
        SSLContext server = context(CA.issue("server").toKeyStore(PASSWORD), CA.trustStore());
        SSLContext trusting = context(null, CA.trustStore());
        SSLContext stranger = context(null,
                CertificateAuthority.create("another CA", Duration.ofDays(30)).trustStore());
        try (SSLServerSocket socket = (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> accepting = CompletableFuture.runAsync(() -> acceptTwo(socket));

            assertEquals("TLSv1.3", handshake(trusting, socket.getLocalPort()));
            assertThrows(SSLHandshakeException.class, () -> handshake(stranger, socket.getLocalPort()));
            accepting.get(30, TimeUnit.SECONDS);
        }
    }

    private static String handshake(SSLContext context, int port) throws Exception {
        try (SSLSocket client = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            SSLParameters parameters = client.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // what Kafka clients do by default
            client.setSSLParameters(parameters);
            client.startHandshake();
            return client.getSession().getProtocol();
        }
    }

    private static void acceptTwo(SSLServerSocket socket) {
        for (int i = 0; i < 2; i++) {
            try (SSLSocket accepted = (SSLSocket) socket.accept()) {
                accepted.startHandshake();
            } catch (java.io.IOException refusedByTheClient) {
                // the stranger aborts the handshake: expected for the second one
            }
        }
    }

    private static SSLContext context(KeyStore keys, KeyStore trust) throws Exception {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        if (keys != null) {
            keyManagers.init(keys, PASSWORD);
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }

    private static void validate(X509Certificate leaf, X509Certificate anchor) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), parameters);
    }
}
