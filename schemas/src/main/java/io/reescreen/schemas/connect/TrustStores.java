package io.reescreen.schemas.connect;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Key and trust stores as Kafka's and Apicurio's clients read them: JKS, PKCS12, or PEM files. */
final class TrustStores {

    private static final Pattern PEM_CERTIFICATE = Pattern.compile(
            "-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----");

    private TrustStores() {
    }

    /** Every certificate block of a PEM text, in order (a leaf first in a chain file). */
    static List<Certificate> pemCertificates(String text) throws GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<Certificate> certificates = new ArrayList<>();
        Matcher block = PEM_CERTIFICATE.matcher(text);
        while (block.find()) {
            certificates.add(factory.generateCertificate(
                    new ByteArrayInputStream(block.group().getBytes(StandardCharsets.US_ASCII))));
        }
        return certificates;
    }

    static List<Certificate> pemCertificates(Path file) throws IOException, GeneralSecurityException {
        return pemCertificates(Files.readString(file, StandardCharsets.US_ASCII));
    }

    /** A JKS or PKCS12 store, opened with {@code password} (null: unchecked, as a truststore may be). */
    static KeyStore open(Path file, String type, String password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password == null ? null : password.toCharArray());
        }
        return store;
    }

    /** A store trusting exactly {@code certificates}. */
    static KeyStore trusting(List<Certificate> certificates) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (int i = 0; i < certificates.size(); i++) {
            store.setCertificateEntry("trusted-" + i, certificates.get(i));
        }
        return store;
    }

    /** A TLS context whose only trust anchors are {@code trusted}'s. */
    static SSLContext context(KeyStore trusted) throws GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
