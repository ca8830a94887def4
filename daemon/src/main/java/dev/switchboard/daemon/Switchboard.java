package dev.switchboard.daemon;

import dev.switchboard.api.DaemonStatus;
import dev.switchboard.api.ServiceStatus;
import dev.switchboard.daemon.config.Config;
import dev.switchboard.daemon.config.ConfigLoader;
import dev.switchboard.daemon.config.ConfigProblems;
import dev.switchboard.daemon.config.Problem;
import dev.switchboard.daemon.config.ServiceConfig;
import dev.switchboard.daemon.lifecycle.Daemon;
import dev.switchboard.daemon.lifecycle.ReloadReport;
import dev.switchboard.daemon.plugin.PluginHost;
import dev.switchboard.daemon.service.HandlerOpener;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switchboard in-process: what the launcher runs, and what tests start on loopback port 0.
 *
 * <pre>{@code
 * try (Switchboard sb = Switchboard.builder().config(Path.of("conf/switchboard.yml")).start()) {
 *     int port = sb.port("echo");
 *     ...
 * }
 * }</pre>
 */
public final class Switchboard implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Switchboard.class);

    private final Daemon daemon;
    private final Path config;
    private final Path home;
    private final boolean classPathProtocols;

    private Switchboard(Daemon daemon, Path config, Path home, boolean classPathProtocols) {
        this.daemon = daemon;
        this.config = config;
        this.home = home;
        this.classPathProtocols = classPathProtocols;
    }

    /** @return a builder; only {@link Builder#config(Path)} is required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Validates a configuration as {@code switchboard check} does: the file, the plugins, and every
     * enabled service's settings as its protocol reads them. Nothing is bound.
     *
     * @param config the configuration file
     * @return every problem as {@code FILE:LINE: key.path: message}; empty when all is well
     */
    public static List<String> check(Path config) {
        return check(config, defaultHome());
    }

    /** Like {@link #check(Path)}, resolving relative paths against {@code home}. */
    public static List<String> check(Path config, Path home) {
        return check(config, home, true);
    }

    /**
     * Like {@link #check(Path, Path)}; with {@code classPathProtocols} false only the plugin directories'
     * protocols count, as in an installed daemon.
     */
    public static List<String> check(Path config, Path home, boolean classPathProtocols) {
        Config loaded;
        List<Problem> fileProblems = new ArrayList<>();
        try {
            loaded = ConfigLoader.load(config, home);
        } catch (ConfigProblems e) {
            fileProblems.addAll(e.problems());
            if (e.validPart().isEmpty()) {
                return fileProblems.stream().map(Problem::toString).toList();
            }
            loaded = e.validPart().get(); // go on: report the valid services' plugin problems too
        }
        List<String> problems = new ArrayList<>();
        try (PluginHost plugins = PluginHost.load(loaded.daemon().pluginDirs(), Version.get(), classPathProtocols)) {
            problems.addAll(plugins.problems());
            for (ServiceConfig service : loaded.services()) {
                if (service.enabled()) {
                    fileProblems.addAll(HandlerOpener.validate(service, plugins, Clock.systemUTC(),
                            loaded.daemon().pluginTimeout()));
                }
            }
        }
        fileProblems.sort(java.util.Comparator.comparingInt(Problem::line));
        fileProblems.forEach(p -> problems.add(p.toString()));
        return problems;
    }

    /** @return the daemon's home: system property {@code switchboard.home}, else the working directory */
    public static Path defaultHome() {
        return Path.of(System.getProperty("switchboard.home", "")).toAbsolutePath().normalize();
    }

    /**
     * @param service a service's name
     * @return the port it listens on
     * @throws IllegalArgumentException when there is no such service or it is not listening
     */
    public int port(String service) {
        ServiceStatus status = serviceStatus(service);
        if (status.port() == 0) {
            throw new IllegalArgumentException("service '" + service + "' is not listening: " + status.state()
                    + " " + status.problem());
        }
        return status.port();
    }

    /** @return the status of one service */
    public ServiceStatus serviceStatus(String service) {
        return daemon.service(service).orElseThrow(() -> new IllegalArgumentException("no service '" + service + "'"))
                .status();
    }

    /**
     * Re-reads the configuration file and rescans the plugin directories, then applies the difference
     * (what SIGHUP does): a configuration with any problem changes nothing. Unchanged services keep
     * their sockets and clients; removed and changed ones drain in the background; new ones open.
     * Everything is logged.
     *
     * @return what changed, or why nothing did
     */
    public synchronized ReloadReport reload() {
        log.info("reload: reading {} and the plugin directories", config);
        ReloadReport report;
        PluginHost loadedPlugins = null;
        try {
            Config loaded = ConfigLoader.load(config, home);
            loadedPlugins = PluginHost.load(loaded.daemon().pluginDirs(), Version.get(), classPathProtocols,
                    daemon.plugins());
            report = daemon.reload(loaded, loadedPlugins);
        } catch (ConfigProblems e) {
            report = new ReloadReport(false, e.problems().stream().map(Problem::toString).toList(), List.of());
        } catch (RuntimeException | Error e) {
            // A bug here or in a plugin's validation must not end a daemon that was serving well.
            log.error("reload: unexpected failure", e);
            if (loadedPlugins != null && loadedPlugins != daemon.plugins()) {
                loadedPlugins.close();
            }
            report = new ReloadReport(false, List.of("unexpected " + e), List.of());
        }
        daemon.countReload(report);
        if (report.applied()) {
            report.changes().forEach(c -> log.info("reload: {}", c));
            daemon.plugins().problems().forEach(p -> log.warn("reload: {}", p));
            log.info("reload done: {} of {} services running", daemon.runningCount(), daemon.services().size());
        } else {
            report.problems().forEach(p -> log.error("reload: {}", p));
            log.error("reload refused: nothing changed, every service runs as before ({} problem{}; "
                    + "'switchboard check' lists them)", report.problems().size(), report.problems().size() == 1 ? "" : "s");
        }
        return report;
    }

    /** @return a fresh snapshot of the daemon, with every status source */
    public DaemonStatus status() {
        return daemon.status();
    }

    /** @return a fresh snapshot with only the status sources whose services would admit this client */
    public DaemonStatus status(java.net.InetAddress client) {
        return daemon.status(client);
    }

    /** @return what went wrong loading plugins */
    public List<String> pluginProblems() {
        return daemon.plugins().problems();
    }

    /** @return how many services accept clients */
    public long runningServices() {
        return daemon.runningCount();
    }

    /** Drains and stops every service, waiting up to the configured {@code shutdown-grace}. */
    @Override
    public void close() {
        daemon.stop();
    }

    /** Configures and starts an in-process daemon. */
    public static final class Builder {
        private Path config;
        private Path home = defaultHome();
        private Clock clock = Clock.systemUTC();
        private boolean classPathProtocols = true;
        private CompletableFuture<Void> stopRequested = new CompletableFuture<>();

        private Builder() {
        }

        /**
         * @param enabled whether protocols on the class path are served too (the default: that is how a
         *     plugin's tests run it); false serves only the plugin directories' JARs, as an installed daemon
         */
        public Builder classPathProtocols(boolean enabled) {
            this.classPathProtocols = enabled;
            return this;
        }

        /**
         * @param stopRequested completed when a stop is asked for (the launcher's SIGTERM handler does it),
         *     even while the daemon is still starting or reloading: a plugin's {@code open} then in progress
         *     is given up, so the stop that follows need not wait for it; {@link #close()} completes it too
         */
        public Builder stopRequested(CompletableFuture<Void> stopRequested) {
            this.stopRequested = Objects.requireNonNull(stopRequested, "stopRequested");
            return this;
        }

        /** @param config the YAML configuration file */
        public Builder config(Path config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** @param home what relative paths in the configuration resolve against */
        public Builder home(Path home) {
            this.home = Objects.requireNonNull(home, "home");
            return this;
        }

        /** @param clock the clock protocols read the time from */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Loads the configuration and plugins and starts every service. A service that cannot start is
         * reported in the status and the log; the others run.
         *
         * @return the running daemon
         * @throws ConfigProblems when the configuration itself is invalid (nothing is started)
         */
        public Switchboard start() throws ConfigProblems {
            Objects.requireNonNull(config, "config must be set");
            log.info("Switchboard {} starting: config {}, home {}", Version.get(), config, home);
            Config loaded = ConfigLoader.load(config, home);
            PluginHost plugins = PluginHost.load(loaded.daemon().pluginDirs(), Version.get(), classPathProtocols);
            plugins.problems().forEach(p -> log.warn("{}", p));
            plugins.plugins().forEach(p -> log.info("plugin {} {} from {}: protocols {}", p.id(), p.version(),
                    p.path().getFileName(), p.protocols()));
            try {
                return new Switchboard(Daemon.start(loaded, plugins, clock, Version.get(), stopRequested), config, home,
                        classPathProtocols);
            } catch (RuntimeException | Error e) {
                plugins.close();
                throw e;
            }
        }
    }
}
