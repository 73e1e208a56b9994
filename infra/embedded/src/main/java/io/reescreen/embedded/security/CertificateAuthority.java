package io.reescreen.embedded.security;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority for one machine's secured stack: it signs certificates for the broker, the registry and
 * the clients, all naming {@code 127.0.0.1} and {@code localhost} (clients check the host name by default, and the
 * stack listens on loopback only). Keys are EC P-256: generated in milliseconds, where RSA 2048 takes up to a second
 * on a loaded machine. Certificates carry no extended key usage, so one serves as TLS server and client alike
 * (the broker talks to itself over the mutual-TLS listener).
 */
public final class CertificateAuthority {

    /** What a leaf certificate is valid for: this machine's loopback address by number and by name. */
    public static final String LOOPBACK_IP = "127.0.0.1";
    public static final String LOOPBACK_NAME = "localhost";

    private static final String SIGNATURE = "SHA256withECDSA";
    /** Backdated, so a clock a little behind on the reading side still accepts a certificate made just now. */
    private static final Duration CLOCK_SKEW = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair keys;
    private final X509Certificate certificate;
    private final Duration leafValidity;

    private CertificateAuthority(KeyPair keys, X509Certificate certificate, Duration leafValidity) {
        this.keys = keys;
        this.certificate = certificate;
        this.leafValidity = leafValidity;
    }

    /**
     * A new self-signed CA named {@code CN=commonName}, valid for {@code validity}; the certificates it issues are
     * valid for as long, never past the CA's own end.
     */
    public static CertificateAuthority create(String commonName, Duration validity) {
        KeyPair keys = newKeyPair();
        X500Name name = new X500Name("CN=" + commonName);
        Instant from = Instant.now().minus(CLOCK_SKEW);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(from),
                    Date.from(from.plus(validity)), name, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
            return new CertificateAuthority(keys, sign(builder, keys.getPrivate()), validity);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make the CA certificate for CN=" + commonName, e);
        }
    }

    /** A CA read back from {@link IssuedCertificate#toKeyStore} (alias {@code ca}); issues leaves valid as long as it is. */
    public static CertificateAuthority load(KeyStore keyStore, char[] password) {
        try {
            X509Certificate certificate = (X509Certificate) keyStore.getCertificate(IssuedCertificate.ALIAS);
            PrivateKey key = (PrivateKey) keyStore.getKey(IssuedCertificate.ALIAS, password);
            if (certificate == null || key == null) {
                throw new IllegalArgumentException("the key store holds no CA entry '" + IssuedCertificate.ALIAS + "'");
            }
            Duration validity = Duration.between(certificate.getNotBefore().toInstant(),
                    certificate.getNotAfter().toInstant());
            return new CertificateAuthority(new KeyPair(certificate.getPublicKey(), key), certificate, validity);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the CA from its key store", e);
        }
    }

    /** A certificate for {@code CN=commonName} on this machine's loopback, valid from now. */
    public IssuedCertificate issue(String commonName) {
        Instant from = Instant.now().minus(CLOCK_SKEW);
        Instant until = min(from.plus(leafValidity), certificate.getNotAfter().toInstant());
        return issue(commonName, from, until);
    }

    /** A certificate whose validity ended a day ago: what a client with a lapsed certificate presents (tests). */
    public IssuedCertificate issueExpired(String commonName) {
        Instant now = Instant.now();
        return issue(commonName, now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)));
    }

    private IssuedCertificate issue(String commonName, Instant from, Instant until) {
        KeyPair leafKeys = newKeyPair();
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            GeneralNames loopback = new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, LOOPBACK_IP),
                    new GeneralName(GeneralName.dNSName, LOOPBACK_NAME)});
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(), Date.from(from),
                    Date.from(until), new X500Name("CN=" + commonName), leafKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
                    .addExtension(Extension.subjectAlternativeName, false, loopback)
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(certificate))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(leafKeys.getPublic()));
            return new IssuedCertificate(leafKeys.getPrivate(), sign(builder, keys.getPrivate()), certificate);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot issue a certificate for CN=" + commonName, e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The CA certificate in PEM: what a client's truststore (Kafka {@code ssl.truststore.type=PEM}) holds. */
    public String certificatePem() {
        return pem(certificate);
    }

    /** A truststore holding only this CA's certificate. */
    public KeyStore trustStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry(IssuedCertificate.ALIAS, certificate);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make a truststore", e);
        }
    }

    /** The CA's own key and certificate, to keep it for the next start (alias {@code ca}; read by {@link #load}). */
    public KeyStore toKeyStore(char[] password) {
        return new IssuedCertificate(keys.getPrivate(), certificate, certificate).toKeyStore(password);
    }

    static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
            throws GeneralSecurityException {
        try {
            ContentSigner contentSigner = new JcaContentSignerBuilder(SIGNATURE).build(signer);
            return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("no " + SIGNATURE + " signer", e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make EC P-256 keys", e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).add(BigInteger.ONE);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
