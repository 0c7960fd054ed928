package nemo.mqtt.monitor.settings;

/** Someone saved other settings after the form being saved was opened: saving would silently undo theirs. */
public class SettingsConflictException extends RuntimeException {

    private final transient SavedSettings current;

    public SettingsConflictException(SavedSettings current) {
        super("settings changed to version " + current.version() + " meanwhile");
        this.current = current;
    }

    public SavedSettings current() {
        return current;
    }
}
