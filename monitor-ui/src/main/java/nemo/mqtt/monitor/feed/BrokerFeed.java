package nemo.mqtt.monitor.feed;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Flow;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import io.smallrye.reactive.messaging.mqtt.ReceivingMqttMessageMetadata;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import nemo.mqtt.monitor.board.ToolBoard;

/**
 * Everything under the topic prefix, as the broker delivers it: into the live log and onto the tool
 * board. Handling a message takes microseconds and never waits, so it asks for every message at
 * once rather than one at a time: a burst (every retained status at connect, a backlog replayed by
 * a bridge) must not back up into the connector's buffer, whose overflow ends the subscription
 * (see buffer-size in application.properties). With signing on, a message that is unsigned or
 * wrongly signed goes nowhere but the rejection count ({@link SignatureCheck}).
 */
@ApplicationScoped
public class BrokerFeed {

    private static final Logger LOG = Logger.getLogger(BrokerFeed.class);

    @Inject
    LiveFeed feed;

    @Inject
    ToolBoard board;

    @Inject
    Payloads payloads;

    @Inject
    SignatureCheck signatures;

    @Inject
    RejectedMessages rejected;

    private volatile String ended;

    @Incoming("nemo")
    public Flow.Subscriber<Message<byte[]>> receiver() {
        return new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Message<byte[]> message) {
                try {
                    receive(message);
                } catch (RuntimeException e) {
                    LOG.warnf("Message not shown: %s", e.getMessage());
                }
                message.ack();
            }

            @Override
            public void onError(Throwable failure) {
                ended = "the broker subscription failed: " + failure.getMessage();
                LOG.error(ended);
            }

            @Override
            public void onComplete() {
                ended = "the broker subscription completed";
                LOG.error(ended);
            }
        };
    }

    /**
     * The subscription does not come back once ended: liveness goes DOWN so the pod is restarted
     * rather than showing a frozen board.
     */
    @Produces
    @Liveness
    HealthCheck subscriptionAlive() {
        return () -> ended == null
                ? HealthCheckResponse.up("broker subscription")
                : HealthCheckResponse.named("broker subscription")
                        .down()
                        .withData("reason", ended)
                        .build();
    }

    void receive(Message<byte[]> message) {
        ReceivingMqttMessageMetadata mqtt =
                message.getMetadata(ReceivingMqttMessageMetadata.class).orElseThrow();
        String raw = new String(message.getPayload(), StandardCharsets.UTF_8);
        SignatureCheck.Outcome outcome = signatures.check(raw);
        if (outcome != SignatureCheck.Outcome.ACCEPTED) {
            rejected.record(mqtt.getTopic(), outcome);
            return;
        }
        ReadMessage read = payloads.read(raw);
        feed.append(mqtt.getTopic(), read, mqtt.getQosLevel().value(), mqtt.isRetain(), Instant.now());
        board.update(mqtt.getTopic(), read);
    }
}
