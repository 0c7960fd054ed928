package nemo.mqtt.emitter.nemo;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import nemo.mqtt.emitter.event.EventType;
import nemo.mqtt.emitter.store.TrackedRows;

/**
 * Starts and ends of NEMO usages not yet reported, as tool_enabled and tool_disabled (in start
 * order), recorded in nemo_poller_usage. An end NEMO set in the future is a delayed logoff: the
 * tool stays blocked until then ({@code delayed_logoff_until}). A usage reported running that NEMO
 * no longer has was deleted by an admin: it ends now, once, and is not asked for again.
 */
final class UsageChanges {

    private UsageChanges() {}

    /** Records the changes of {@code read} in the transaction on {@code connection}; answers their events, in order. */
    static Uni<List<PollerEvent>> apply(SqlConnection connection, StateRead read, ToolDirectory tools) {
        List<Long> ids = new ArrayList<>(read.usages().keySet());
        ids.addAll(read.deleted());
        OffsetDateTime now = PollerEvent.utc(read.at());
        TrackedRows<PolledUsage> byId = new TrackedRows<>(PolledUsage.TABLE);
        return byId.load(connection, ids).chain(() -> {
            List<PollerEvent> events = new ArrayList<>();
            read.usages().values().stream()
                    .sorted(Comparator.comparing(NemoModel.Usage::start))
                    .forEach(usage -> {
                        PolledUsage record = byId.get(usage.id());
                        if (record == null) {
                            events.add(event(tools, EventType.TOOL_ENABLED, "start", usage));
                            record = new PolledUsage();
                            record.usageId = usage.id();
                            record.toolId = usage.tool();
                            record.updatedAt = now;
                            byId.add(record);
                        }
                        if (usage.end() != null && !record.ended) {
                            boolean delayed = usage.end().isAfter(read.at());
                            events.add(event(tools, EventType.TOOL_DISABLED, "end", usage)
                                    .delayedLogoffUntil(delayed ? usage.end() : null));
                            record.ended = true;
                            record.updatedAt = now;
                        }
                    });
            for (long id : read.deleted()) {
                PolledUsage record = byId.get(id);
                if (record != null && !record.ended) {
                    events.add(tools.event(EventType.TOOL_DISABLED, "usage", id, "deleted", record.toolId)
                            .usage(id, null, null)
                            .times(null, read.at())
                            .note("usage deleted in NEMO"));
                    record.ended = true;
                    record.updatedAt = now;
                }
            }
            return byId.write(connection).replaceWith(events);
        });
    }

    private static PollerEvent event(ToolDirectory tools, EventType type, String transition, NemoModel.Usage usage) {
        return tools.event(type, "usage", usage.id(), transition, usage.tool())
                .usage(usage.id(), NemoModel.User.nameOf(usage.user()), NemoModel.User.nameOf(usage.operator()))
                .times(usage.start(), usage.end());
    }
}
