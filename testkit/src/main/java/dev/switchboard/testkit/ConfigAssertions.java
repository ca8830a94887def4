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

    /**
     * Like {@link #assertProblem}, and the line the problem names is the one of {@code yaml} that holds
     * the key: the daemon points at the right line without the test hard-coding its number.
     *
     * @param yaml the YAML given to {@link TestDaemon#withConfig}, whose line numbers the problems use
     * @param key the full key path of a key written in {@code yaml}, e.g. {@code services.hello.greeting}
     * @return the whole problem
     * @throws AssertionError when there is no such problem, or it names another line
     */
    public static String assertProblemOnItsLine(List<String> problems, String yaml, String key, String messagePart) {
        String problem = assertProblem(problems, key, messagePart);
        String at = problem.substring(0, problem.indexOf(": " + key + ": "));
        int line = Integer.parseInt(at.substring(at.lastIndexOf(':') + 1));
        String leaf = key.substring(key.lastIndexOf('.') + 1);
        List<String> lines = yaml.lines().toList();
        String named = line >= 1 && line <= lines.size() ? lines.get(line - 1) : "(no such line)";
        if (!named.matches(".*(^|[\\s{,])" + java.util.regex.Pattern.quote(leaf) + ":.*")) {
            throw new AssertionError("the problem names line " + line + ", which does not hold '" + leaf + ":': "
                    + named.strip() + "\n  " + problem);
        }
        return problem;
    }

    /** @throws AssertionError listing them when there are any problems */
    public static void assertNoProblems(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new AssertionError("expected no configuration problems, got:\n  " + String.join("\n  ", problems));
        }
    }
}
