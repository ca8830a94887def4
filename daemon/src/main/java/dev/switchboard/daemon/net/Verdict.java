package dev.switchboard.daemon.net;

/**
 * What the gate decided about a new client.
 *
 * @param admitted whether the client goes on to the handler
 * @param refusal why not, when not admitted
 * @param reason why it was refused, for the log
 */
record Verdict(boolean admitted, Refusal refusal, String reason) {

    static final Verdict ADMIT = new Verdict(true, Refusal.OTHER, "");

    static Verdict deny(String reason) {
        return new Verdict(false, Refusal.DENIED, reason);
    }

    static Verdict rate(String reason) {
        return new Verdict(false, Refusal.RATE, reason);
    }

    static Verdict busy(String reason) {
        return new Verdict(false, Refusal.LIMIT, reason);
    }

    /** @return true when refused by the access lists: the client gets the deny message, not the busy one */
    boolean denied() {
        return refusal == Refusal.DENIED;
    }
}
