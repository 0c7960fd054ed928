package nemo.mqtt.emitter;

import java.time.Instant;

/** Changes to the fake NEMO the poller tests share. */
final class PollerTesting {

    private PollerTesting() {
    }

    /** Ends usage {@code usageId} at {@code at} (in the future: a delayed logoff), as NEMO's disable does. */
    static void end(long usageId, Instant at) {
        FakeNemo.update(FakeNemo.usages, usageId, u -> u.put("end", FakeNemo.nemoTime(at)).put("has_ended", usageId));
    }
}
