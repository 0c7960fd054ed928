package nemo.mqtt.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: {@code GET /;x=1} without a session never got an answer, and logged a 25 KB stack trace
 * ("Cookie value contains an invalid char"): the sign-in redirect kept the path in a cookie as it was.
 * Any request line now gets a prompt answer and logs no stack trace.
 */
@QuarkusTest
@QuarkusTestResource(BrokerTestResource.class)
class AnyPathTest {

    private static final int TIMEOUT_MILLIS = 5000;

    /** Request targets sent as they are, bytes and all (no client library tidies them first). */
    private static final String[] NASTY = {
        "/;x=1",
        "/settings;x=1",
        "/?q=a,b",
        "/log?x=%22a;b%22",
        "/a\"b",
        "/a\\b",
        "/%3B%2C",
        "/?q=\"quoted\"",
        "/;",
        "/,",
        "/x y",
        "/caf\u00e9",
        "/?q=a%0D%0ASet-Cookie:x=y",
        "//evil.example/",
        "/\\evil.example",
        "/" + "a".repeat(3000) + ";b",
        "/?{}|^`",
        "/settings?x=1;y=2,z"
    };

    @Test
    void everyPathGetsAPromptAnswerAndNoStackTrace() throws Exception {
        List<String> answers = new ArrayList<>();
        try (LogCapture log = LogCapture.start()) {
            for (String target : NASTY) {
                String status = statusLine(target, true);
                answers.add(target + " -> " + status);
                assertTrue(status.matches("HTTP/1\\.[01] (302|400|404|414|431) .*"), target + " answered " + status);
            }
            for (var record : log.records()) {
                assertEquals(null, record.getThrown(), "a request logged a stack trace: " + log.lines());
                assertTrue(
                        String.valueOf(record.getMessage()).lines().count() <= 1,
                        "one line per record: " + log.lines());
            }
            assertTrue(log.records().size() <= NASTY.length, "at most a line per request: " + log.lines());
        }
    }

    @Test
    void signingInFromANastyPathLandsBackOnAPageOfThisSite() throws Exception {
        // the stranger's page is remembered; after sign-in the redirect goes back to it, never elsewhere
        for (String target : new String[] {"/settings;x=1", "/?q=a,b", "//evil.example/x"}) {
            String response = request(target, true);
            String cookie = response.lines()
                    .filter(l -> l.toLowerCase().startsWith("set-cookie: quarkus-redirect-location="))
                    .map(l -> l.substring("set-cookie: ".length(), l.indexOf(';')))
                    .findFirst()
                    .orElse(null);
            var signIn = Login.signIn(Login.VIEWER, "viewer-test-password");
            if (cookie != null) {
                signIn.cookie(cookie.substring(0, cookie.indexOf('=')), cookie.substring(cookie.indexOf('=') + 1));
            }
            String location = signIn.post("/j_security_check")
                    .then()
                    .statusCode(302)
                    .extract()
                    .header("Location");
            assertTrue(location.startsWith("/") && !location.startsWith("//"), target + " led to " + location);
            if (!target.startsWith("//")) {
                assertEquals(target, location, "back to the page asked for");
            }
        }
    }

    /** A forged or stale return cookie never breaks the sign-in or leads off the site. */
    @Test
    void aForgedReturnCookieIsIgnored() {
        for (String forged : new String[] {"http://evil.example/", "Ly9ldmlsLmV4YW1wbGUv", "%%%", "a"}) {
            String location = Login.signIn(Login.VIEWER, "viewer-test-password")
                    .cookie("quarkus-redirect-location", forged)
                    .post("/j_security_check")
                    .then()
                    .statusCode(302)
                    .extract()
                    .header("Location");
            assertEquals("/", location, forged);
        }
    }

    /** Cookies a browser would never send (or an old version of the monitor left behind) change nothing. */
    @Test
    void garbageCookiesGetAPromptAnswerAndNoStackTrace() throws Exception {
        String[] cookies = {
            "quarkus-credential=%%%",
            "quarkus-credential=" + "QUJD".repeat(100),
            "quarkus-redirect-location=\"a,b\"",
            "quarkus-redirect-location=http://evil.example/",
            "csrf-token=x; csrf-token=y",
            "quarkus-credential=; csrf-token=;;;"
        };
        try (LogCapture log = LogCapture.start()) {
            for (String cookie : cookies) {
                String status =
                        request("/settings", true, cookie).lines().findFirst().orElse("(nothing)");
                assertTrue(status.matches("HTTP/1\\.[01] (302|400) .*"), cookie + " answered " + status);
            }
            for (var record : log.records()) {
                assertEquals(null, record.getThrown(), "a request logged a stack trace: " + log.lines());
            }
        }
    }

    private static String statusLine(String target, boolean html) throws Exception {
        String response = request(target, html);
        return response.lines().findFirst().orElse("(nothing)");
    }

    /** The raw response head (and what body arrived) to {@code GET target}, or fails after the timeout. */
    private static String request(String target, boolean html) throws Exception {
        return request(target, html, null);
    }

    private static String request(String target, boolean html, String cookie) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", RestAssured.port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost:" + RestAssured.port + "\r\n"
                            + (html ? "Accept: text/html\r\n" : "")
                            + (cookie == null ? "" : "Cookie: " + cookie + "\r\n")
                            + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    head.write(buffer, 0, n);
                    if (head.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                        break;
                    }
                }
            } catch (SocketTimeoutException silent) {
                throw new AssertionError("no answer within " + TIMEOUT_MILLIS + " ms to GET " + target);
            }
            if (head.size() == 0) {
                throw new AssertionError("connection closed without an answer to GET " + target);
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
