package nemo.mqtt.bench;

/**
 * One run of the end-to-end latency benchmark: a path ("stack" or "broker") at a target rate, what was
 * sent, accepted and received, the achieved rates per second and the latency percentiles.
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
        Percentiles latency) {

    /** Sent but neither accepted nor failed. */
    long unanswered() {
        return sent - accepted - errors;
    }
}
