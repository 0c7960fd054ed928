package nemo.mqtt.emitter.nemo.capture;

import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import org.apache.kafka.connect.source.SourceRecord;
import org.jboss.logging.Logger;

/**
 * Runs the Debezium engine on the one emitter replica that holds the {@link CaptureLease} (another
 * takes over at its next check when that replica dies). Every {@code check-interval} it renews
 * that judgement, checks NEMO's slot (an invalidated or vanished slot stops the capture with an
 * ERROR: changes were lost) and restarts an engine that failed; the engine resumes from the
 * position committed with the last events.
 */
@ApplicationScoped
public class CaptureSource {

    private static final Logger LOG = Logger.getLogger(CaptureSource.class);

    private final CaptureConfig config;

    @Inject
    CaptureBatches batches;

    @Inject
    CaptureMetrics metrics;

    private final DataSource emitterDb;
    private final NemoDatabase nemo;
    private final CaptureLease lease;
    private DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private ExecutorService executor;
    private CountDownLatch started;
    private volatile boolean running;
    private volatile boolean paused;
    private volatile String lastError;
    private volatile boolean slotLost;
    private volatile boolean engineDone;

    CaptureSource(CaptureConfig config, DataSource emitterDb) {
        this.config = config;
        this.emitterDb = emitterDb;
        this.nemo = new NemoDatabase(config);
        this.lease = new CaptureLease(emitterDb);
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** Whether this replica holds the lease and its engine streams. */
    public boolean running() {
        return running;
    }

    public boolean holdsLease() {
        return lease.held();
    }

    public boolean slotLost() {
        return slotLost;
    }

    public String lastError() {
        return lastError;
    }

    @Scheduled(
            every = "${nemo.emitter.capture.check-interval:5s}",
            delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Disabled.class)
    synchronized void check() {
        try {
            if (!lease.stillHeld()) {
                stopEngine();
                if (!lease.tryTake()) {
                    return; // another replica captures
                }
                LOG.infof("Capture lease taken: this replica reads NEMO's changes (slot %s)", config.slot());
            }
            NemoDatabase.Slot slot = nemo.slot();
            boolean lost = slot.lost() || (!slot.exists() && NemoDatabase.hasPosition(emitterDb));
            metrics.slot(lost, slot.bytesBehind());
            if (lost && !slotLost) {
                LOG.errorf(
                        "NEMO's replication slot %s is %s, so NEMO changes were lost and the capture stopped. "
                                + "Recover: drop the slot if it exists, delete from nemo_capture_offset, and let the poller "
                                + "reconcile (README, Change data capture).",
                        config.slot(),
                        slot.exists()
                                ? "invalidated (NEMO removed WAL it had not read: max_slot_wal_keep_size)"
                                : "gone although the emitter had a position in it (dropped)");
            }
            slotLost = lost;
            if (lost) {
                stopEngine();
                return;
            }
            if (engine != null && engineDone) {
                stopEngine(); // it failed by itself: a new one resumes from the committed position
            }
            if (engine == null && !paused) {
                nemo.seedNames(emitterDb);
                startEngine();
            }
        } catch (SQLException | RuntimeException e) {
            if (!java.util.Objects.equals(e.getMessage(), lastError)) {
                LOG.warnf("Change data capture check failed: %s", e.getMessage());
            }
            lastError = e.getMessage();
        }
    }

    private void startEngine() {
        CaptureOffsetStore.use(emitterDb);
        CountDownLatch taskStarted = new CountDownLatch(1);
        engineDone = false;
        started = taskStarted;
        engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(EngineProperties.of(config))
                .using(getClass().getClassLoader())
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void taskStarted() {
                        running = true;
                        metrics.running(true);
                        lastError = null;
                        taskStarted.countDown();
                    }
                })
                .using((success, message, error) -> {
                    running = false;
                    metrics.running(false);
                    taskStarted.countDown();
                    engineDone = true;
                    if (!success) {
                        lastError = message;
                        LOG.errorf(error, "Change data capture stopped: %s (restarting at the next check)", message);
                    }
                })
                .notifying(batches)
                .build();
        executor = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "nemo-capture"));
        executor.execute(engine);
    }

    private synchronized void stopEngine() {
        if (engine == null) {
            return;
        }
        try {
            // close() refuses while the task is starting
            started.await(60, TimeUnit.SECONDS);
            if (!engineDone) {
                engine.close();
            }
            executor.shutdown();
            if (!executor.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.warn("The capture engine did not stop within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warnf("Stopping the capture engine: %s", e.getMessage());
        }
        running = false;
        metrics.running(false);
        engine = null;
        executor = null;
    }

    /** Stops the engine and keeps it stopped until {@link #resume()} (operations, tests). */
    public synchronized void pause() {
        paused = true;
        stopEngine();
    }

    /** Lets the next check start the engine again, from the committed position. */
    public synchronized void resume() {
        paused = false;
    }

    void onStop(@Observes ShutdownEvent event) {
        synchronized (this) {
            stopEngine();
            lease.release();
        }
    }

    /** Skips the checks unless capture is enabled. */
    @ApplicationScoped
    public static class Disabled implements Scheduled.SkipPredicate {

        private final CaptureConfig config;

        Disabled(CaptureConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.enabled();
        }
    }
}
