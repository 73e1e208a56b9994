package io.reescreen.embedded;

import io.reescreen.embedded.security.Credentials;
import io.reescreen.embedded.security.StackSecurity;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the embedded registry is reached: plain HTTP and open, or (secured) HTTPS only, with the stack's certificate,
 * and HTTP basic authentication of the stack's registry user (Quarkus's embedded users; role {@code sr-admin}).
 * The secured settings are written to the child's {@code config/application.properties} (owner-only), never on its
 * command line, where {@code ps} would show them.
 */
final class RegistrySecurity {

    private static final String HOST = "127.0.0.1";

    private final StackSecurity security;

    private RegistrySecurity(StackSecurity security) {
        this.security = security;
    }

    static RegistrySecurity open() {
        return new RegistrySecurity(null);
    }

    static RegistrySecurity secured(StackSecurity security) {
        return new RegistrySecurity(security);
    }

    boolean isSecured() {
        return security != null;
    }

    String baseUrl(int port) {
        return (isSecured() ? "https://" : "http://") + HOST + ":" + port;
    }

    /** Settings that may be on the command line: where it listens. */
    Map<String, String> publicProperties(int port) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("quarkus.http.host", HOST);
        if (isSecured()) {
            p.put("quarkus.http.ssl-port", String.valueOf(port));
            // No plain HTTP listener at all (its port, picked apart, stays closed).
            p.put("quarkus.http.insecure-requests", "disabled");
            p.put("quarkus.http.port", String.valueOf(FreePort.pick()));
        } else {
            p.put("quarkus.http.port", String.valueOf(port));
        }
        return p;
    }

    /** Settings with secrets, for the child's owner-only configuration file; empty when open. */
    Map<String, String> secretProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        if (!isSecured()) {
            return p;
        }
        p.put("quarkus.http.ssl.certificate.key-store-file", security.registryKeyStore().toAbsolutePath().toString());
        p.put("quarkus.http.ssl.certificate.key-store-file-type", "PKCS12");
        p.put("quarkus.http.ssl.certificate.key-store-password", security.storePassword());
        Credentials user = security.registryUser();
        p.put("quarkus.http.auth.basic", "true");
        p.put("quarkus.oidc.tenant-enabled", "false");
        p.put("quarkus.security.users.embedded.enabled", "true");
        p.put("quarkus.security.users.embedded.plain-text", "true");
        p.put("quarkus.security.users.embedded.users." + user.name(), user.password());
        p.put("quarkus.security.users.embedded.roles." + user.name(), "sr-admin");
        return p;
    }

    /** An HTTP client for the registry: trusting the stack's CA when secured. */
    HttpClient httpClient() {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
        if (isSecured()) {
            builder.sslContext(security.sslContextTrustingTheCa());
        }
        return builder.build();
    }

    /** Adds the registry user's basic credentials when secured. */
    HttpRequest.Builder authorize(HttpRequest.Builder request) {
        if (isSecured()) {
            Credentials user = security.registryUser();
            String token = Base64.getEncoder().encodeToString(
                    (user.name() + ":" + user.password()).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + token);
        }
        return request;
    }
}
