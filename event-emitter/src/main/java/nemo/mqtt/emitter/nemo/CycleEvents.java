package nemo.mqtt.emitter.nemo;

import java.util.ArrayList;
import java.util.List;

/**
 * A cycle's events in the order that never shows a wrong state in between: first what raises a
 * tool's condition (shutdown, outage started, problem created or updated), then usage starts and
 * ends, then what lowers it (problem resolved, outage ended, back in service). A forced shutdown of a
 * tool in use so goes in_use → shutdown, never through idle; a repaired tool enabled at once goes
 * shutdown → in_use.
 */
final class CycleEvents {

    final List<PollerEvent> raising = new ArrayList<>();
    final List<PollerEvent> lowering = new ArrayList<>();

    /** All events in order, {@code usages} between the raising and the lowering ones. */
    List<PollerEvent> around(List<PollerEvent> usages) {
        List<PollerEvent> all = new ArrayList<>(raising);
        all.addAll(usages);
        all.addAll(lowering);
        return all;
    }
}
