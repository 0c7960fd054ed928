package nemo.mqtt.service.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import org.junit.jupiter.api.Test;

/**
 * The MQTT decoder the services' clients run (Netty's, inside Vert.x MQTT) takes a packet however the
 * network cuts it: TCP and TLS hand it over in pieces. Netty 4.1.133 refused a PUBLISH whose variable
 * header came in two reads ("message length exceeds 1048576: 170") and the client closed its connection
 * (netty/netty#16916); the root pom pins a netty-codec-mqtt with the fix.
 */
class MqttDecoderFragmentsTest {

    private static final int MAX_MESSAGE_BYTES = 1024 * 1024;

    @Test
    void aPublishCutAtAnyByteIsDecodedOnceWhole() {
        ByteBuf packet = publish("nemo/tools/17/status", "{\"tool_id\":17,\"in_use\":true}");
        for (int cut = 1; cut < packet.readableBytes(); cut++) {
            EmbeddedChannel client = new EmbeddedChannel(new MqttDecoder(MAX_MESSAGE_BYTES));
            client.writeInbound(packet.retainedSlice(0, cut));
            assertNull(client.readInbound(), "nothing before the rest arrived, cut at byte " + cut);
            client.writeInbound(packet.retainedSlice(cut, packet.readableBytes() - cut));

            MqttPublishMessage message = client.readInbound();
            assertTrue(message.decoderResult().isSuccess(), "cut at byte " + cut + ": " + message.decoderResult());
            assertEquals("nemo/tools/17/status", message.variableHeader().topicName());
            assertEquals(42, message.variableHeader().packetId());
            assertEquals("{\"tool_id\":17,\"in_use\":true}", message.payload().toString(StandardCharsets.UTF_8));
            message.release();
            client.finishAndReleaseAll();
        }
        packet.release();
    }

    /** The bytes of a QoS 1 PUBLISH as a broker sends them. */
    private static ByteBuf publish(String topic, String payload) {
        EmbeddedChannel broker = new EmbeddedChannel(MqttEncoder.INSTANCE);
        broker.writeOutbound(new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.AT_LEAST_ONCE, false, 0),
                new MqttPublishVariableHeader(topic, 42),
                Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8)));
        ByteBuf bytes = Unpooled.buffer();
        for (ByteBuf part; (part = broker.readOutbound()) != null; ) {
            bytes.writeBytes(part);
            part.release();
        }
        return bytes;
    }
}
