package nemo.mqtt.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real server-sent-events client: one HTTP stream, events parsed as a browser's EventSource would. */
public final class SseClient implements AutoCloseable {

    public record Event(String id, String name, String data) {}

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile int status;
    private volatile String contentType;
    private volatile java.io.InputStream stream;

    private SseClient(URI uri, String lastEventId, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofMinutes(10));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.reader = new Thread(() -> read(http, request.build()), "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    public static SseClient open(URI uri) {
        return new SseClient(uri, null, null);
    }

    public static SseClient resume(URI uri, String lastEventId) {
        return new SseClient(uri, lastEventId, null);
    }

    /** A client of a page that needs a session: {@code cookie} is sent as the Cookie header ("name=value"). */
    public static SseClient open(URI uri, String cookie) {
        return new SseClient(uri, null, cookie);
    }

    public static SseClient resume(URI uri, String lastEventId, String cookie) {
        return new SseClient(uri, lastEventId, cookie);
    }

    private void read(HttpClient http, HttpRequest request) {
        try {
            HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            contentType = response.headers().firstValue("Content-Type").orElse("");
            stream = response.body();
            BufferedReader body = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
            String id = null;
            String name = "message";
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = body.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(id, name, data.toString()));
                    }
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    if (!data.isEmpty()) {
                        data.append('\n');
                    }
                    data.append(line.substring(5).stripLeading());
                }
            }
        } catch (Exception closed) {
            // the stream ends when the test closes it or the server goes away
        }
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    /** HTTP status once the response headers arrived, else 0. */
    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    @Override
    public void close() {
        try {
            // the raw stream, not the reader: the reader's lock is held by the blocked readLine
            if (stream != null) {
                stream.close();
            }
        } catch (Exception ignored) {
            // closing anyway
        }
        reader.interrupt();
    }
}
