package nemo.mqtt.bench;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import nemo.mqtt.testing.NemoPostgres;
import nemo.mqtt.testing.NemoRows;

/**
 * Commits NEMO's changes as NEMO does, as an {@link OpenLoop.Sender}: change i starts a usage of tool
 * i % tools (tool_enabled) or ends the one running there (tool_disabled), each its own autocommit
 * transaction. Each commit is noted in a {@link LatencyRecorder} under {@link #key} when the committing
 * call returns. A tool's changes run in order on one of {@code workers} connections; tools spread over them,
 * so one slow commit holds up only its worker's tools.
 */
final class NemoCommitter implements AutoCloseable {

    private final LatencyRecorder recorder;
    private final List<Long> tools = new ArrayList<>();
    private final Long[] running;
    private final long user;
    private final List<NemoRows> connections = new ArrayList<>();
    private final List<ExecutorService> workers = new ArrayList<>();
    private final SendOutcomes commits = new SendOutcomes();

    /** Creates a user and {@code toolCount} tools in {@code nemo} (before the emitter starts, so it knows their names). */
    NemoCommitter(NemoPostgres nemo, int toolCount, int workerCount, LatencyRecorder recorder) throws SQLException {
        this.recorder = recorder;
        this.running = new Long[toolCount];
        try (NemoRows rows = nemo.rows()) {
            user = rows.user("bench", "Bench", "User", false);
            for (int t = 0; t < toolCount; t++) {
                tools.add(rows.tool("Bench tool " + (t + 1), null));
            }
        }
        for (int w = 0; w < workerCount; w++) {
            connections.add(nemo.rows());
            workers.add(Executors.newSingleThreadExecutor());
        }
    }

    /** The recorder's key of a change: its event and NEMO's usage id, as the published payload has them. */
    static String key(String event, long usageId) {
        return event + ":" + usageId;
    }

    /** Queues change {@code index} on its tool's worker; never waits for the commit. */
    OpenLoop.Sender sender() {
        return (index, intended) -> {
            int tool = (int) (index % tools.size());
            int worker = tool % workers.size();
            workers.get(worker).execute(() -> commit(connections.get(worker), tool));
        };
    }

    private void commit(NemoRows rows, int tool) {
        try {
            String key;
            Long usage = running[tool];
            if (usage == null) {
                usage = rows.startUsage(tools.get(tool), user, user);
                running[tool] = usage;
                key = key("tool_enabled", usage);
            } else {
                rows.endUsage(usage, Instant.now());
                running[tool] = null;
                key = key("tool_disabled", usage);
            }
            long now = System.nanoTime();
            recorder.started(key, now);
            commits.succeeded(now);
        } catch (SQLException e) {
            commits.failed();
        }
    }

    /** The changes committed and failed so far. */
    SendOutcomes commits() {
        return commits;
    }

    @Override
    public void close() throws Exception {
        for (ExecutorService worker : workers) {
            worker.shutdown();
            worker.awaitTermination(30, TimeUnit.SECONDS);
        }
        for (NemoRows rows : connections) {
            rows.close();
        }
    }
}
