package nemo.mqtt.monitor.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The log's sentence for each event type, without a broker: a payload in, the line a lab manager reads out. */
class SentencesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "nemo/tools/7/events";
    private static final String TOOL = "\"tool_id\":7,\"tool_name\":\"Woollam\"";

    private static String say(String json) {
        try {
            return Sentences.describe(TOPIC, new ReadMessage(json, JSON.readTree(json), false));
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static String event(String event, String fields) {
        return say("{\"event\":\"" + event + "\"," + TOOL + (fields.isEmpty() ? "" : "," + fields) + "}");
    }

    @Test
    void toolEnabled() {
        assertEquals("Alice Smith started using Woollam", event("tool_enabled", "\"user_name\":\"Alice Smith\""));
        assertEquals(
                "Alice Smith started using Woollam (operated by Bob Jones)",
                event("tool_enabled", "\"user_name\":\"Alice Smith\",\"operator_name\":\"Bob Jones\""));
        assertEquals(
                "Alice Smith started using Woollam",
                event("tool_enabled", "\"user_name\":\"Alice Smith\",\"operator_name\":\"Alice Smith\""),
                "operator is the user");
    }

    @Test
    void toolDisabled() {
        assertEquals("Alice Smith stopped using Woollam", event("tool_disabled", "\"user_name\":\"Alice Smith\""));
        assertEquals(
                "Alice Smith stopped using Woollam (delayed logoff)",
                event(
                        "tool_disabled",
                        "\"user_name\":\"Alice Smith\",\"delayed_logoff_until\":\"2026-11-30T12:00:00Z\""));
    }

    @Test
    void toolNonOperational() {
        assertEquals(
                "Woollam was shut down: lamp replaced", event("tool_non_operational", "\"note\":\" lamp replaced \""));
        assertEquals("Woollam was shut down", event("tool_non_operational", "\"note\":\"  \""));
    }

    @Test
    void toolOperational() {
        assertEquals("Woollam is back in service: fixed", event("tool_operational", "\"note\":\"fixed\""));
        assertEquals("Woollam is back in service", event("tool_operational", ""));
    }

    @Test
    void taskCreated() {
        assertEquals("Problem reported on Woollam: vacuum leak", event("task_created", "\"note\":\"vacuum leak\""));
    }

    @Test
    void taskUpdated() {
        assertEquals("Problem on Woollam updated: part ordered", event("task_updated", "\"note\":\"part ordered\""));
    }

    @Test
    void taskResolved() {
        assertEquals("Problem on Woollam resolved", event("task_resolved", "\"note\":null"));
    }

    @Test
    void outageStarted() {
        assertEquals("Outage started on Woollam: power cut", event("outage_started", "\"note\":\"power cut\""));
    }

    @Test
    void outageEnded() {
        assertEquals("Outage ended on Woollam", event("outage_ended", "\"note\":\"ignored\""));
    }

    @Test
    void reservationCreated() {
        assertEquals("Alice Smith reserved Woollam", event("reservation_created", "\"user_name\":\"Alice Smith\""));
    }

    @Test
    void reservationUpdated() {
        assertEquals(
                "Alice Smith changed a reservation of Woollam",
                event("reservation_updated", "\"user_name\":\"Alice Smith\""));
    }

    @Test
    void reservationCancelled() {
        assertEquals("Someone cancelled a reservation of Woollam", event("reservation_cancelled", ""), "no user name");
    }

    @Test
    void toolUpdated() {
        assertEquals("Woollam details updated", event("tool_updated", ""));
    }

    @Test
    void toolNextReservation() {
        assertEquals(
                "Next on Woollam: Alice Smith",
                event("tool_next_reservation", "\"reservation_id\":12,\"user_name\":\"Alice Smith\""));
        assertEquals("No upcoming reservation on Woollam", event("tool_next_reservation", "\"reservation_id\":null"));
    }

    @Test
    void toolStatusInEachState() {
        assertEquals(
                "Woollam is in use by Alice Smith",
                event("tool_status", "\"state\":\"in_use\",\"user_name\":\"Alice Smith\""));
        assertEquals("Woollam is in use", event("tool_status", "\"state\":\"in_use\""));
        assertEquals(
                "Woollam is blocked after Alice Smith (delayed logoff)",
                event("tool_status", "\"state\":\"delayed_logoff\",\"user_name\":\"Alice Smith\""));
        assertEquals(
                "Woollam is blocked after a run (delayed logoff)",
                event("tool_status", "\"state\":\"delayed_logoff\""));
        assertEquals(
                "Woollam has a problem: vacuum leak",
                event("tool_status", "\"state\":\"problem\",\"problem\":\"vacuum leak\""));
        assertEquals(
                "Woollam is shut down: lamp",
                event("tool_status", "\"state\":\"shutdown\",\"shutdown_note\":\"lamp\""));
        assertEquals(
                "Woollam has an outage: power", event("tool_status", "\"state\":\"outage\",\"outage_note\":\"power\""));
        assertEquals("Woollam is idle", event("tool_status", "\"state\":\"idle\""));
        assertEquals(
                "Woollam is idle", event("tool_status", "\"state\":\"on_fire\""), "an unknown state reads as idle");
    }

    @Test
    void anUnknownEventIsReadOutOfItsName() {
        assertEquals("calibration done on Woollam", event("calibration_done", ""));
    }

    @Test
    void theToolIsNamedByNameElseIdElseGenerically() {
        assertEquals("tool 7 details updated", say("{\"event\":\"tool_updated\",\"tool_id\":7}"));
        assertEquals("a tool details updated", say("{\"event\":\"tool_updated\"}"));
    }

    @Test
    void aMessageWithoutAnEventNamesItsTopic() {
        assertEquals("Message on " + TOPIC, say("{\"tool_id\":7}"));
        assertEquals("Message on " + TOPIC, Sentences.describe(TOPIC, new ReadMessage("not json", null, false)));
    }
}
