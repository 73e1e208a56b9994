package io.reescreen.embedded.security;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

/** A certificate a {@link CertificateAuthority} issued, with its private key and the CA that signed it. */
public final class IssuedCertificate {

    /** The key entry's alias in the PKCS12 files written here. */
    static final String ALIAS = "ca";
    private static final String KEY_ALIAS = "key";

    private final PrivateKey privateKey;
    private final X509Certificate certificate;
    private final X509Certificate issuer;

    IssuedCertificate(PrivateKey privateKey, X509Certificate certificate, X509Certificate issuer) {
        this.privateKey = privateKey;
        this.certificate = certificate;
        this.issuer = issuer;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /**
     * A PKCS12 key store with the key and its chain (leaf, then CA) under one entry: what Kafka's
     * {@code ssl.keystore.location} and Quarkus's key store take.
     */
    public KeyStore toKeyStore(char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            Certificate[] chain = certificate.equals(issuer)
                    ? new Certificate[] {certificate}
                    : new Certificate[] {certificate, issuer};
            store.setKeyEntry(certificate.equals(issuer) ? ALIAS : KEY_ALIAS, privateKey, password, chain);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot put " + certificate.getSubjectX500Principal() + " in a key store", e);
        }
    }

    /** The leaf certificate in PEM. */
    public String certificatePem() {
        return CertificateAuthority.pem(certificate);
    }
}
