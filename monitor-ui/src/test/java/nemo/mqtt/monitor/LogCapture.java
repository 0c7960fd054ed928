package nemo.mqtt.monitor;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Everything the application logs while open (the root logger, as Quarkus' own handlers see it). */
final class LogCapture extends Handler implements AutoCloseable {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    static LogCapture start() {
        LogCapture capture = new LogCapture();
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** The records as they would read in the log, one string each, with any stack trace's first line. */
    List<String> lines() {
        return records.stream()
                .map(r -> r.getLoggerName() + " " + r.getLevel() + " " + String.valueOf(r.getMessage())
                        + (r.getThrown() == null ? "" : " THROWN " + r.getThrown()))
                .toList();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
