package dev.switchboard.daemon.config;

import java.util.Locale;

/**
 * How client work runs: {@code auto} (virtual threads where the JVM has them, else platform threads),
 * {@code virtual}, or {@code platform:N}.
 *
 * @param kind which of the three
 * @param threads for {@code platform:N}, N; otherwise 0
 */
public record ThreadMode(Kind kind, int threads) {

    /** The three modes. */
    public enum Kind { AUTO, VIRTUAL, PLATFORM }

    /** The default. */
    public static final ThreadMode AUTO = new ThreadMode(Kind.AUTO, 0);

    static ThreadMode parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("auto")) {
            return AUTO;
        }
        if (t.equals("virtual")) {
            return new ThreadMode(Kind.VIRTUAL, 0);
        }
        if (t.startsWith("platform:")) {
            try {
                int n = Integer.parseInt(t.substring("platform:".length()));
                if (n >= 1 && n <= 100_000) {
                    return new ThreadMode(Kind.PLATFORM, n);
                }
            } catch (NumberFormatException e) {
                // falls through to the message below
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a thread mode (auto, virtual or platform:N with N from 1 to 100000)");
    }

    @Override
    public String toString() {
        return kind == Kind.PLATFORM ? "platform:" + threads : kind.name().toLowerCase(Locale.ROOT);
    }
}
