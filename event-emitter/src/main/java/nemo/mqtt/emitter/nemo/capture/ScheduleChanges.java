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
 * {@code "NEMO_reservation"} and {@code "NEMO_scheduledoutage"} rows of tools (area and resource
 * rows are not a tool's). A reservation is created when first seen, moved when its times change in
 * place, cancelled when NEMO cancels or shortens it (NEMO moves one by inserting its successor and
 * cancelling it) or deletes it. An outage only records its window here: {@link #outageDue} turns
 * the clock passing its start and end into outage_started / outage_ended, at change time and
 * from {@link TimedStates}.
 */
final class ScheduleChanges {

    private ScheduleChanges() {}

    static Uni<List<ToolEventDraft>> reservation(CaptureView view, NemoChange change) {
        return view.find(CapturedReservation.class, change.id()).chain(known -> {
            Long tool = change.optionalNumber("tool_id");
            if (change.op() == NemoChange.Op.DELETE || tool == null) {
                boolean report = known != null && !known.cancelled;
                return (known == null ? Uni.createFrom().voidItem() : view.delete(known))
                        .chain(() -> report
                                ? reservationEvent(view, known, EventType.RESERVATION_CANCELLED, "cancelled", null)
                                : Uni.createFrom().item(List.of()));
            }
            boolean closed = change.flag("cancelled") || change.flag("shortened");
            if (known != null && known.cancelled) {
                return Uni.createFrom().item(List.of()); // NEMO never takes a cancellation back
            }
            CapturedReservation r = known != null ? known : new CapturedReservation();
            OffsetDateTime start = change.time("start");
            OffsetDateTime end = change.time("end");
            boolean moved = known != null && (!known.startTime.isEqual(start) || !known.endTime.isEqual(end));
            r.reservationId = change.id();
            r.startTime = start;
            r.endTime = end;
            r.cancelled = closed;
            r.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return Target.of(view, tool).chain(target -> {
                r.toolId = target.toolId();
                Uni<Void> saved = known == null
                        ? view.persist(r).replaceWithVoid()
                        : Uni.createFrom().voidItem();
                if (closed) {
                    return saved.chain(
                            () -> reservationEvent(view, r, EventType.RESERVATION_CANCELLED, "cancelled", null));
                }
                if (known == null) {
                    return saved.chain(() -> reservationEvent(
                            view, r, EventType.RESERVATION_CREATED, "created", change.optionalNumber("user_id")));
                }
                return saved.chain(() -> moved
                        ? reservationEvent(
                                view,
                                r,
                                EventType.RESERVATION_UPDATED,
                                "moved:" + NemoEventIds.part(start.toInstant()) + ":"
                                        + NemoEventIds.part(end.toInstant()),
                                change.optionalNumber("user_id"))
                        : Uni.createFrom().item(List.of()));
            });
        });
    }

    private static Uni<List<ToolEventDraft>> reservationEvent(
            CaptureView view, CapturedReservation r, EventType type, String transition, Long userId) {
        Target.What what = Target.What.reservation(r.reservationId);
        what.start = r.startTime;
        what.end = r.endTime;
        return Target.userName(view, userId)
                .invoke(name -> what.userName = name)
                .chain(() -> Target.of(view, r.toolId))
                .map(target ->
                        List.of(target.draft(NemoEventIds.of("reservation", r.reservationId, transition), type, what)));
    }

    static Uni<List<ToolEventDraft>> outage(CaptureView view, NemoChange change) {
        return view.find(CapturedOutage.class, change.id()).chain(known -> {
            Long tool = change.optionalNumber("tool_id");
            if (change.op() == NemoChange.Op.DELETE || tool == null) {
                if (known == null) {
                    return Uni.createFrom().item(List.of());
                }
                // removed while in effect: it ends now
                known.endTime = change.committed();
                return outageDue(view, known, OffsetDateTime.now(ZoneOffset.UTC))
                        .call(() -> view.delete(known));
            }
            CapturedOutage outage = known != null ? known : new CapturedOutage();
            outage.outageId = change.id();
            outage.title = change.text("title");
            outage.startTime = change.time("start");
            outage.endTime = change.time("end");
            outage.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return Target.of(view, tool).chain(target -> {
                outage.toolId = target.toolId();
                return (known == null
                                ? view.persist(outage).replaceWithVoid()
                                : Uni.createFrom().voidItem())
                        .chain(() -> outageDue(view, outage, OffsetDateTime.now(ZoneOffset.UTC)));
            });
        });
    }

    /**
     * The events the clock owes {@code outage} at {@code now}: outage_started once its start has
     * passed (unless it also ended before anyone saw it), outage_ended once its end has passed after
     * it started; marks them reported.
     */
    static Uni<List<ToolEventDraft>> outageDue(CaptureView view, CapturedOutage outage, OffsetDateTime now) {
        List<String> due = new ArrayList<>();
        if (!outage.started && !outage.startTime.isAfter(now) && outage.endTime.isAfter(now)) {
            outage.started = true;
            due.add("started");
        }
        if (!outage.ended && !outage.endTime.isAfter(now)) {
            // reported when it had started; one that began and ended unseen is only closed
            outage.ended = true;
            if (outage.started) {
                due.add("ended");
            }
        }
        if (due.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Target.of(view, outage.toolId)
                .map(target -> due.stream()
                        .map(transition -> {
                            boolean started = transition.equals("started");
                            Target.What what = Target.What.note(started ? outage.title : null);
                            what.start = outage.startTime;
                            what.end = outage.endTime;
                            return target.draft(
                                    NemoEventIds.of("outage", outage.outageId, transition),
                                    started ? EventType.OUTAGE_STARTED : EventType.OUTAGE_ENDED,
                                    what);
                        })
                        .toList());
    }
}
