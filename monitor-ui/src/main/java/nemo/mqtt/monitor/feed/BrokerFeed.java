package nemo.mqtt.monitor.feed;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.mqtt.ReceivingMqttMessageMetadata;
import nemo.mqtt.monitor.board.ToolBoard;

/** Everything under the topic prefix, as the broker delivers it: into the live log and onto the tool board. */
@ApplicationScoped
public class BrokerFeed {

    private final LiveFeed feed;
    private final ToolBoard board;
    private final Payloads payloads;

    BrokerFeed(LiveFeed feed, ToolBoard board, Payloads payloads) {
        this.feed = feed;
        this.board = board;
        this.payloads = payloads;
    }

    @Incoming("nemo")
    public CompletionStage<Void> receive(Message<byte[]> message) {
        ReceivingMqttMessageMetadata mqtt = message.getMetadata(ReceivingMqttMessageMetadata.class).orElseThrow();
        ReadMessage read = payloads.read(new String(message.getPayload(), StandardCharsets.UTF_8));
        feed.append(mqtt.getTopic(), read, mqtt.getQosLevel().value(), mqtt.isRetain(), Instant.now());
        board.update(mqtt.getTopic(), read);
        return message.ack();
    }
}
