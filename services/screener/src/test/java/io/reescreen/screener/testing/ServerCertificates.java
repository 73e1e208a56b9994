package io.reescreen.screener.testing;

import io.reescreen.embedded.security.CertificateAuthority;
import io.reescreen.streams.ServerTls;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A test CA and a server certificate it issued for this machine's loopback ({@code localhost}, {@code 127.0.0.1}), as
 * files: the server's PKCS12 key store and the CA's certificate in PEM, what an operator hands the screener and its
 * clients.
 */
public final class ServerCertificates {

    public static final String PASSWORD = "test-store-pw";

    private final CertificateAuthority authority;
    private final Path keyStore;
    private final Path caCertificate;

    private ServerCertificates(CertificateAuthority authority, Path keyStore, Path caCertificate) {
        this.authority = authority;
        this.keyStore = keyStore;
        this.caCertificate = caCertificate;
    }

    /** A new CA and a server key store issued by it, written into {@code dir}. */
    public static ServerCertificates in(Path dir) {
        CertificateAuthority authority = CertificateAuthority.create("reescreen test CA", Duration.ofDays(1));
        Path keyStore = dir.resolve("server.p12");
        Path ca = dir.resolve("ca.crt");
        try {
            store(authority.issue("screener").toKeyStore(PASSWORD.toCharArray()), keyStore);
            Files.writeString(ca, authority.certificatePem());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ServerCertificates(authority, keyStore, ca);
    }

    /** Micronaut's HTTPS settings with this key store, on a free port. */
    public Map<String, Object> serverTls() {
        Map<String, Object> tls = new HashMap<>();
        tls.put(ServerTls.ENABLED, true);
        tls.put(ServerTls.PORT, -1);
        tls.put(ServerTls.KEY_STORE_PATH, "file:" + keyStore.toAbsolutePath());
        tls.put(ServerTls.KEY_STORE_TYPE, "PKCS12");
        tls.put(ServerTls.KEY_STORE_PASSWORD, PASSWORD);
        return tls;
    }

    public Path keyStore() {
        return keyStore;
    }

    /** The CA's certificate in PEM. */
    public Path caCertificate() {
        return caCertificate;
    }

    public CertificateAuthority authority() {
        return authority;
    }

    /** A client's TLS context trusting this CA only. */
    public SSLContext trustingTheCa() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(authority.trustStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void store(KeyStore store, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write " + file, e);
        }
    }
}
