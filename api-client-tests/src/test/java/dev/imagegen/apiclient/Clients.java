package dev.imagegen.apiclient;

import dev.imagegen.client.ApiClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Generated-client configurations, as another team would write them: base URI and HTTP Basic sign-in. */
final class Clients {

    private Clients() {}

    /**
     * A client signed in as a demo account (password = name). HTTP Basic on every request needs no
     * session and so no CSRF token; a browser session would fetch one first.
     */
    static ApiClient signedIn(int port, String username) {
        String credentials =
                Base64.getEncoder().encodeToString((username + ":" + username).getBytes(StandardCharsets.UTF_8));
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        client.setRequestInterceptor(request -> request.header("Authorization", "Basic " + credentials));
        return client;
    }
}
