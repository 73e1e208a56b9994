package io.reescreen.screener.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the instance that holds a lot for it ({@code GET /lots/{id}} at that instance's {@code application.server}),
 * over the scheme this instance serves: the instances of one screener serve alike, so with TLS on the lookup goes
 * over https, trusting the certificates of {@value LotLookup#FORWARD_TRUSTSTORE} (the JVM's own trust without it).
 * The other instance's certificate must name the host it advertises ({@code reescreen.screener.advertised-host}).
 */
final class LotForwarder {

    private static final Logger LOG = LoggerFactory.getLogger(LotForwarder.class);

    private final String scheme;
    private final Duration timeout;
    private final HttpClient http;

    LotForwarder(String scheme, Duration timeout, Optional<SSLContext> trust) {
        this.scheme = scheme;
        this.timeout = timeout;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
        trust.ifPresent(builder::sslContext);
        this.http = builder.build();
    }

    /** The other instance's answer as it came (status, JSON body, Retry-After); 502 when it did not answer. */
    HttpResponse<?> forward(HostInfo owner, String lotId, HostInfo self) {
        URI uri = URI.create(scheme + "://" + owner.host() + ":" + owner.port() + "/lots/"
                + URLEncoder.encode(lotId, StandardCharsets.UTF_8).replace("+", "%20"));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header(LotLookup.FORWARDED_HEADER, LotLookup.endpoint(self))
                .header("Accept", MediaType.APPLICATION_JSON).GET().build();
        try {
            java.net.http.HttpResponse<byte[]> answer = http.send(request,
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            MutableHttpResponse<byte[]> response = HttpResponse.<byte[]>status(HttpStatus.valueOf(answer.statusCode()))
                    .body(answer.body()).contentType(MediaType.APPLICATION_JSON_TYPE);
            answer.headers().firstValue("Retry-After").ifPresent(v -> response.header("Retry-After", v));
            return response;
        } catch (HttpTimeoutException e) {
            return badGateway(owner, "timed out after " + timeout);
        } catch (IOException e) {
            return badGateway(owner, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return badGateway(owner, "interrupted");
        }
    }

    private static HttpResponse<?> badGateway(HostInfo owner, String why) {
        LOG.warn("lot lookup forwarded to {} failed: {}", LotLookup.endpoint(owner), why);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "the instance that holds the lot (" + LotLookup.endpoint(owner) + ") did not answer: " + why);
        return HttpResponse.status(HttpStatus.BAD_GATEWAY).body(body);
    }

    /**
     * A TLS context trusting the certificates of {@code file}: PEM (one or more {@code BEGIN CERTIFICATE} blocks, e.g.
     * a CA's {@code ca.crt}) or a PKCS12/JKS key store opened with {@code password} (may be empty).
     *
     * @throws IllegalArgumentException naming {@value LotLookup#FORWARD_TRUSTSTORE} and the file, never the password
     */
    static SSLContext trusting(Path file, char[] password) {
        try {
            KeyStore trusted;
            if (Files.readString(file, StandardCharsets.ISO_8859_1).contains("-----BEGIN CERTIFICATE-----")) {
                trusted = KeyStore.getInstance(KeyStore.getDefaultType());
                trusted.load(null, null);
                int n = 0;
                try (InputStream in = Files.newInputStream(file)) {
                    for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        trusted.setCertificateEntry("trusted-" + n++, certificate);
                    }
                }
            } else {
                trusted = KeyStore.getInstance(file.toFile(), password);
            }
            if (trusted.size() == 0) {
                throw new IllegalArgumentException(LotLookup.FORWARD_TRUSTSTORE + ": " + file + " holds no certificate");
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(LotLookup.FORWARD_TRUSTSTORE + ": cannot read " + file
                    + " as PEM certificates or a PKCS12/JKS key store (" + e.getClass().getSimpleName() + ")", e);
        }
    }
}
