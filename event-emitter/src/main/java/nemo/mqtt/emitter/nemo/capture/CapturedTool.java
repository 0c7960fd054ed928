package nemo.mqtt.emitter.nemo.capture;

import java.time.OffsetDateTime;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * A NEMO tool as the capture last saw it: its name, its parent (a child tool's events go to the
 * parent), and the operational flag last reported with the cause that went into its event ids.
 */
@Entity
@Table(name = "nemo_capture_tool")
public class CapturedTool extends PanacheEntityBase {

    @Id
    public long toolId;

    public String name;

    public Long parentToolId;

    public String category;

    public boolean operational;

    /** {@code task:<id>} or epoch ms of the shutdown last reported; its end reuses it (NemoEventIds). */
    public String shutdownCause;

    public OffsetDateTime updatedAt;

    /** The tool events are published under: the parent of a child tool, else the tool itself. */
    public long rootId() {
        return parentToolId != null ? parentToolId : toolId;
    }
}
