package dev.switchboard.daemon.service;

import dev.switchboard.daemon.config.Problem;
import java.util.List;
import java.util.stream.Collectors;

/** Why a service could not start: one or more problems, each with its file, line and key. */
public final class ServiceFailure extends Exception {

    private final transient List<Problem> problems;

    ServiceFailure(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    ServiceFailure(Problem problem) {
        this(List.of(problem));
    }

    /** @return the problems, for {@code switchboard check} */
    public List<Problem> problems() {
        return problems;
    }
}
