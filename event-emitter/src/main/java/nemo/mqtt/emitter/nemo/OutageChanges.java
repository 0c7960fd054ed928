package nemo.mqtt.emitter.nemo;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import nemo.mqtt.emitter.event.EventType;
import nemo.mqtt.emitter.store.TrackedRows;

/**
 * Scheduled outages of a tool (NEMO: in effect while {@code start <= now < end}, on the root tool):
 * outage_started with the outage's title when one comes into effect, outage_ended when it no longer
 * is (its end passed, or it was moved or deleted). Recorded in nemo_poller_outage.
 */
final class OutageChanges {

    private OutageChanges() {}

    /** Records the changes of {@code read} in the transaction on {@code connection}, adding their events to {@code out}. */
    static Uni<Void> apply(SqlConnection connection, StateRead read, ToolDirectory tools, CycleEvents out) {
        OffsetDateTime now = PollerEvent.utc(read.at());
        TrackedRows<PolledOutage> records = new TrackedRows<>(PolledOutage.TABLE);
        return records.loadAll(connection).chain(known -> {
            Map<Long, PolledOutage> started = new HashMap<>();
            known.forEach(o -> started.put(o.outageId, o));
            for (NemoModel.ScheduledOutage outage : read.outages()) {
                if (started.remove(outage.id()) == null) {
                    out.raising.add(
                            tools.event(EventType.OUTAGE_STARTED, "outage", outage.id(), "started", outage.tool())
                                    .times(outage.start(), outage.end())
                                    .note(outage.title()));
                    PolledOutage record = new PolledOutage();
                    record.outageId = outage.id();
                    record.toolId = tools.root(outage.tool());
                    record.updatedAt = now;
                    records.add(record);
                }
            }
            for (PolledOutage gone : started.values()) {
                out.lowering.add(tools.event(EventType.OUTAGE_ENDED, "outage", gone.outageId, "ended", gone.toolId));
                records.remove(gone);
            }
            return records.write(connection);
        });
    }
}
