package nemo.mqtt.bench;

/**
 * Issue 16's goals, printed beside the figures they judge: the stack's end-to-end p99 (under 10 ms
 * at 200 events/s; at 2,000 events/s every event delivered and p99 under 25 ms), the bridge's rate
 * against the plain publisher (at least 0.85) and each service's footprint (ready in under 2 s,
 * under 200 MiB RSS after the heaviest rate).
 */
final class Goals {

    static final double BRIDGE_RATIO = 0.85;
    static final double READY_SECONDS = 2;
    static final double RSS_MIB = 200;

    private Goals() {}

    /** The end-to-end goal for the {@code stack} path at {@code targetRate}, or null where none is set. */
    static String endToEnd(PathRun run) {
        if (!run.path().equals("stack")) {
            return null;
        }
        if (run.targetRate() == 200) {
            return "p99 < 10 ms: " + verdict(run.latency().p99() < 10);
        }
        if (run.targetRate() == 2000) {
            return "all delivered, p99 < 25 ms: "
                    + verdict(run.undelivered() == 0 && run.latency().p99() < 25);
        }
        return null;
    }

    /** Whether the bridge moved at least {@link #BRIDGE_RATIO} of the plain publisher's rate. */
    static boolean bridgeMet(double ratio) {
        return ratio >= BRIDGE_RATIO;
    }

    /** Whether a service was ready within {@link #READY_SECONDS} and stayed under {@link #RSS_MIB}. */
    static boolean footprintMet(double readySeconds, double rssMib) {
        return readySeconds < READY_SECONDS && rssMib < RSS_MIB;
    }

    /** "yes", or a bold "no" that stands out in the table. */
    static String verdict(boolean met) {
        return met ? "yes" : "**no**";
    }
}
