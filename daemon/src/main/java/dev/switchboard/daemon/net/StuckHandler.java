package dev.switchboard.daemon.net;

/**
 * Not thrown: carries a stuck handler thread's stack, so the log shows where the plugin is stuck in the
 * familiar form of a stack trace.
 */
final class StuckHandler extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param thread the handler's thread, or null if it already left */
    StuckHandler(Thread thread) {
        super(thread == null ? "(thread unknown)" : "thread " + thread.getName() + " (" + thread.getState() + ")",
                null, false, true);
        if (thread != null) {
            setStackTrace(thread.getStackTrace());
        }
    }
}
