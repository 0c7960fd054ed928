package nemo.mqtt.bench;

import java.util.Map;

/**
 * One run of the end-to-end latency benchmark: a path ("stack" or "broker") at a target rate, what was
 * sent, accepted and received, the achieved rates per second, the latency percentiles (intended send to
 * arrival) and those of the answers (intended send to the 202, or the publish written); the CPU each
 * process used per event sent, in ms, with their "total" ({@link CpuTime#perOperation}), and the
 * machine's busy share (0 to 1), both from the first send until every event arrived.
 */
record PathRun(
        String path,
        int targetRate,
        long sent,
        long accepted,
        long received,
        long duplicates,
        long errors,
        double achievedRate,
        double acceptedRate,
        double deliveredRate,
        long undelivered,
        Percentiles latency,
        Percentiles answered,
        Map<String, Double> cpuPerEvent,
        double machineBusy) {

    /** Sent but neither accepted nor failed. */
    long unanswered() {
        return sent - accepted - errors;
    }
}
