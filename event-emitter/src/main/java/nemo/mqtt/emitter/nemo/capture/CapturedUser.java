package nemo.mqtt.emitter.nemo.capture;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import io.vertx.mutiny.sqlclient.Row;

import nemo.mqtt.emitter.store.RowTable;

/** A NEMO user's display name ("First Last", else the username), kept for the names on events: nemo_capture_user. */
public class CapturedUser {

    static final RowTable<CapturedUser> TABLE = new RowTable<>(
            "nemo_capture_user",
            List.of("user_id", "name", "updated_at"),
            CapturedUser::from,
            r -> Arrays.asList(r.userId, r.name, r.updatedAt));

    public long userId;

    public String name;

    public OffsetDateTime updatedAt;

    private static CapturedUser from(Row row) {
        CapturedUser r = new CapturedUser();
        r.userId = row.getLong("user_id");
        r.name = row.getString("name");
        r.updatedAt = row.getOffsetDateTime("updated_at");
        return r;
    }
}
