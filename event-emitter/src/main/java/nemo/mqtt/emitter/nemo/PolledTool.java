package nemo.mqtt.emitter.nemo;

import java.time.OffsetDateTime;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The last tool status the poller saw in NEMO; changes against it become events. */
@Entity
@Table(name = "nemo_poller_tool")
public class PolledTool extends PanacheEntityBase {

    @Id
    public long toolId;

    public String name;

    /** NEMO's parent_tool: this tool's usages are reported under the parent. */
    public Long parentToolId;

    public boolean operational;

    /** Written by the poller before issue 12: one problem without a task id, closed once on upgrade. */
    public boolean problematic;

    /** NEMO's {@code _category} ("Cat/Sub-cat"), sent with every event of the tool. */
    public String category;

    /** While shut down: what the shutdown's events are named after ({@code task:<id>} or epoch ms). */
    public String shutdownCause;

    public OffsetDateTime updatedAt;
}
