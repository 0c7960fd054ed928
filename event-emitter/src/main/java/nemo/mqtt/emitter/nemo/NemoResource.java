package nemo.mqtt.emitter.nemo;

/**
 * One of NEMO's list resources the poller reads: its path under {@code /api/} (also the name a
 * failure reports) and the {@link NemoModel} record of its rows.
 */
record NemoResource<T>(String path, Class<T> row) {

    static final NemoResource<NemoModel.Usage> USAGE_EVENTS = new NemoResource<>("usage_events", NemoModel.Usage.class);
    static final NemoResource<NemoModel.Tool> TOOLS = new NemoResource<>("tools", NemoModel.Tool.class);
    static final NemoResource<NemoModel.Task> TASKS = new NemoResource<>("tasks", NemoModel.Task.class);
    static final NemoResource<NemoModel.Reservation> RESERVATIONS =
            new NemoResource<>("reservations", NemoModel.Reservation.class);
    static final NemoResource<NemoModel.ScheduledOutage> SCHEDULED_OUTAGES =
            new NemoResource<>("scheduled_outages", NemoModel.ScheduledOutage.class);
    static final NemoResource<NemoModel.UnplannedOutage> UNPLANNED_OUTAGES =
            new NemoResource<>("unplanned_outages", NemoModel.UnplannedOutage.class);
}
