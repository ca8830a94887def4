package dev.switchboard.testkit;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Assertions on the problems the daemon reports for a configuration ({@link TestDaemon.Builder#check()}),
 * by key and message, so a test does not depend on line numbers. A problem reads
 * {@code FILE:LINE: key.path: message}.
 *
 * <pre>{@code
 * List<String> problems = TestDaemon.withConfig("""
 *         services:
 *           hello:
 *             port: 0
 *             greting: hi
 *         """).check();
 * ConfigAssertions.assertProblem(problems, "services.hello.greting", "did you mean 'greeting'");
 * }</pre>
 */
public final class ConfigAssertions {

    private ConfigAssertions() {
    }

    /**
     * @param problems what {@code check()} reported
     * @param key the full key path, e.g. {@code services.hello.greeting}
     * @param messagePart text the problem's message must contain
     * @return the whole problem, for further checks
     * @throws AssertionError when no problem about that key contains that text
     */
    public static String assertProblem(List<String> problems, String key, String messagePart) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(messagePart, "messagePart");
        for (String problem : problems) {
            int at = problem.indexOf(": " + key + ": ");
            if (at >= 0 && problem.substring(at + key.length() + 4).contains(messagePart)) {
                return problem;
            }
        }
        throw new AssertionError("no problem about " + key + " containing '" + messagePart + "'; the problems were:"
                + (problems.isEmpty() ? " none" : problems.stream().collect(Collectors.joining("\n  ", "\n  ", ""))));
    }

    /** @throws AssertionError listing them when there are any problems */
    public static void assertNoProblems(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new AssertionError("expected no configuration problems, got:\n  " + String.join("\n  ", problems));
        }
    }
}
