package nemo.mqtt.monitor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import nemo.mqtt.monitor.feed.LiveFeed;
import nemo.mqtt.monitor.feed.ReadMessage;
import nemo.mqtt.testing.SseClient;

/**
 * A security tester reset 100 viewer {@code /feed} streams opened with {@code Last-Event-ID: 0}: each
 * wrote an ERROR with a stack trace ("Connection reset by peer", about 8 lines). A client going away
 * is normal: no stack trace, at most a line per request, and the feed goes on serving.
 */
@QuarkusTest
@QuarkusTestResource(BrokerTestResource.class)
class FeedResetTest {

    private static final int RESETS = 10;

    @Inject
    LiveFeed feed;

    @TestHTTPResource("/feed")
    URI feedUri;

    @Test
    void resettingAReplayingStreamLogsNoStackTrace() throws Exception {
        // enough buffered that the replay is still being written when the client resets
        String payload = "{\"pad\":\"" + "x".repeat(4000) + "\"}";
        for (int i = 0; i < 1000; i++) {
            feed.append("nemo/tools/77/enabled", new ReadMessage(payload, null, false), 1, false, Instant.now());
        }
        String session = Login.session(Login.VIEWER);
        int followersBefore = feed.followers();
        try (LogCapture log = LogCapture.start()) {
            for (int i = 0; i < RESETS; i++) {
                openAndReset(session);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> feed.followers() == followersBefore);
            // whatever the resets cause is logged right after the stream ends; it must stay clean a while
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                for (var record : log.records()) {
                    assertEquals(null, record.getThrown(), "a reset logged a stack trace: " + log.lines());
                    assertTrue(String.valueOf(record.getMessage()).lines().count() <= 1, "one line: " + log.lines());
                }
                assertTrue(log.records().size() <= RESETS, "at most a line per reset: " + log.lines());
            });
        }
        try (SseClient browser = SseClient.resume(feedUri, "0", Login.COOKIE + "=" + session)) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() ->
                            browser.events().stream().anyMatch(e -> e.data().contains("nemo/tools/77/enabled")));
            assertEquals(200, browser.status(), "the feed still serves");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.followers() == followersBefore);
    }

    /** A quiet stream (nothing being written) also lets go of its follower when the client leaves. */
    @Test
    void closingAQuietStreamEndsItsFollower() {
        String session = Login.COOKIE + "=" + Login.session(Login.VIEWER);
        int followersBefore = feed.followers();
        try (SseClient browser = SseClient.open(feedUri, session)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> feed.followers() == followersBefore + 1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.followers() == followersBefore);
    }

    /** Opens the feed from the start of the buffer, reads the first bytes of the stream, then resets the connection. */
    private static void openAndReset(String session) throws Exception {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096); // the replay backs up on the server instead of landing here
        socket.connect(new InetSocketAddress("localhost", RestAssured.port), 5000);
        socket.setSoTimeout(5000);
        socket.getOutputStream()
                .write(("GET /feed HTTP/1.1\r\nHost: localhost:" + RestAssured.port
                                + "\r\nAccept: text/event-stream\r\nCookie: " + Login.COOKIE + "=" + session
                                + "\r\nLast-Event-ID: 0\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!received.toString(StandardCharsets.ISO_8859_1).contains("data:")) {
            int n = in.read(buffer);
            assertTrue(n > 0, "the stream ended before its first event: " + received);
            received.write(buffer, 0, n);
        }
        assertTrue(received.toString(StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 200"), received.toString());
        socket.setSoLinger(true, 0); // close sends RST: "Connection reset by peer" on the server
        socket.close();
    }
}
