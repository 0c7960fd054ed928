package nemo.mqtt.emitter.store;

import java.util.UUID;

import nemo.mqtt.emitter.event.EventType;
import nemo.mqtt.emitter.event.ToolEventDraft;

/** Drafts for the store's tests: what a test varies is given, everything else a source may leave out is null. */
final class Drafts {

    private Drafts() {}

    /** A {@code type} event of {@code tool} named {@code toolName} by {@code user}, with event id {@code id} (null: none). */
    static ToolEventDraft draft(UUID id, EventType type, long tool, String toolName, String user) {
        return new ToolEventDraft(
                id, type, tool, null, toolName, null, null, null, null, null, null, user, null, null, null, null, null);
    }
}
