package dev.switchboard.daemon.config;

/**
 * How many datagram answers a UDP service may send. Only answers larger than their request spend from
 * these budgets: those are what makes a spoofed request an amplification attack, while an answer no
 * larger than its request (echo's) cannot amplify anything.
 *
 * @param perSourcePerSecond {@code max-answers-per-second-per-ip}: for one source (IPv4 address, IPv6 /64)
 * @param perSecond {@code max-answers-per-second}: for all sources together
 */
public record DatagramLimits(int perSourcePerSecond, int perSecond) {

    /** Used where the configuration says nothing: enough for people, far too few for a flood. */
    public static final DatagramLimits DEFAULT = new DatagramLimits(
            DaemonKeys.MAX_ANSWERS_PER_SECOND_PER_IP.fallback(), DaemonKeys.MAX_ANSWERS_PER_SECOND.fallback());
}
