package nemo.mqtt.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Event streams must pass a buffering reverse proxy (nginx) as they are written (issue 13). */
@QuarkusTest
@QuarkusTestResource(BrokerTestResource.class)
class EventStreamHeadersTest {

    @TestHTTPResource("/")
    URI root;

    @Test
    void everyEventStreamTellsProxiesNotToBufferOrCacheIt() throws Exception {
        String cookie = Login.COOKIE + "=" + Login.session(Login.VIEWER);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (String path : new String[] {"/feed", "/board/feed"}) {
            HttpRequest request = HttpRequest.newBuilder(root.resolve(path))
                    .header("Accept", "text/event-stream")
                    .header("Cookie", cookie)
                    .timeout(Duration.ofSeconds(10))
                    .build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                assertEquals(200, response.statusCode(), path);
                assertTrue(
                        response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"), path);
                assertEquals(
                        "no", response.headers().firstValue("X-Accel-Buffering").orElse(null), path);
                assertEquals(
                        "no-cache",
                        response.headers().firstValue("Cache-Control").orElse(null),
                        path);
            }
        }
    }

    @Test
    void pagesAreNotMarkedAsStreams() throws Exception {
        Login.page(Login.VIEWER, "/log").header("X-Accel-Buffering", org.hamcrest.Matchers.nullValue());
    }
}
