package nemo.mqtt.emitter.nemo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;

import nemo.mqtt.emitter.event.EventType;

/**
 * The less frequent cycle: tool names, parents and categories ({@link ToolChanges}) and
 * reservations ({@link ReservationChanges}), read together and stored in one transaction. Neither
 * decides a tool's state.
 */
@ApplicationScoped
class StatusCycle {

    @Inject
    NemoClient nemo;

    @Inject
    PollerStore store;

    /** One cycle at {@code at}; answers the types of the events it stored. */
    Uni<List<EventType>> run(Instant at) {
        return Uni.combine()
                .all()
                .unis(nemo.tools(), nemo.reservationsAfter(at))
                .asTuple()
                .chain(read -> store.inTransaction(connection -> ToolDirectory.load(connection)
                        .chain(tools -> {
                            List<PollerEvent> toolEvents =
                                    ToolChanges.apply(read.getItem1(), tools, PollerEvent.utc(at));
                            return ReservationChanges.apply(connection, read.getItem2(), tools, at)
                                    .call(() -> tools.write(connection))
                                    .map(reservationEvents -> {
                                        List<PollerEvent> all = new ArrayList<>(toolEvents);
                                        all.addAll(reservationEvents);
                                        return all;
                                    });
                        })));
    }
}
