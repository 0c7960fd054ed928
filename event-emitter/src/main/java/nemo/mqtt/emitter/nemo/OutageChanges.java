package nemo.mqtt.emitter.nemo;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.smallrye.mutiny.Uni;

import nemo.mqtt.emitter.event.EventType;

/**
 * Scheduled outages of a tool (NEMO: in effect while {@code start <= now < end}, on the root tool):
 * outage_started with the outage's title when one comes into effect, outage_ended when it no longer
 * is (its end passed, or it was moved or deleted). Recorded in nemo_poller_outage.
 */
final class OutageChanges {

    private OutageChanges() {}

    /** Records the changes of {@code read} in the current transaction, adding their events to {@code out}. */
    static Uni<Void> apply(StateRead read, ToolDirectory tools, CycleEvents out) {
        OffsetDateTime now = PollerEvent.utc(read.at());
        return PolledOutage.<PolledOutage>listAll().chain(known -> {
            Map<Long, PolledOutage> started =
                    known.stream().collect(Collectors.toMap(o -> o.outageId, Function.identity()));
            List<PolledOutage> created = new ArrayList<>();
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
                    created.add(record);
                }
            }
            Uni<Void> ended = Uni.createFrom().voidItem();
            for (PolledOutage gone : started.values()) {
                out.lowering.add(tools.event(EventType.OUTAGE_ENDED, "outage", gone.outageId, "ended", gone.toolId));
                ended = ended.call(gone::delete);
            }
            return ended.call(() -> PollerStore.persistAll(created));
        });
    }
}
