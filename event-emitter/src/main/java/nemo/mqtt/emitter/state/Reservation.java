package nemo.mqtt.emitter.state;

import java.time.OffsetDateTime;

/** A reservation as its events described it (a row of tool_reservation). */
public class Reservation {

    public long reservationId;

    public long toolId;

    public String userName;

    public OffsetDateTime startTime;

    public OffsetDateTime endTime;

    public boolean cancelled;

    public OffsetDateTime updatedAt;
}
