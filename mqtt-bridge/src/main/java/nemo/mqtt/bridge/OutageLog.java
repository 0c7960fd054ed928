package nemo.mqtt.bridge;

import org.jboss.logging.Logger;

/** Logs the start and the end of an outage once each, not every failed retry in between. */
public final class OutageLog {

    private final Logger log;
    private final String what;
    private boolean down;

    public OutageLog(Logger log, String what) {
        this.log = log;
        this.what = what;
    }

    public synchronized void failed(Throwable failure) {
        if (!down) {
            down = true;
            log.warnf("%s unavailable, retrying with backoff: %s", what, describe(failure));
        } else {
            log.debugf("%s still unavailable: %s", what, describe(failure));
        }
    }

    public synchronized void recovered() {
        if (down) {
            down = false;
            log.infof("%s available again", what);
        }
    }

    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
