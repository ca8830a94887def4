package dev.switchboard.daemon.config;

import java.util.List;
import java.util.stream.Collectors;

/** The configuration cannot be used: every problem found, in file order. */
public final class ConfigProblems extends Exception {

    private final transient List<Problem> problems;

    public ConfigProblems(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining(System.lineSeparator())));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
