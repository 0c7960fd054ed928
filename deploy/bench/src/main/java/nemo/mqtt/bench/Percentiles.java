package nemo.mqtt.bench;

import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

/** p50, p95, p99 and max of a latency histogram recorded in microseconds, in milliseconds. */
record Percentiles(double p50, double p95, double p99, double max) {

    /** Reads them from {@code micros}, a histogram of microseconds. */
    static Percentiles of(Histogram micros) {
        return new Percentiles(
                micros.getValueAtPercentile(50) / 1000.0,
                micros.getValueAtPercentile(95) / 1000.0,
                micros.getValueAtPercentile(99) / 1000.0,
                micros.getMaxValue() / 1000.0);
    }

    /** As {@code p50_ms}, {@code p95_ms}, {@code p99_ms}, {@code max_ms}. */
    JsonObject json() {
        return new JsonObject()
                .put("p50_ms", p50)
                .put("p95_ms", p95)
                .put("p99_ms", p99)
                .put("max_ms", max);
    }
}
