package nemo.mqtt.emitter.nemo;

import java.time.OffsetDateTime;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** When the poller last read NEMO's state successfully (one row, kept across restarts). */
@Entity
@Table(name = "nemo_poller_progress")
public class PollerProgress extends PanacheEntityBase {

    @Id
    public int id;

    public OffsetDateTime lastSuccess;

    /**
     * Records a successful read at {@code now}; answers the previous one (null the first time ever).
     * Runs inside the cycle's transaction.
     */
    public static Uni<OffsetDateTime> advance(OffsetDateTime now) {
        return PollerProgress.<PollerProgress>findById(1).chain(found -> {
            OffsetDateTime previous = found == null ? null : found.lastSuccess;
            PollerProgress row = found != null ? found : new PollerProgress();
            row.id = 1;
            row.lastSuccess = now;
            return (found == null ? row.persist() : Uni.createFrom().voidItem()).replaceWith(previous);
        });
    }
}
