package nemo.mqtt.monitor.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    /** Each row: the event, its fields besides the tool's (JSON members), the sentence, and why where it is not plain. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            tool_enabled          | "user_name":"Alice Smith"                                               | Alice Smith started using Woollam                          | -
            tool_enabled          | "user_name":"Alice Smith","operator_name":"Bob Jones"                   | Alice Smith started using Woollam (operated by Bob Jones)  | -
            tool_enabled          | "user_name":"Alice Smith","operator_name":"Alice Smith"                 | Alice Smith started using Woollam                          | operator is the user
            tool_disabled         | "user_name":"Alice Smith"                                               | Alice Smith stopped using Woollam                          | -
            tool_disabled         | "user_name":"Alice Smith","delayed_logoff_until":"2026-11-30T12:00:00Z" | Alice Smith stopped using Woollam (delayed logoff)         | -
            tool_non_operational  | "note":" lamp replaced "                                                | Woollam was shut down: lamp replaced                       | -
            tool_non_operational  | "note":"  "                                                             | Woollam was shut down                                      | -
            tool_operational      | "note":"fixed"                                                          | Woollam is back in service: fixed                          | -
            tool_operational      |                                                                         | Woollam is back in service                                 | -
            task_created          | "note":"vacuum leak"                                                    | Problem reported on Woollam: vacuum leak                   | -
            task_updated          | "note":"part ordered"                                                   | Problem on Woollam updated: part ordered                   | -
            task_resolved         | "note":null                                                             | Problem on Woollam resolved                                | -
            outage_started        | "note":"power cut"                                                      | Outage started on Woollam: power cut                       | -
            outage_ended          | "note":"ignored"                                                        | Outage ended on Woollam                                    | -
            reservation_created   | "user_name":"Alice Smith"                                               | Alice Smith reserved Woollam                               | -
            reservation_updated   | "user_name":"Alice Smith"                                               | Alice Smith changed a reservation of Woollam               | -
            reservation_cancelled |                                                                         | Someone cancelled a reservation of Woollam                 | no user name
            tool_updated          |                                                                         | Woollam details updated                                    | -
            tool_next_reservation | "reservation_id":12,"user_name":"Alice Smith"                           | Next on Woollam: Alice Smith                               | -
            tool_next_reservation | "reservation_id":null                                                   | No upcoming reservation on Woollam                         | -
            tool_status           | "state":"in_use","user_name":"Alice Smith"                              | Woollam is in use by Alice Smith                           | -
            tool_status           | "state":"in_use"                                                        | Woollam is in use                                          | -
            tool_status           | "state":"delayed_logoff","user_name":"Alice Smith"                      | Woollam is blocked after Alice Smith (delayed logoff)      | -
            tool_status           | "state":"delayed_logoff"                                                | Woollam is blocked after a run (delayed logoff)            | -
            tool_status           | "state":"problem","problem":"vacuum leak"                               | Woollam has a problem: vacuum leak                         | -
            tool_status           | "state":"shutdown","shutdown_note":"lamp"                               | Woollam is shut down: lamp                                 | -
            tool_status           | "state":"outage","outage_note":"power"                                  | Woollam has an outage: power                               | -
            tool_status           | "state":"idle"                                                          | Woollam is idle                                            | -
            tool_status           | "state":"on_fire"                                                       | Woollam is idle                                            | an unknown state reads as idle
            """)
    void eachEventReadsAsItsSentence(String event, String fields, String sentence, String why) {
        assertEquals(sentence, event(event, fields == null ? "" : fields), why);
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
