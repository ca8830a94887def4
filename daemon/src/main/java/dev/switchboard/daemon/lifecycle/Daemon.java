package dev.switchboard.daemon.lifecycle;

import dev.switchboard.api.DaemonStatus;
import dev.switchboard.api.ServiceStatus;
import dev.switchboard.api.StatusSource;
import dev.switchboard.daemon.config.Config;
import dev.switchboard.daemon.config.ServiceConfig;
import dev.switchboard.daemon.net.ClientExecutors;
import dev.switchboard.daemon.net.ClientExecutors.ClientExecutor;
import dev.switchboard.daemon.net.ConnectionBudget;
import dev.switchboard.daemon.net.Listener;
import dev.switchboard.daemon.net.Watchdog;
import dev.switchboard.daemon.plugin.PluginHost;
import dev.switchboard.daemon.service.Service;
import dev.switchboard.daemon.service.ServiceEnvironment;
import dev.switchboard.daemon.status.StatusBoard;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running daemon: every service on one shared executor, the idle watchdog, and the orderly stop
 * (stop accepting, drain, wait up to the grace time, close the rest).
 */
public final class Daemon {

    private static final Logger log = LoggerFactory.getLogger(Daemon.class);

    private final Config config;
    private final PluginHost plugins;
    private final ClientExecutor executor;
    private final Watchdog watchdog;
    private final StatusBoard board;
    private final List<Service> services = new CopyOnWriteArrayList<>();
    private boolean stopped;

    private Daemon(Config config, PluginHost plugins, Clock clock, String version) {
        this.config = config;
        this.plugins = plugins;
        this.executor = ClientExecutors.create(config.daemon().threads(), config.daemon().maxConnections());
        this.board = new StatusBoard(version, clock.instant(), executor.mode(), clock);
        ServiceEnvironment environment = new ServiceEnvironment(plugins, executor.executor(),
                new ConnectionBudget(config.daemon().maxConnections()), clock, this::status);
        for (ServiceConfig service : config.services()) {
            services.add(new Service(service, environment));
        }
        this.watchdog = new Watchdog(this::listeners);
    }

    /**
     * Starts every service; a service that fails is reported and the others run.
     *
     * @return the daemon, with each service running or failed
     */
    public static Daemon start(Config config, PluginHost plugins, Clock clock, String version) {
        Daemon daemon = new Daemon(config, plugins, clock, version);
        daemon.services.forEach(Service::start);
        daemon.logSummary(version);
        return daemon;
    }

    private void logSummary(String version) {
        for (Service s : services) {
            ServiceStatus st = s.status();
            switch (st.state()) {
                case RUNNING -> log.info("  {}  protocol {}  plugin {} {}  listening on {}", pad(st.name()),
                        pad(st.protocol()), pad(st.pluginId()), st.pluginVersion(), where(st));
                case STOPPED -> log.info("  {}  {}", pad(st.name()), st.problem());
                default -> log.error("  {}  NOT STARTED: {}", pad(st.name()), st.problem());
            }
        }
        long running = runningCount();
        long enabled = services.stream().filter(s -> s.config().enabled()).count();
        String summary = "Switchboard " + version + " ready: " + running + " of " + enabled + " services running ("
                + System.getProperty("java.vm.name") + " " + Runtime.version() + ", " + executor.mode() + " threads)";
        if (running == enabled) {
            log.info(summary);
        } else {
            log.warn(summary);
        }
    }

    private static String where(ServiceStatus st) {
        return (st.address().contains(":") ? "[" + st.address() + "]" : st.address()) + ":" + st.port();
    }

    private static String pad(String s) {
        return String.format("%-10s", s);
    }

    /** @return how many services accept clients */
    public long runningCount() {
        return services.stream().filter(s -> s.state() == ServiceStatus.State.RUNNING).count();
    }

    /** @return the service with that name */
    public Optional<Service> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** @return every service, in configuration order */
    public List<Service> services() {
        return List.copyOf(services);
    }

    public Config config() {
        return config;
    }

    public PluginHost plugins() {
        return plugins;
    }

    private List<Listener> listeners() {
        List<Listener> result = new ArrayList<>();
        services.forEach(s -> s.listener().ifPresent(result::add));
        return result;
    }

    /** @return a fresh snapshot of every service and status source */
    public DaemonStatus status() {
        List<ServiceStatus> statuses = services.stream().map(Service::status).toList();
        Map<String, StatusSource> sources = new LinkedHashMap<>();
        for (StatusSource source : plugins.statusSources()) {
            putNamed(sources, source, "");
        }
        for (Service s : services) {
            for (StatusSource source : s.published()) {
                putNamed(sources, source, s.name());
            }
        }
        return board.snapshot(statuses, sources);
    }

    private static void putNamed(Map<String, StatusSource> sources, StatusSource source, String service) {
        String name;
        try {
            name = source.name();
        } catch (RuntimeException e) {
            name = source.getClass().getSimpleName();
        }
        // Two chat services both publish "chat": keep both, told apart by service.
        if (sources.putIfAbsent(name, source) != null && !service.isEmpty()) {
            sources.put(name + "@" + service, source);
        }
    }

    /**
     * Stops the daemon: no new clients, every handler drained, clients given up to the grace time to
     * finish, the rest closed. Safe to call more than once.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        Duration grace = config.daemon().shutdownGrace();
        log.info("stopping: no new clients; waiting up to {} s for {} connected clients", grace.toSeconds(),
                services.stream().mapToInt(Service::clientCount).sum());
        services.forEach(Service::stopAccepting);
        services.forEach(Service::drain);
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            for (Service s : services) {
                s.awaitClients(deadline);
            }
            int left = services.stream().mapToInt(Service::clientCount).sum();
            if (left > 0) {
                log.info("closing {} clients still connected after the grace time", left);
                services.forEach(Service::closeClients);
                long closeDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                for (Service s : services) {
                    s.awaitClients(closeDeadline);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            services.forEach(Service::closeClients);
        }
        services.forEach(Service::close);
        watchdog.close();
        executor.executor().shutdownNow();
        plugins.close();
        log.info("stopped");
    }
}
