package nemo.mqtt.monitor.feed;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.mqtt.ReceivingMqttMessageMetadata;

/** Everything under the topic prefix, as the broker delivers it to the monitor's subscription. */
@ApplicationScoped
public class BrokerFeed {

    private final LiveFeed feed;

    BrokerFeed(LiveFeed feed) {
        this.feed = feed;
    }

    @Incoming("nemo")
    public CompletionStage<Void> receive(Message<byte[]> message) {
        ReceivingMqttMessageMetadata mqtt = message.getMetadata(ReceivingMqttMessageMetadata.class).orElseThrow();
        feed.append(mqtt.getTopic(), new String(message.getPayload(), StandardCharsets.UTF_8),
                mqtt.getQosLevel().value(), mqtt.isRetain(), Instant.now());
        return message.ack();
    }
}
