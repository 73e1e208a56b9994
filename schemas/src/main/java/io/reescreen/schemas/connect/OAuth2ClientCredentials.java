package io.reescreen.schemas.connect;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OAuth2's client-credentials grant (RFC 6749 §4.4), for reescreen's own registry calls: the serde gets its tokens
 * from Apicurio's client; this asks the same token endpoint with the same client id and secret.
 */
final class OAuth2ClientCredentials {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private OAuth2ClientCredentials() {
    }

    /**
     * @return the access token
     * @throws ConnectionProblem when the endpoint refuses the client or answers without a token
     */
    static String token(HttpClient client, String endpoint, String clientId, String secret, String scope,
                        Duration timeout) throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id=" + encode(clientId) + "&client_secret=" + encode(secret)
                + (scope == null || scope.isBlank() ? "" : "&scope=" + encode(scope));
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(endpoint)).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !token.find()) {
            throw new ConnectionProblem("the OAuth2 token endpoint " + endpoint + " refused the client credentials, HTTP "
                    + response.statusCode() + " (apicurio.registry.auth.client.id, apicurio.registry.auth.client.secret)",
                    "apicurio.registry.auth.client.secret");
        }
        return token.group(1);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
