package nemo.mqtt.emitter.nemo.capture;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * One committed row change of a NEMO table, as pgoutput delivered it through Debezium: the table,
 * the operation, the row's columns ({@code after}; for a delete only {@code id} is meaningful, the
 * other columns of {@code before} are zero defaults) and NEMO's commit time.
 */
public record NemoChange(String table, Op op, Map<String, Object> row, Instant committedAt) {

    public enum Op {
        INSERT,
        UPDATE,
        DELETE
    }

    // NEMO's captured tables, named as its migrations create them (case-sensitive)
    static final String USAGE_EVENTS = "NEMO_usageevent";
    static final String TASKS = "NEMO_task";
    static final String TOOLS = "NEMO_tool";
    static final String USERS = "NEMO_user";
    static final String RESERVATIONS = "NEMO_reservation";
    static final String OUTAGES = "NEMO_scheduledoutage";

    /** What Debezium sends for a large text an UPDATE did not write: "unchanged". */
    static final String UNAVAILABLE = "__debezium_unavailable_value";

    /**
     * The change a data record carries, or null for anything else (heartbeats, tombstones, snapshot
     * reads of no interest are never produced with our settings; a read counts as an insert).
     */
    public static NemoChange of(SourceRecord record) {
        if (!(record.value() instanceof Struct value) || value.schema().field("op") == null) {
            return null;
        }
        Op op = switch (value.getString("op")) {
            case "c", "r" -> Op.INSERT;
            case "u" -> Op.UPDATE;
            case "d" -> Op.DELETE;
            default -> null;
        };
        if (op == null) {
            return null;
        }
        Struct source = value.getStruct("source");
        Struct image = op == Op.DELETE ? value.getStruct("before") : value.getStruct("after");
        Map<String, Object> row = new HashMap<>();
        if (image != null) {
            for (Field field : image.schema().fields()) {
                row.put(field.name(), image.get(field));
            }
        }
        return new NemoChange(source.getString("table"), op, row, Instant.ofEpochMilli(source.getInt64("ts_ms")));
    }

    public long id() {
        return number("id");
    }

    /** An integer column; 0 when null. */
    public long number(String column) {
        Object value = row.get(column);
        return value instanceof Number n ? n.longValue() : 0;
    }

    /** An integer column that may be null. */
    public Long optionalNumber(String column) {
        Object value = row.get(column);
        return value instanceof Number n ? n.longValue() : null;
    }

    public boolean flag(String column) {
        return Boolean.TRUE.equals(row.get(column));
    }

    /** A text column; null when null or when the UPDATE did not carry it (see {@link #UNAVAILABLE}). */
    public String text(String column) {
        Object value = row.get(column);
        return value == null || UNAVAILABLE.equals(value) ? null : value.toString();
    }

    /** Whether a text column was left out of this UPDATE (a large value NEMO did not rewrite). */
    public boolean unavailable(String column) {
        return UNAVAILABLE.equals(row.get(column));
    }

    /** A timestamptz column (Debezium's ZonedTimestamp string), in UTC; null when null. */
    public OffsetDateTime time(String column) {
        String value = text(column);
        return value == null ? null : OffsetDateTime.parse(value).withOffsetSameInstant(ZoneOffset.UTC);
    }

    public OffsetDateTime committed() {
        return committedAt.atOffset(ZoneOffset.UTC);
    }
}
