package nemo.mqtt.emitter.nemo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The event id of a change NEMO made, derived from NEMO's row and the transition alone, so that the
 * REST poller and change data capture give one change the same id: the two can run together or be
 * swapped, and the emitter's idempotency by {@code event_id} keeps each change once.
 *
 * <p>The id is the name-based (version 3) UUID of {@code nemo:<table>:<row id>:<transition>}, where
 * a transition that can happen more than once to a row carries what tells its occurrences apart, as
 * NEMO stores it (an instant is written as epoch milliseconds, so time zones never matter):
 * <ul>
 * <li>usage event: {@code start}, {@code end}, {@code deleted} (an admin deleted it)</li>
 * <li>reservation: {@code created}, {@code moved:<start ms>:<end ms>}, {@code cancelled}</li>
 * <li>task: {@code created}, {@code updated:<last_updated ms>}, {@code resolved}</li>
 * <li>scheduled outage: {@code started}, {@code ended}, {@code moved:<start ms>:<end ms>}</li>
 * <li>tool: {@code operational:<true|false>:<cause>} (the cause: {@code task:<id>} of the shutdown
 * task, or the instant NEMO recorded it), {@code updated:<what changed>}</li>
 * </ul>
 * The strings are part of the contract between the two sources: change one and a source switch
 * sends duplicates.
 *
 * <p>How the REST poller fills the parts the list leaves open (the capture source should do the
 * same): a shutdown's cause is the lowest open {@code force_shutdown} task of the tool
 * ({@code task:<id>}), else the start of NEMO's open unplanned outage (NEMO 8) of the tool, else the
 * instant the poller saw it; {@code operational:true} carries the cause of the shutdown it ends. A
 * tool's {@code updated} names its new values: {@code updated:name=<name>,category=<category>}. A
 * cancelled task is {@code resolved}; an outage's row id is its scheduled outage's id.
 */
public final class NemoEventIds {

    private NemoEventIds() {}

    /**
     * @param table NEMO's model in lower case: {@code usage}, {@code reservation}, {@code task},
     *              {@code outage}, {@code tool}
     * @param rowId the row's primary key in NEMO
     * @param transition one of the transitions above, with its parts joined by {@code :}
     * @return the same UUID for the same arguments, in any process and either source
     */
    public static UUID of(String table, long rowId, String transition) {
        return UUID.nameUUIDFromBytes(
                ("nemo:" + table + ":" + rowId + ":" + transition).getBytes(StandardCharsets.UTF_8));
    }

    /** {@code instant} as the transition part it is everywhere: epoch milliseconds. */
    public static String part(Instant instant) {
        return Long.toString(instant.toEpochMilli());
    }

    /** A tool's {@code updated} transition: its new name and category ({@code null} written as such). */
    public static String toolUpdated(String name, String category) {
        return "updated:name=" + name + ",category=" + category;
    }

    /**
     * A shutdown's cause: {@code task:<id>} of the lowest open {@code force_shutdown} task of the
     * tool when there is one, else {@code fallback} in epoch milliseconds.
     */
    public static String shutdownCause(Long lowestOpenShutdownTask, Instant fallback) {
        return lowestOpenShutdownTask != null ? "task:" + lowestOpenShutdownTask : part(fallback);
    }
}
