package nemo.mqtt.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import nemo.mqtt.testing.TestMqttClient;

/**
 * Everything the local stack published during the run, and every entry of its streams, follows the
 * documented contract (docs/asyncapi.yaml); the messages are written to target/captured-messages.json.
 */
@Order(4)
@OnSharedStack
class StackContractTest {

    @Test
    void everyMessageAndStreamEntryFollowsTheDocumentedContract(SharedStack shared) throws Exception {
        Contract contract = new Contract();
        TestMqttClient recorder = shared.recorder;
        // one of every kind of message, so each channel of the contract meets a real one
        int before = recorder.received().size();
        shared.post("""
                [{"event": "task_created", "tool_id": 41, "tool_name": "Raith", "note": "Stage drifts"},
                 {"event": "tool_non_operational", "tool_id": 41, "note": "Vacuum leak"},
                 {"event": "tool_operational", "tool_id": 41},
                 {"event": "task_resolved", "tool_id": 41},
                 {"event": "outage_started", "tool_id": 41, "note": "Building power"},
                 {"event": "reservation_created", "tool_id": 41, "reservation_id": 9001, "user_name": "Bob Jones",
                  "start_time": "2999-11-26T09:00:00-05:00", "end_time": "2999-11-26T10:00:00-05:00"},
                 {"event": "tool_enabled", "tool_id": 41, "user_name": "Ana Lee", "operator_name": "Ana Lee", "usage_id": 7},
                 {"event": "tool_disabled", "tool_id": 41, "usage_id": 7, "delayed_logoff_until": "2999-01-01T00:00:00Z"}]""");
        await().atMost(Duration.ofSeconds(15)).until(() -> recorder.received().size() >= before + 14);
        await().atMost(Duration.ofSeconds(10)).until(() -> shared.pending() == 0);
        List<TestMqttClient.Received> captured = recorder.received();
        assertTrue(captured.size() >= 6, "the tests above published events and statuses: " + captured.size());
        JsonArray record = new JsonArray();
        for (TestMqttClient.Received message : captured) {
            assertEquals(Set.of(), contract.checkMessage(message.topic(), message.payload()), message.topic());
            record.add(new JsonObject()
                    .put("topic", message.topic())
                    .put("qos", message.qos())
                    .put("retained", message.retained())
                    .put("payload", new JsonObject(message.payload())));
        }
        int entries = 0;
        for (ShardStreams.Entry entry : shared.streams.entries()) {
            assertEquals(Set.of(), contract.checkStreamEntry(entry.fields()), "stream entry " + entry.id());
            entries++;
        }
        assertTrue(entries >= captured.size() / 2, "stream entries checked: " + entries);
        Path out = Path.of("target", "captured-messages.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, record.encodePrettily());
    }
}
