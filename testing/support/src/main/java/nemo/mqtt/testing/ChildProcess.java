package nemo.mqtt.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * A server the tests start as a process of its own, its output appended to a log file: the one way the
 * test support runs processes ({@link ServiceProcess}, {@link RedisNode}, {@link JavaService},
 * {@link LocalStack}). It waits for a server to come up only while the process lives, and stops it
 * as an orderly shutdown (SIGTERM) or a crash (SIGKILL). Before its first start a server holds
 * {@link #notStarted}, which is not alive and which stopping leaves as it is.
 */
public final class ChildProcess {

    private final String name;
    private final Path log;
    private final Process process;

    private ChildProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /** No process yet: {@code name}'s server before its first start, its output to go to {@code log}. */
    public static ChildProcess notStarted(String name, Path log) {
        return new ChildProcess(name, log, null);
    }

    /**
     * Starts {@code command} with {@code env} added to this JVM's environment, stdout and stderr
     * appended to {@code log}; {@code name} is how failures call it.
     */
    public static ChildProcess start(String name, List<String> command, Map<String, String> env, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        try {
            return new ChildProcess(name, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits up to {@code atMost}, checking every {@code poll}, until {@code condition} holds ({@code
     * what} names it); throws, naming the log, as soon as the process exits instead.
     */
    public ChildProcess awaitWhileAlive(String what, Duration atMost, Duration poll, Callable<Boolean> condition) {
        await(what).atMost(atMost).pollInterval(poll).until(() -> {
            if (!isAlive()) {
                throw new IllegalStateException(
                        name + (process == null ? " was not started" : " exited with " + process.exitValue())
                                + "; the end of " + log + ":\n" + tail(30));
            }
            return condition.call();
        });
        return this;
    }

    /** SIGKILL, as a crash would; returns once it is gone (30 s at most). */
    public void kill() {
        if (isAlive()) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
        }
    }

    /** SIGTERM, an orderly shutdown; SIGKILL when it is still there after 30 s. */
    public void stop() {
        stop(Duration.ofSeconds(30));
    }

    /** SIGTERM, an orderly shutdown; SIGKILL when it is still there after {@code grace}. */
    public void stop(Duration grace) {
        if (isAlive()) {
            process.destroy();
            if (!waitFor(grace)) {
                process.destroyForcibly();
                waitFor(Duration.ofSeconds(10));
            }
        }
    }

    /** Waits up to {@code timeout} for the process to exit; true when it did. */
    public boolean waitFor(Duration timeout) {
        if (process == null) {
            return true;
        }
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The exit code, or null while it runs or before it started. */
    public Integer exitCode() {
        return process == null || process.isAlive() ? null : process.exitValue();
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** The last {@code lines} lines of its log, for a failure message. */
    public String tail(int lines) {
        try {
            List<String> all = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
