package nemo.mqtt.e2e.chaos;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;

import nemo.mqtt.testing.DeliveryAssertions.Delivery;
import nemo.mqtt.testing.DevCerts;
import nemo.mqtt.testing.TestMqttClient;

/**
 * A tool display that must not miss anything: TLS with its client certificate, QoS 1, a persistent
 * session (fixed client id, clean session off), and it reconnects and subscribes again whenever the
 * connection drops, as a real display's MQTT library does. Records each tool event's first arrival
 * and every arrival in order.
 */
final class DurableSubscriber implements AutoCloseable {

    private static final Pattern EVENT_TOPIC = Pattern.compile("nemo/tools/(\\d+)/(enabled|disabled)");
    private static final long RECONNECT_PAUSE_MS = 200;

    private final Vertx vertx = Vertx.vertx();
    private final MqttClientOptions options;
    private final int port;
    private volatile MqttClient client;
    private volatile boolean closed;

    /** event_id to System.nanoTime() of its first arrival. */
    final Map<String, Long> firstArrival = new ConcurrentHashMap<>();
    /** Every arrival of a tool event (enabled/disabled topics; status is checked from the retained copy), in order. */
    private final List<Delivery> arrivals = new ArrayList<>();

    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong connects = new AtomicLong();

    DurableSubscriber(DevCerts certs, int port) {
        this.options = TestMqttClient.tlsOptions(certs.ca(), certs, "display")
                .setClientId("chaos-display")
                .setCleanSession(false)
                .setMaxInflightQueue(65_535);
        this.port = port;
    }

    /** Connects (retrying while the broker is away) and subscribes; returns once subscribed the first time. */
    DurableSubscriber connect() {
        vertx.runOnContext(v -> connectLoop());
        await("the display subscribed").atMost(Duration.ofSeconds(60)).until(() -> connects.get() > 0);
        return this;
    }

    private void connectLoop() {
        if (closed) {
            return;
        }
        MqttClient next = MqttClient.create(vertx, options);
        next.publishHandler(
                message -> record(message.topicName(), message.payload().toString(StandardCharsets.UTF_8)));
        next.closeHandler(v -> {
            if (!closed) {
                vertx.setTimer(RECONNECT_PAUSE_MS, t -> connectLoop());
            }
        });
        next.connect(port, "localhost")
                // subscribe every time: the broker may have lost the session if it died before saving it
                .compose(ack -> next.subscribe("nemo/tools/+/+", MqttQoS.AT_LEAST_ONCE.value()))
                .onSuccess(ack -> {
                    client = next;
                    connects.incrementAndGet();
                })
                .onFailure(e -> {
                    if (next.isConnected()) {
                        next.disconnect(); // its close handler tries again
                    } else {
                        vertx.setTimer(RECONNECT_PAUSE_MS, t -> connectLoop());
                    }
                });
    }

    private void record(String topic, String payload) {
        long now = System.nanoTime();
        Matcher m = EVENT_TOPIC.matcher(topic);
        if (!m.matches()) {
            return;
        }
        JsonObject json = new JsonObject(payload);
        String eventId = json.getString("event_id");
        synchronized (arrivals) {
            arrivals.add(new Delivery(Long.parseLong(m.group(1)), json.getLong("seq"), eventId, now));
        }
        if (firstArrival.putIfAbsent(eventId, now) != null) {
            duplicates.incrementAndGet();
        }
    }

    /** Arrivals so far, in arrival order. */
    List<Delivery> arrivals() {
        synchronized (arrivals) {
            return List.copyOf(arrivals);
        }
    }

    @Override
    public void close() {
        closed = true;
        MqttClient c = client;
        if (c != null && c.isConnected()) {
            c.disconnect();
        }
        vertx.close();
    }
}
