package nemo.mqtt.bridge;

import io.smallrye.mutiny.Uni;

import nemo.mqtt.service.OutageLog;

/**
 * One run of a {@code @Scheduled} background loop: its outcome goes to the loop's {@link OutageLog}
 * (an outage is logged once, its end once) and it never fails, so the scheduler, which skips
 * triggers while a run is under way, sees every run complete.
 */
public final class LoopRun {

    private LoopRun() {}

    /** @return {@code run}, reported to {@code outage}, completing with null whatever its outcome */
    public static Uni<Void> reported(Uni<?> run, OutageLog outage) {
        return run.replaceWithVoid()
                .onItem()
                .invoke(outage::recovered)
                .onFailure()
                .invoke(outage::failed)
                .onFailure()
                .recoverWithNull();
    }
}
