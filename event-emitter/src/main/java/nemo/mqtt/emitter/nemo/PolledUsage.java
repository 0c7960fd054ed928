package nemo.mqtt.emitter.nemo;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;

/** A NEMO usage the poller has reported as started (and, once {@code ended}, as ended). */
@Entity
@Table(name = "nemo_poller_usage")
public class PolledUsage extends PanacheEntityBase {

    @Id
    public long usageId;

    public long toolId;

    public boolean ended;

    public OffsetDateTime updatedAt;

    public static Uni<List<PolledUsage>> open() {
        return list("ended = false");
    }
}
