package nemo.mqtt.monitor.board;

import java.util.List;

/** What a board page is told: a card to show, a tool to drop, or which tools exist at all. */
public sealed interface BoardChange {

    /** Show this card, replacing the tool's old one. */
    record Shown(ToolCard card) implements BoardChange {}

    /** The tool's retained status was cleared: drop its card. */
    record Removed(long toolId) implements BoardChange {}

    /**
     * Ends the cards a (re)connecting page gets first: these are all the tools there are, so a page
     * drops cards of tools removed while it was away.
     */
    record Current(List<Long> toolIds) implements BoardChange {}
}
