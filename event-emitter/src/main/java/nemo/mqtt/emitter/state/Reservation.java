package nemo.mqtt.emitter.state;

import java.time.OffsetDateTime;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** A reservation as its events described it. */
@Entity
@Table(name = "tool_reservation")
public class Reservation extends PanacheEntityBase {

    @Id
    public long reservationId;

    public long toolId;

    public String userName;

    public OffsetDateTime startTime;

    public OffsetDateTime endTime;

    public boolean cancelled;

    public OffsetDateTime updatedAt;

    /** The tool's earliest reservation that has not started by {@code now} and is not cancelled, or null. */
    public static Uni<Reservation> next(long toolId, OffsetDateTime now) {
        return find(
                        "toolId = :tool and cancelled = false and startTime > :now",
                        Sort.by("startTime"),
                        Parameters.with("tool", toolId).and("now", now))
                .firstResult();
    }
}
