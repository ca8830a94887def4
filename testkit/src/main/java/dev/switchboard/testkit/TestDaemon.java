package dev.switchboard.testkit;

import dev.switchboard.api.DaemonStatus;
import dev.switchboard.api.ServiceStatus;
import dev.switchboard.daemon.Switchboard;
import dev.switchboard.daemon.config.ConfigProblems;
import dev.switchboard.daemon.lifecycle.ReloadReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real Switchboard daemon, in-process on loopback, started from YAML written in the test: the
 * fixture a plugin's tests run against. It has its own temporary home and {@code plugins/} directory,
 * removed again by {@link #close()}, along with the clients opened through it.
 *
 * <p>Two modes:
 * <ul>
 *   <li><b>class path</b> (the default): the protocols on the test's class path are served, for fast
 *       tests of a protocol's behaviour;</li>
 *   <li><b>packaged JAR</b> ({@link Builder#packagedPlugin()}): the module's built JAR is copied into
 *       {@code plugins/} and only plugins found there are served, exactly as an installed daemon loads
 *       them. A JAR without {@code META-INF/extensions.idx}, with the API bundled inside, or with a
 *       {@code Plugin-Requires} that excludes this daemon fails {@link Builder#start()} with the daemon's
 *       own message.</li>
 * </ul>
 *
 * <p>Without a {@code daemon:} section of its own, the YAML gets one (after its own lines, so a problem's
 * line number is that of the YAML the test wrote) that binds 127.0.0.1, loads plugins from the
 * fixture's directory and stops within two seconds; with one, {@code ${plugins}} in it stands for
 * that directory. Services should say {@code port: 0}.
 *
 * <pre>{@code
 * try (TestDaemon daemon = TestDaemon.withConfig("""
 *         services:
 *           hello:
 *             port: 0
 *         """).start();
 *      LineClient client = daemon.lineClient("hello")) {
 *     client.send("world");
 *     client.expectLine("hello, world");
 * }
 * }</pre>
 *
 * Not thread-safe: one test thread drives it (the clients may be used from any thread).
 */
public final class TestDaemon implements AutoCloseable {

    /** The system property a build sets to the packaged plugin JAR (see {@link Builder#packagedPlugin()}). */
    public static final String PLUGIN_JAR_PROPERTY = "switchboard.plugin.jar";

    private static final Pattern DAEMON_SECTION = Pattern.compile("(?m)^daemon:");

    private final Switchboard switchboard;
    private final Path home;
    private final List<AutoCloseable> clients = new CopyOnWriteArrayList<>();

    private TestDaemon(Switchboard switchboard, Path home) {
        this.switchboard = switchboard;
        this.home = home;
    }

    /**
     * @param yaml the configuration: a {@code services:} section, and optionally {@code defaults:} and
     *     {@code daemon:}
     * @return a builder; {@link Builder#start()} starts the daemon
     */
    public static Builder withConfig(String yaml) {
        return new Builder(Objects.requireNonNull(yaml, "yaml"));
    }

    /**
     * @param service a service's name
     * @return its port on loopback
     * @throws IllegalArgumentException when there is no such service, or it is not listening
     */
    public int port(String service) {
        return switchboard.port(service);
    }

    /** @return one service's status: state, problem, counters */
    public ServiceStatus serviceStatus(String service) {
        return switchboard.serviceStatus(service);
    }

    /** @return a fresh snapshot of the whole daemon, with every status source's contribution */
    public DaemonStatus status() {
        return switchboard.status();
    }

    /** @return what went wrong loading plugins, as the daemon logs it; empty when all is well */
    public List<String> pluginProblems() {
        return switchboard.pluginProblems();
    }

    /** @return the daemon's home, against which relative paths in the configuration resolve */
    public Path home() {
        return home;
    }

    /** @return the plugin directory the daemon loads JARs from */
    public Path pluginsDirectory() {
        return home.resolve("plugins");
    }

    /** @return a line client connected to the service from 127.0.0.1, closed with the daemon */
    public LineClient lineClient(String service) {
        return track(LineClient.connect(address(service), port(service)));
    }

    /** @return a raw-bytes client connected to the service, closed with the daemon */
    public RawClient rawClient(String service) {
        return track(RawClient.connect(address(service), port(service)));
    }

    /**
     * Replaces the configuration and reloads, as SIGHUP does; the plugin directory is rescanned too.
     *
     * @param yaml the new configuration, in the same form as for {@link #withConfig(String)}
     * @return what changed, one line per service
     * @throws AssertionError when the daemon refuses the new configuration (nothing changed then)
     */
    public List<String> reload(String yaml) {
        ReloadReport report = reloadWith(yaml);
        if (!report.applied()) {
            throw new AssertionError("the daemon refused the reload:\n" + String.join("\n", report.problems()));
        }
        return report.changes();
    }

    /**
     * Like {@link #reload(String)}, for a configuration the daemon should refuse.
     *
     * @return the problems it reported
     * @throws AssertionError when the daemon applied it instead
     */
    public List<String> reloadRefused(String yaml) {
        ReloadReport report = reloadWith(yaml);
        if (report.applied()) {
            throw new AssertionError("the daemon applied a reload it should have refused: " + report.changes());
        }
        return report.problems();
    }

    /** Waits up to five seconds for the service to count exactly {@code n} connected clients. */
    public void awaitActiveClients(String service, long n) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (serviceStatus(service).activeConnections() != n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("service '" + service + "' has " + serviceStatus(service).activeConnections()
                        + " active clients, not " + n + ", after 5 s");
            }
            sleep();
        }
    }

    /** Closes the test's clients, stops the daemon and removes its temporary home. */
    @Override
    public void close() {
        try {
            for (AutoCloseable client : clients) {
                try {
                    client.close();
                } catch (Exception e) {
                    // closing a client the server already dropped: nothing to report
                }
            }
        } finally {
            switchboard.close();
            deleteTree(home);
        }
    }

    private ReloadReport reloadWith(String yaml) {
        writeConfig(home, yaml);
        return switchboard.reload();
    }

    private <T extends AutoCloseable> T track(T client) {
        clients.add(client);
        return client;
    }

    private String address(String service) {
        try {
            InetAddress bound = InetAddress.getByName(serviceStatus(service).address());
            return bound.isAnyLocalAddress() ? InetAddress.getLoopbackAddress().getHostAddress() : bound.getHostAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path writeConfig(Path home, String yaml) {
        Path plugins = home.resolve("plugins");
        String text = DAEMON_SECTION.matcher(yaml).find()
                ? yaml.replace("${plugins}", plugins.toString())
                // After the test's YAML, so the lines a problem names are the lines the test wrote.
                : yaml + (yaml.isEmpty() || yaml.endsWith("\n") ? "" : "\n")
                        + "daemon:\n  bind: 127.0.0.1\n  plugins: " + plugins + "\n  shutdown-grace: 2s\n";
        try {
            Files.createDirectories(plugins);
            return Files.writeString(home.resolve("switchboard.yml"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary directory left behind is harmless; the test's result stands
        }
    }

    /** Configures a {@link TestDaemon}; {@link #start()} starts it, {@link #check()} only validates. */
    public static final class Builder {
        private final String yaml;
        private final List<Path> jars = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private boolean packaged;

        private Builder(String yaml) {
            this.yaml = yaml;
        }

        /**
         * Packaged-JAR mode with the JAR the build made: the file named by the system property
         * {@value TestDaemon#PLUGIN_JAR_PROPERTY}, which the generated project's failsafe configuration sets
         * to {@code ${project.build.directory}/${project.build.finalName}.jar}. Such tests run after the
         * {@code package} phase ({@code *IT} classes under {@code mvn verify}).
         */
        public Builder packagedPlugin() {
            String jar = System.getProperty(PLUGIN_JAR_PROPERTY);
            if (jar == null || jar.isBlank()) {
                throw new IllegalStateException("system property " + PLUGIN_JAR_PROPERTY + " is not set: run this test "
                        + "with failsafe after the package phase (mvn verify), with <systemPropertyVariables><"
                        + PLUGIN_JAR_PROPERTY + ">${project.build.directory}/${project.build.finalName}.jar</...>");
            }
            return packagedPlugin(Path.of(jar));
        }

        /** Packaged-JAR mode with the given plugin JAR; call again (or {@link #plugin}) to add more. */
        public Builder packagedPlugin(Path jar) {
            packaged = true;
            return plugin(jar);
        }

        /** Copies a plugin JAR (or PF4J zip) into the plugin directory before the daemon starts. */
        public Builder plugin(Path jar) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("no plugin file " + jar.toAbsolutePath() + " (has the package phase run?)");
            }
            jars.add(jar);
            return this;
        }

        /** @param clock the clock protocols read the time from, e.g. a {@link ManualClock} */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Starts the daemon.
         *
         * @return the running daemon; close it
         * @throws AssertionError with the daemon's own messages when the configuration is refused, a
         *     service cannot start, or (packaged mode) a plugin fails to load or provides no protocol
         */
        public TestDaemon start() {
            Path home = prepare();
            Switchboard sb;
            try {
                sb = Switchboard.builder().config(home.resolve("switchboard.yml")).home(home).clock(clock)
                        .classPathProtocols(!packaged).start();
            } catch (ConfigProblems e) {
                deleteTree(home);
                throw new AssertionError("the daemon refused the configuration:\n" + e.getMessage());
            } catch (RuntimeException | Error e) {
                deleteTree(home);
                throw e;
            }
            TestDaemon daemon = new TestDaemon(sb, home);
            List<String> problems = new ArrayList<>(packaged ? sb.pluginProblems() : List.of());
            for (ServiceStatus s : sb.status().services()) {
                if (s.state() != ServiceStatus.State.RUNNING) {
                    problems.add("service '" + s.name() + "' is " + s.state() + ": " + s.problem());
                }
            }
            if (!problems.isEmpty()) {
                daemon.close();
                throw new AssertionError("the daemon did not start cleanly:\n" + String.join("\n", problems));
            }
            return daemon;
        }

        /**
         * Validates the configuration as {@code switchboard check} does, without binding anything.
         *
         * @return every problem as {@code FILE:LINE: key.path: message}; see {@link ConfigAssertions}
         */
        public List<String> check() {
            Path home = prepare();
            try {
                return Switchboard.check(home.resolve("switchboard.yml"), home, !packaged);
            } finally {
                deleteTree(home);
            }
        }

        private Path prepare() {
            try {
                Path home = Files.createTempDirectory("switchboard-test");
                writeConfig(home, yaml);
                for (Path jar : jars) {
                    Files.copy(jar, home.resolve("plugins").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
                return home;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
