package dev.switchboard.dist;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The restrictions of the systemd unit, read from the unit file and applied to a command without systemd
 * (which is not PID 1 in a CI container), with the tools that do the same things systemd does:
 * <ul>
 * <li>{@code SystemCallFilter=} and {@code SystemCallArchitectures=native}: a seccomp allow list built
 *     with libseccomp ({@code seccomp-exec.py}, through Python's ctypes), the groups expanded by
 *     {@code systemd-analyze syscall-filter}, so the list is the one systemd would load. Any other call
 *     kills the process (stricter than the unit's {@code SystemCallErrorNumber=EPERM}: a refused call
 *     cannot go unnoticed);</li>
 * <li>{@code CapabilityBoundingSet=}, {@code AmbientCapabilities=}, {@code NoNewPrivileges=} and the
 *     unprivileged user: {@code setpriv}, as user {@code nobody} (the unit's {@code switchboard} user
 *     exists only once the package is installed);</li>
 * <li>{@code ProtectProc=} and {@code ProcSubset=}, {@code PrivateMounts=}: a mount namespace of its own
 *     ({@code unshare --mount}) with /proc mounted again with {@code hidepid=} and {@code subset=}.</li>
 * </ul>
 * Needs root, {@code unshare}, {@code setpriv} (util-linux), {@code systemd-analyze} (systemd),
 * /usr/bin/python3 and libseccomp.so.2; {@link #unavailable()} says what is missing.
 */
final class UnitSandbox {

    static final String NOBODY = "65534";
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private final List<String> unit;
    private final Path dir;

    /**
     * @param unit the unit file
     * @param dir where the helper and the allow list are written (readable by nobody)
     */
    UnitSandbox(Path unit, Path dir) throws IOException {
        this.unit = Files.readAllLines(unit);
        this.dir = dir;
    }

    /** @return why the sandbox cannot be applied here, or empty when it can */
    Optional<String> unavailable() throws IOException, InterruptedException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("needs root (mount namespace, setpriv to another user); CI runs as root");
        }
        for (String tool : List.of("unshare", "setpriv", "systemd-analyze")) {
            if (!Command.exists(tool)) {
                return Optional.of(tool + " is not installed (apt-get install util-linux systemd)");
            }
        }
        if (!Files.isExecutable(PYTHON)) {
            return Optional.of(PYTHON + " is needed to load the seccomp filter (apt-get install python3)");
        }
        // A dry run of the whole chain: the namespace, the mount, setpriv, the filter, and a JVM under it.
        List<String> probe = new ArrayList<>(wrapper(false));
        probe.addAll(List.of(Path.of(System.getProperty("java.home"), "bin/java").toString(), "-version"));
        Command run = Command.run(probe);
        return run.exitCode() == 0 ? Optional.empty()
                : Optional.of("the sandbox cannot be applied here (" + run.exitCode() + "): " + run.output().strip());
    }

    /**
     * @param procSubsetPid whether to mount /proc with {@code subset=pid} too (the unit leaves it out)
     * @return the command that runs the command appended to it under the unit's restrictions
     */
    List<String> wrapper(boolean procSubsetPid) throws IOException, InterruptedException {
        Path helper = dir.resolve("seccomp-exec.py");
        if (!Files.exists(helper)) {
            try (InputStream script = UnitSandbox.class.getResourceAsStream("seccomp-exec.py")) {
                Files.copy(script, helper);
            }
        }
        Path allowed = Files.write(dir.resolve("allowed-syscalls"), allowedSystemCalls());
        String proc = "hidepid=" + value("ProtectProc").orElse("default") + (procSubsetPid ? ",subset=pid" : "");
        String caps = capabilities("CapabilityBoundingSet");
        String ambient = capabilities("AmbientCapabilities");
        List<String> setpriv = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups", "--bounding-set=-all" + caps, "--inh-caps=-all" + ambient,
                "--ambient-caps=-all" + ambient));
        if (value("NoNewPrivileges").orElse("false").equals("true")) {
            setpriv.add("--no-new-privs");
        }
        String script = "mount -t proc -o " + proc + " proc /proc && exec " + String.join(" ", setpriv) + " "
                + PYTHON + " " + helper + " " + allowed + " kill \"$@\"";
        return List.of("unshare", "--mount", "--propagation", "private", "sh", "-c", script, "unit-sandbox");
    }

    /** @return the system calls the unit's SystemCallFilter= lines allow, as systemd combines them */
    List<String> allowedSystemCalls() throws IOException, InterruptedException {
        Map<String, List<String>> groups = groups();
        Set<String> allowed = new TreeSet<>();
        for (String line : unit) {
            if (line.startsWith("SystemCallFilter=")) {
                String filter = line.substring("SystemCallFilter=".length()).strip();
                boolean deny = filter.startsWith("~");
                for (String name : (deny ? filter.substring(1) : filter).strip().split("\\s+")) {
                    Set<String> calls = expand(name, groups);
                    if (deny) {
                        allowed.removeAll(calls);
                    } else {
                        allowed.addAll(calls);
                    }
                }
            }
        }
        if (allowed.isEmpty()) {
            throw new IllegalStateException("the unit allows no system calls: no SystemCallFilter= allow list");
        }
        return List.copyOf(allowed);
    }

    private static Set<String> expand(String name, Map<String, List<String>> groups) {
        if (!name.startsWith("@")) {
            return Set.of(name);
        }
        List<String> members = groups.get(name);
        if (members == null) {
            throw new IllegalArgumentException("systemd-analyze does not know the group " + name);
        }
        Set<String> calls = new LinkedHashSet<>();
        for (String member : members) {
            calls.addAll(expand(member, groups));
        }
        return calls;
    }

    /** Parses {@code systemd-analyze syscall-filter}: a group at the start of a line, its members indented. */
    private static Map<String, List<String>> groups() throws IOException, InterruptedException {
        Command list = Command.run("systemd-analyze", "syscall-filter");
        Map<String, List<String>> groups = new HashMap<>();
        List<String> current = null;
        for (String line : list.output().split("\n")) {
            String item = line.strip();
            if (item.isEmpty() || item.startsWith("#")) {
                continue;
            }
            if (!line.startsWith(" ") && item.startsWith("@")) {
                current = new ArrayList<>();
                groups.put(item, current);
            } else if (current != null) {
                current.add(item);
            }
        }
        return groups;
    }

    private Optional<String> value(String key) {
        return unit.stream().filter(l -> l.startsWith(key + "=")).reduce((a, b) -> b)
                .map(l -> l.substring(key.length() + 1).strip());
    }

    /** @return the unit's capabilities as setpriv's {@code ,+name} list */
    private String capabilities(String key) {
        StringBuilder out = new StringBuilder();
        for (String cap : value(key).orElse("").split("\\s+")) {
            if (!cap.isEmpty()) {
                out.append(",+").append(cap.toLowerCase(Locale.ROOT).replaceFirst("^cap_", ""));
            }
        }
        return out.toString();
    }
}
