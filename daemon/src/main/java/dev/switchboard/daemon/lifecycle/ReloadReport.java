package dev.switchboard.daemon.lifecycle;

import java.util.List;

/**
 * The outcome of a reload, as it was logged.
 *
 * @param applied false when the new configuration had problems and nothing changed
 * @param problems why it was refused, as {@code FILE:LINE: key: message} lines; empty when applied
 * @param changes what changed, one line per service or setting; empty when nothing did
 */
public record ReloadReport(boolean applied, List<String> problems, List<String> changes) {

    public ReloadReport {
        problems = List.copyOf(problems);
        changes = List.copyOf(changes);
    }

    static ReloadReport refused(List<String> problems) {
        return new ReloadReport(false, problems, List.of());
    }
}
