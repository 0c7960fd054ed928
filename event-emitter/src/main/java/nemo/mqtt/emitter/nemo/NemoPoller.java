package nemo.mqtt.emitter.nemo;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import nemo.mqtt.emitter.EmitterConfig;
import nemo.mqtt.emitter.event.EventType;
import nemo.mqtt.emitter.event.ToolEventDraft;
import nemo.mqtt.emitter.outbox.OutboxRelay;
import nemo.mqtt.emitter.store.AdvisoryLocks;
import nemo.mqtt.emitter.store.EventStore;

/**
 * Turns what changes in a NEMO server into events. NEMO has no change feed and no {@code id__gt}
 * filter, so each cycle reads the running usages (plus those that started or ended within the
 * look-back, to catch short runs between polls) and diffs them against what was already reported;
 * tool status is diffed the same way, less often. The events and the poller's own record of them
 * commit in one transaction, so a restart reports nothing twice; event ids are derived from NEMO's
 * ids as well, so even a second poller's copy would be recognised as a retry.
 */
@ApplicationScoped
public class NemoPoller {

    private static final Logger LOG = Logger.getLogger(NemoPoller.class);
    private static final long POLLER_LOCK = 0x4E454D4F_504F4C4CL; // "NEMOPOLL"
    private static final String EXPAND = "expand=user,operator";

    private final NemoClient nemo;
    private final EventStore store;
    private final OutboxRelay relay;
    private final EmitterConfig.Poller config;
    private final MeterRegistry registry;
    private volatile OffsetDateTime nextAttempt = OffsetDateTime.MIN;
    private volatile Duration backoff;
    private volatile String lastError;
    private volatile OffsetDateTime lastSuccess;
    private volatile OffsetDateTime lastStatusPoll;

    NemoPoller(NemoClient nemo, EventStore store, OutboxRelay relay, EmitterConfig config, MeterRegistry registry) {
        this.nemo = nemo;
        this.store = store;
        this.relay = relay;
        this.config = config.poller();
        this.registry = registry;
        this.backoff = this.config.backoffInitial();
    }

    public boolean enabled() {
        return config.enabled() && config.baseUrl().isPresent();
    }

    public String lastError() {
        return lastError;
    }

    public OffsetDateTime lastSuccess() {
        return lastSuccess;
    }

    /**
     * One job, so the two reads never compete for the poller's lock within one replica: tool status
     * and reservations when due (first, so parents are known), then running usages.
     */
    @Scheduled(every = "${nemo.emitter.poller.usage-interval:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Disabled.class)
    Uni<Void> poll() {
        boolean statusDue = lastStatusPoll == null || !now().isBefore(lastStatusPoll.plus(config.statusInterval()));
        return guarded(() -> (statusDue ? statusCycle().invoke(() -> lastStatusPoll = now())
                : Uni.createFrom().item(0))
                .chain(fromStatus -> usageCycle().map(fromUsages -> fromStatus + fromUsages)));
    }

    /** Runs a cycle unless backing off; a failure never escapes: it is counted, reported and retried later. */
    private Uni<Void> guarded(java.util.function.Supplier<Uni<? extends Integer>> cycle) {
        if (now().isBefore(nextAttempt)) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().<Integer>deferred(cycle)
                .ifNoItem().after(Duration.ofMinutes(2)).failWith(() -> new IllegalStateException("poll cycle timed out"))
                .invoke(emitted -> {
            if (lastError != null) {
                LOG.info("NEMO reachable again");
            }
            lastError = null;
            lastSuccess = now();
            backoff = config.backoffInitial();
            if (emitted > 0) {
                relay.wake();
            }
        }).onFailure().recoverWithItem(failure -> {
            String reason = failure instanceof NemoClient.NemoUnavailableException n ? n.reason : "error";
            registry.counter("nemo.poller.failures", "reason", reason).increment();
            if (lastError == null) {
                LOG.warnf("NEMO poll failed, backing off: %s", failure.getMessage());
            }
            lastError = failure.getMessage();
            nextAttempt = now().plus(backoff);
            Duration doubled = backoff.multipliedBy(2);
            backoff = doubled.compareTo(config.backoffMax()) > 0 ? config.backoffMax() : doubled;
            return 0;
        }).replaceWithVoid();
    }

    private Uni<Integer> usageCycle() {
        String since = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(now().minus(config.lookBack()));
        Uni<JsonArray> open = nemo.list("usage_events/?end__isnull=true&" + EXPAND);
        Uni<JsonArray> started = nemo.list("usage_events/?start__gte=" + since + "&" + EXPAND);
        Uni<JsonArray> ended = nemo.list("usage_events/?end__gte=" + since + "&" + EXPAND);
        return Uni.combine().all().unis(open, started, ended).asTuple()
                .chain(lists -> {
                    Map<Long, JsonObject> seen = new LinkedHashMap<>();
                    for (JsonArray list : List.of(lists.getItem1(), lists.getItem2(), lists.getItem3())) {
                        list.stream().map(JsonObject.class::cast).forEach(u -> seen.put(u.getLong("id"), u));
                    }
                    return Panache.withSession(PolledUsage::open).chain(known -> {
                        // Reported as running, now neither running nor recently ended: read them by id for their end.
                        String vanished = known.stream().map(u -> u.usageId).filter(id -> !seen.containsKey(id))
                                .map(String::valueOf).collect(Collectors.joining(","));
                        Uni<JsonArray> reread = vanished.isEmpty() ? Uni.createFrom().item(new JsonArray())
                                : nemo.list("usage_events/?id__in=" + vanished + "&" + EXPAND);
                        return reread.map(again -> {
                            again.stream().map(JsonObject.class::cast).forEach(u -> seen.put(u.getLong("id"), u));
                            return seen;
                        });
                    });
                })
                .chain(seen -> Panache.withTransaction(() -> locked().chain(locked -> locked
                        ? applyUsages(seen) : Uni.createFrom().item(0))));
    }

    private Uni<Integer> applyUsages(Map<Long, JsonObject> seen) {
        return PolledTool.<PolledTool>list("parentToolId is not null").chain(children -> {
            Map<Long, Long> parents = children.stream().collect(Collectors.toMap(t -> t.toolId, t -> t.parentToolId));
            return applyUsages(seen, parents);
        });
    }

    private Uni<Integer> applyUsages(Map<Long, JsonObject> seen, Map<Long, Long> parents) {
        return PolledUsage.<PolledUsage>list("usageId in ?1", List.copyOf(seen.keySet()).isEmpty() ? List.of(-1L)
                : List.copyOf(seen.keySet())).chain(known -> {
                    Map<Long, PolledUsage> byId = known.stream().collect(Collectors.toMap(u -> u.usageId, Function.identity()));
                    List<JsonObject> ordered = seen.values().stream()
                            .sorted(Comparator.comparing((JsonObject u) -> String.valueOf(u.getString("start")))).toList();
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (JsonObject usage : ordered) {
                        PolledUsage record = byId.get(usage.getLong("id"));
                        chain = chain.chain(count -> applyUsage(usage, record, parents).map(n -> count + n));
                    }
                    return chain;
                });
    }

    /** Reports a start not yet reported, then an end not yet reported; records both. */
    private Uni<Integer> applyUsage(JsonObject usage, PolledUsage record, Map<Long, Long> parents) {
        long id = usage.getLong("id");
        boolean hasEnded = usage.getString("end") != null;
        List<ToolEventDraft> events = new ArrayList<>();
        if (record == null) {
            events.add(usageEvent(EventType.TOOL_ENABLED, usage, "start", parents));
        }
        if (hasEnded && (record == null || !record.ended)) {
            events.add(usageEvent(EventType.TOOL_DISABLED, usage, "end", parents));
        }
        if (events.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        PolledUsage updated = record != null ? record : new PolledUsage();
        updated.usageId = id;
        updated.toolId = toolIdOf(usage);
        updated.ended = hasEnded;
        updated.updatedAt = now();
        return emitAll(events).call(() -> record == null ? updated.persist() : Uni.createFrom().voidItem());
    }

    /** A usage's start or end; on a child tool it is reported under the parent, naming the child. */
    private ToolEventDraft usageEvent(EventType type, JsonObject usage, String what, Map<Long, Long> parents) {
        long id = usage.getLong("id");
        long tool = toolIdOf(usage);
        Long parent = parents.get(tool);
        UUID eventId = UUID.nameUUIDFromBytes(("nemo:usage:" + id + ":" + what).getBytes());
        return new ToolEventDraft(eventId, type, parent != null ? parent : tool, parent != null ? tool : null, null,
                null, null, id, null,
                personName(usage.getValue("user")), personName(usage.getValue("operator")),
                time(usage.getString("start")), time(usage.getString("end")), null, null);
    }

    /** Tool status and upcoming reservations, read together and applied in one transaction. */
    private Uni<Integer> statusCycle() {
        String now = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(now());
        Uni<JsonArray> statuses = nemo.list("tool_status/");
        Uni<JsonArray> tools = nemo.list("tools/");
        Uni<JsonArray> reservations = nemo.list("reservations/?start__gt=" + now
                + "&cancelled=false&missed=false&shortened=false&expand=user");
        return Uni.combine().all().unis(statuses, tools, reservations).asTuple()
                .chain(read -> Panache.withTransaction(() -> locked().chain(locked -> locked
                        ? applyTools(read.getItem1(), parents(read.getItem2()))
                                .chain(n -> applyReservations(read.getItem3()).map(m -> n + m))
                        : Uni.createFrom().item(0))));
    }

    private Uni<Integer> applyTools(JsonArray tools, Map<Long, Long> parents) {
        return PolledTool.<PolledTool>listAll().chain(known -> {
            Map<Long, PolledTool> byId = known.stream().collect(Collectors.toMap(t -> t.toolId, Function.identity()));
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (Object item : tools) {
                JsonObject tool = (JsonObject) item;
                Long parent = parents.get(tool.getLong("id"));
                chain = chain.chain(count -> applyTool(tool, byId.get(tool.getLong("id")), parent).map(n -> count + n));
            }
            return chain;
        });
    }

    /** child tool id → parent tool id, from NEMO's tools (parent_tool as an id or an expanded object). */
    private static Map<Long, Long> parents(JsonArray tools) {
        Map<Long, Long> parents = new java.util.HashMap<>();
        for (Object item : tools) {
            JsonObject tool = (JsonObject) item;
            Object parent = tool.getValue("parent_tool");
            if (parent instanceof Number id) {
                parents.put(tool.getLong("id"), id.longValue());
            } else if (parent instanceof JsonObject object) {
                parents.put(tool.getLong("id"), object.getLong("id"));
            }
        }
        return parents;
    }

    /**
     * New upcoming reservations are created, changed times updated; one that is no longer upcoming
     * although its start is still ahead was cancelled (or missed, shortened, deleted). One whose start
     * has passed simply began: it is forgotten without an event.
     */
    private Uni<Integer> applyReservations(JsonArray upcoming) {
        Map<Long, JsonObject> byId = new LinkedHashMap<>();
        upcoming.stream().map(JsonObject.class::cast).forEach(r -> byId.put(r.getLong("id"), r));
        OffsetDateTime now = now();
        return PolledReservation.<PolledReservation>listAll().chain(known -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            Map<Long, PolledReservation> reported = known.stream()
                    .collect(Collectors.toMap(r -> r.reservationId, Function.identity()));
            for (JsonObject reservation : byId.values()) {
                PolledReservation before = reported.get(reservation.getLong("id"));
                chain = chain.chain(count -> applyReservation(reservation, before).map(n -> count + n));
            }
            for (PolledReservation gone : known) {
                if (!byId.containsKey(gone.reservationId)) {
                    boolean cancelled = gone.startTime.isAfter(now);
                    chain = chain.chain(count -> (cancelled
                            ? store.acceptWithin(reservationEvent(EventType.RESERVATION_CANCELLED, gone.reservationId,
                                    gone.toolId, null, null, null)).replaceWith(1)
                            : Uni.createFrom().item(0))
                            .call(gone::delete)
                            .map(n -> count + n));
                }
            }
            return chain;
        });
    }

    private Uni<Integer> applyReservation(JsonObject reservation, PolledReservation before) {
        long id = reservation.getLong("id");
        long tool = toolIdOf(reservation);
        OffsetDateTime start = time(reservation.getString("start"));
        OffsetDateTime end = time(reservation.getString("end"));
        EventType type;
        if (before == null) {
            type = EventType.RESERVATION_CREATED;
        } else if (!start.isEqual(before.startTime) || !java.util.Objects.equals(end, before.endTime)) {
            type = EventType.RESERVATION_UPDATED;
        } else {
            return Uni.createFrom().item(0);
        }
        PolledReservation after = before != null ? before : new PolledReservation();
        after.reservationId = id;
        after.toolId = tool;
        after.startTime = start;
        after.endTime = end;
        after.updatedAt = now();
        return store.acceptWithin(reservationEvent(type, id, tool, personName(reservation.getValue("user")), start, end))
                .call(() -> before == null ? after.persist() : Uni.createFrom().voidItem())
                .replaceWith(1);
    }

    private static ToolEventDraft reservationEvent(EventType type, long reservationId, long toolId, String user,
            OffsetDateTime start, OffsetDateTime end) {
        UUID eventId = type == EventType.RESERVATION_CREATED
                ? UUID.nameUUIDFromBytes(("nemo:reservation:" + reservationId + ":created").getBytes())
                : null;
        return new ToolEventDraft(eventId, type, toolId, null, null, null, null, null, reservationId, user, null,
                start, end, null, null);
    }

    /** Name, shutdown and problem changes of one tool since the poller last looked. */
    private Uni<Integer> applyTool(JsonObject tool, PolledTool before, Long parent) {
        long id = tool.getLong("id");
        String name = tool.getString("name");
        boolean operational = tool.getBoolean("operational", true);
        boolean problematic = tool.getBoolean("problematic", false);
        if (parent != null) {
            // a child shows as its parent: remember the relation, report nothing of its own
            PolledTool child = before != null ? before : new PolledTool();
            child.toolId = id;
            child.name = name;
            child.parentToolId = parent;
            child.operational = operational;
            child.problematic = problematic;
            child.updatedAt = now();
            return (before == null ? child.persist() : Uni.createFrom().voidItem()).replaceWith(0);
        }
        List<ToolEventDraft> events = new ArrayList<>();
        if (before == null || !java.util.Objects.equals(before.name, name)) {
            events.add(toolEvent(EventType.TOOL_UPDATED, id, name, null));
        }
        if ((before == null && !operational) || (before != null && before.operational != operational)) {
            events.add(toolEvent(operational ? EventType.TOOL_OPERATIONAL : EventType.TOOL_NON_OPERATIONAL, id, name,
                    operational ? null : "shut down in NEMO"));
        }
        if ((before == null && problematic) || (before != null && before.problematic != problematic)) {
            events.add(toolEvent(problematic ? EventType.TASK_CREATED : EventType.TASK_RESOLVED, id, name,
                    problematic ? "problem reported in NEMO" : null));
        }
        if (events.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        PolledTool after = before != null ? before : new PolledTool();
        after.toolId = id;
        after.name = name;
        after.parentToolId = null;
        after.operational = operational;
        after.problematic = problematic;
        after.updatedAt = now();
        return emitAll(events).call(() -> before == null ? after.persist() : Uni.createFrom().voidItem());
    }

    private static ToolEventDraft toolEvent(EventType type, long toolId, String name, String note) {
        return new ToolEventDraft(null, type, toolId, null, name, null, null, null, null, null, null, null, null, null, note);
    }

    /** One poller at a time across emitter replicas; the others skip the cycle. */
    private static Uni<Boolean> locked() {
        return AdvisoryLocks.tryLock(POLLER_LOCK);
    }

    /** Stores the events in order within the current transaction; answers how many. */
    private Uni<Integer> emitAll(List<ToolEventDraft> events) {
        Uni<Integer> emitted = Uni.createFrom().item(0);
        for (ToolEventDraft event : events) {
            emitted = emitted.chain(n -> store.acceptWithin(event).replaceWith(n + 1));
        }
        return emitted;
    }

    /** NEMO sends the tool as an id, or as an object when expanded. */
    private static long toolIdOf(JsonObject usage) {
        Object tool = usage.getValue("tool");
        return tool instanceof JsonObject object ? object.getLong("id") : ((Number) tool).longValue();
    }

    /** An expanded NEMO user: "First Last", else the username; an unexpanded one (an id) has no name. */
    private static String personName(Object user) {
        if (!(user instanceof JsonObject person)) {
            return null;
        }
        String full = (String.valueOf(person.getString("first_name", "")) + " "
                + String.valueOf(person.getString("last_name", ""))).strip();
        return full.isEmpty() ? person.getString("username") : full;
    }

    private static OffsetDateTime time(String value) {
        return value == null ? null : OffsetDateTime.parse(value);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    }

    /** Skips the poller's schedules unless it is enabled with a base URL. */
    @ApplicationScoped
    public static class Disabled implements Scheduled.SkipPredicate {
        private final EmitterConfig config;

        Disabled(EmitterConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !(config.poller().enabled() && config.poller().baseUrl().isPresent());
        }
    }

}
