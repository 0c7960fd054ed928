package nemo.mqtt.e2e;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person signed in to the monitor of a running stack, with the users run.sh generated: the
 * session cookie, and for forms the CSRF cookie and token, as a browser would carry them.
 */
final class MonitorSession {

    private static final Pattern TOKEN = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;
    private final String session;

    private MonitorSession(URI base, String session) {
        this.base = base;
        this.session = session;
    }

    static MonitorSession signIn(URI base, Path stateDir, String user) throws Exception {
        String password = Files.readAllLines(stateDir.resolve("monitor.properties")).stream()
                .filter(line -> line.startsWith("quarkus.security.users.embedded.users." + user + "="))
                .map(line -> line.substring(line.indexOf('=') + 1))
                .findFirst()
                .orElseThrow();
        // the sign-in form has its own CSRF token (with its nonce cookie) and must come from the monitor's origin
        HttpResponse<String> login = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(base.resolve("/login")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = TOKEN.matcher(login.body());
        if (!token.find()) {
            throw new AssertionError("no CSRF token on the sign-in page (" + login.statusCode() + ")");
        }
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(base.resolve("/j_security_check"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header("Origin", origin(base))
                                .header("Cookie", cookie(login, "csrf-token"))
                                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
                                        "j_username", user, "j_password", password, "csrf-token", token.group(1)))))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        return new MonitorSession(base, cookie(response, "quarkus-credential"));
    }

    /** "name=value" of the session cookie, for an SSE client. */
    String cookie() {
        return session;
    }

    HttpResponse<String> get(String path, String accept) throws Exception {
        return http.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .header("Cookie", session)
                        .header("Accept", accept)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a form the way the page does: the CSRF token from the form's page, its cookie alongside. */
    HttpResponse<String> postForm(String formPage, String path, Map<String, String> values) throws Exception {
        HttpResponse<String> page = get(formPage, "text/html");
        Matcher token = TOKEN.matcher(page.body());
        if (!token.find()) {
            throw new AssertionError("no CSRF token on " + formPage + " (" + page.statusCode() + ")");
        }
        Map<String, String> withToken = new java.util.LinkedHashMap<>(values);
        withToken.put("csrf-token", token.group(1));
        return http.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .header("Cookie", session + "; " + cookie(page, "csrf-token"))
                        .header("Origin", origin(base))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(withToken)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String origin(URI base) {
        return base.getScheme() + "://" + base.getAuthority();
    }

    private static String cookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie (" + response.statusCode() + ")"));
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
