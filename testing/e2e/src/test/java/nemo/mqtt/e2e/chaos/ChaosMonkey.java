package nemo.mqtt.e2e.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * SIGKILLs one part of the stack at a time at random moments and starts it again after a random
 * pause. Every round hits each kind (broker, Redis, emitter, a bridge replica) once, in a random
 * order; rounds go on until the duration is used up, and the first round always completes. The
 * pauses are the test's input, drawn from the seeded Random, so a seed replays the same schedule.
 */
final class ChaosMonkey {

    /** One fault: when the victim was killed, when it was started again and when it was back (listening/ready). */
    record Fault(String victim, long killedNanos, long restartNanos, long backNanos) {}

    private static final Duration MIN_STEADY = Duration.ofSeconds(2);
    private static final Duration MAX_STEADY = Duration.ofSeconds(6);
    private static final Duration MIN_DOWN = Duration.ofMillis(500);
    private static final Duration MAX_DOWN = Duration.ofSeconds(4);

    private final Random random;
    private final List<List<ChaosStack.Victim>> kinds;
    private final long startNanos;

    /** {@code kinds}: the victims grouped by kind; one of a kind's victims is chosen each time (the bridge replicas). */
    ChaosMonkey(Random random, List<List<ChaosStack.Victim>> kinds, long startNanos) {
        this.random = random;
        this.kinds = kinds;
        this.startNanos = startNanos;
    }

    List<Fault> run(Duration duration) {
        List<Fault> faults = new ArrayList<>();
        long end = System.nanoTime() + duration.toNanos();
        do {
            List<List<ChaosStack.Victim>> round = new ArrayList<>(kinds);
            Collections.shuffle(round, random);
            for (List<ChaosStack.Victim> kind : round) {
                faults.add(strike(kind.get(random.nextInt(kind.size()))));
            }
        } while (System.nanoTime() < end);
        pause(MIN_STEADY, MAX_STEADY); // the stream goes on after the last restart, so every tool changes again
        return faults;
    }

    private Fault strike(ChaosStack.Victim victim) {
        pause(MIN_STEADY, MAX_STEADY);
        long killed = System.nanoTime();
        victim.kill();
        log("SIGKILL %s", victim.name());
        pause(MIN_DOWN, MAX_DOWN);
        long restart = System.nanoTime();
        victim.restart();
        long back = System.nanoTime();
        log(
                "%s restarted after %.1f s down, back in %.1f s",
                victim.name(), (restart - killed) / 1e9, (back - restart) / 1e9);
        return new Fault(victim.name(), killed, restart, back);
    }

    /** A random pause between min and max: input of the test, not a wait for anything. */
    private void pause(Duration min, Duration max) {
        long nanos = min.toNanos() + (long) (random.nextDouble() * (max.toNanos() - min.toNanos()));
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() < until) {
            LockSupport.parkNanos(until - System.nanoTime());
        }
    }

    private void log(String format, Object... args) {
        System.out.printf(
                Locale.ROOT,
                "[chaos] t=%6.1fs %s%n",
                (System.nanoTime() - startNanos) / 1e9,
                String.format(Locale.ROOT, format, args));
    }
}
