package dev.switchboard.daemon.config;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The configuration cannot be used: every problem found, in file order. */
public final class ConfigProblems extends Exception {

    private final transient List<Problem> problems;
    private final transient Config validPart;

    public ConfigProblems(List<Problem> problems) {
        this(problems, null);
    }

    /**
     * @param problems everything wrong
     * @param validPart the configuration without the services that have problems, when the rest of the
     *     file could be read; lets {@code check} go on to validate those services' plugin settings
     */
    public ConfigProblems(List<Problem> problems, Config validPart) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining(System.lineSeparator())));
        this.problems = List.copyOf(problems);
        this.validPart = validPart;
    }

    /** @return the part of the configuration that is valid, if the file could be read that far */
    public Optional<Config> validPart() {
        return Optional.ofNullable(validPart);
    }

    public List<Problem> problems() {
        return problems;
    }
}
