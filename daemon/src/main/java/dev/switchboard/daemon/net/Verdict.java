package dev.switchboard.daemon.net;

/**
 * What the gate decided about a new client.
 *
 * @param admitted whether the client goes on to the handler
 * @param denied true when refused by the access lists (gets the deny message), false for a limit (busy)
 * @param reason why it was refused, for the log
 */
record Verdict(boolean admitted, boolean denied, String reason) {

    static final Verdict ADMIT = new Verdict(true, false, "");

    static Verdict deny(String reason) {
        return new Verdict(false, true, reason);
    }

    static Verdict busy(String reason) {
        return new Verdict(false, false, reason);
    }
}
