package nemo.mqtt.emitter.nemo.capture;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Uni;

import nemo.mqtt.emitter.event.EventType;
import nemo.mqtt.emitter.event.ToolEventDraft;
import nemo.mqtt.emitter.nemo.NemoEventIds;

/**
 * {@code "NEMO_usageevent"} rows as tool_enabled / tool_disabled. NEMO's save() rewrites the whole
 * row, so a start is reported when the usage is first seen and an end when {@code end} is first
 * set; an {@code end} in the future is a delayed logoff (the tool is free for its user only from
 * then). An admin deleting a running usage ends it. A child tool's usage goes to the parent.
 */
final class UsageChanges {

    private UsageChanges() {}

    static Uni<List<ToolEventDraft>> apply(CaptureView view, NemoChange change) {
        long id = change.id();
        return view.find(CapturedUsage.class, id)
                .chain(known -> change.op() == NemoChange.Op.DELETE
                        ? deleted(view, change, known)
                        : written(view, change, known));
    }

    private static Uni<List<ToolEventDraft>> deleted(CaptureView view, NemoChange change, CapturedUsage known) {
        if (known == null) {
            return Uni.createFrom().item(List.of());
        }
        boolean running = !known.ended;
        return Target.of(view, known.toolId).call(() -> view.delete(known)).map(target -> {
            if (!running) {
                return List.<ToolEventDraft>of();
            }
            Target.What what = Target.What.usage(known.usageId);
            what.end = change.committed();
            return List.of(
                    target.draft(NemoEventIds.of("usage", known.usageId, "deleted"), EventType.TOOL_DISABLED, what));
        });
    }

    private static Uni<List<ToolEventDraft>> written(CaptureView view, NemoChange change, CapturedUsage known) {
        OffsetDateTime end = change.time("end");
        boolean reportStart = known == null;
        boolean reportEnd = end != null && (known == null || !known.ended);
        if (!reportStart && !reportEnd) {
            return Uni.createFrom().item(List.of());
        }
        CapturedUsage record = known != null ? known : new CapturedUsage();
        record.usageId = change.id();
        record.toolId = change.number("tool_id");
        record.ended = end != null;
        record.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        Target.What what = Target.What.usage(record.usageId);
        what.start = change.time("start");
        return (known == null ? view.persist(record) : Uni.createFrom().voidItem())
                .chain(() -> Target.userName(view, change.optionalNumber("user_id")))
                .invoke(name -> what.userName = name)
                .chain(() -> Target.userName(view, change.optionalNumber("operator_id")))
                .invoke(name -> what.operatorName = name)
                .chain(() -> Target.of(view, record.toolId))
                .map(target -> {
                    List<ToolEventDraft> drafts = new ArrayList<>();
                    if (reportStart) {
                        drafts.add(target.draft(
                                NemoEventIds.of("usage", record.usageId, "start"), EventType.TOOL_ENABLED, what));
                    }
                    if (reportEnd) {
                        // NEMO writes a delayed logoff as an end in the future: the user left at commit time
                        boolean delayed = end.isAfter(change.committed());
                        what.end = delayed ? change.committed() : end;
                        what.delayedLogoffUntil = delayed ? end : null;
                        drafts.add(target.draft(
                                NemoEventIds.of("usage", record.usageId, "end"), EventType.TOOL_DISABLED, what));
                    }
                    return drafts;
                });
    }
}
