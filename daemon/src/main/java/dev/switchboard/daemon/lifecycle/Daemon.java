package dev.switchboard.daemon.lifecycle;

import dev.switchboard.api.DaemonStatus;
import dev.switchboard.api.ServiceStatus;
import dev.switchboard.daemon.background.BackgroundThreads;
import dev.switchboard.daemon.config.Config;
import dev.switchboard.daemon.config.Problem;
import dev.switchboard.daemon.config.ServiceConfig;
import dev.switchboard.daemon.config.ThreadMode;
import dev.switchboard.daemon.net.ClientExecutors.ClientExecutor;
import dev.switchboard.daemon.net.ClientExecutors;
import dev.switchboard.daemon.net.ConnectionBudget;
import dev.switchboard.daemon.net.Listener;
import dev.switchboard.daemon.net.Watchdog;
import dev.switchboard.daemon.net.tls.TlsMaterial;
import dev.switchboard.daemon.plugin.PluginHost;
import dev.switchboard.daemon.service.PluginCalls;
import dev.switchboard.daemon.service.Service;
import dev.switchboard.daemon.service.ServiceEnvironment;
import dev.switchboard.daemon.service.ServiceFailure;
import dev.switchboard.daemon.service.ServiceTls;
import dev.switchboard.daemon.status.ActivityRecorder;
import dev.switchboard.daemon.status.StatusBoard;
import dev.switchboard.daemon.status.StatusView;
import dev.switchboard.daemon.status.Viewer;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running daemon: every service on one shared executor, the idle watchdog, reloads (see
 * {@link ReloadPlan}), and the orderly stop (stop accepting, drain, wait up to the grace time, close the rest).
 */
public final class Daemon {

    private static final Logger log = LoggerFactory.getLogger(Daemon.class);

    private final Clock clock;
    private final ClientExecutor executor;
    private final BackgroundThreads background;
    private final ConnectionBudget budget;
    private final Watchdog watchdog;
    private final StatusBoard board;
    private final PluginCalls calls;
    /** Completed when a stop is asked for: an {@code open} in progress (a start, a reload) gives up. */
    private final CompletableFuture<Void> stopRequested;
    private volatile Config config;
    private volatile PluginHost plugins;
    /** The services of the current configuration, in its order; replaced whole by a reload. */
    private volatile List<Service> services;
    /** Services a reload removed or replaced, draining in the background until their clients are gone. */
    private final List<Service> retiring = new CopyOnWriteArrayList<>();
    /** Guarded by this. */
    private boolean stopped;

    private Daemon(Config config, PluginHost plugins, Clock clock, String version,
                   CompletableFuture<Void> stopRequested) {
        this.config = config;
        this.stopRequested = stopRequested;
        this.calls = new PluginCalls(config.daemon().pluginTimeout(), stopRequested);
        this.plugins = plugins;
        this.clock = clock;
        this.executor = ClientExecutors.create(config.daemon().threads(), handlerSlots(config));
        // Background work follows the clients' choice: threads: platform:N means no virtual threads at all.
        this.background = BackgroundThreads.create(config.daemon().threads().kind() == ThreadMode.Kind.PLATFORM
                ? Optional::empty : ClientExecutors::virtual);
        this.budget = new ConnectionBudget(config.daemon().maxConnections());
        this.board = new StatusBoard(version, clock.instant(), executor.mode(), clock);
        ServiceEnvironment environment = environment(plugins);
        this.services = config.services().stream().map(s -> new Service(s, environment)).toList();
        this.watchdog = new Watchdog(this::listeners);
        watchdog.every(ActivityRecorder.INTERVAL, this::sampleHistory);
    }

    /** @return how many handlers the enabled services' quotas allow at once, all together */
    private static int handlerSlots(Config config) {
        return config.services().stream().filter(ServiceConfig::enabled)
                .mapToInt(s -> s.access().maxConnections()).sum();
    }

    /** An explicit platform:N pool is the user's choice; say when one service could crowd out the rest. */
    private static void warnAboutSharedPool(Config config) {
        if (config.daemon().threads().kind() != ThreadMode.Kind.PLATFORM) {
            return;
        }
        int threads = config.daemon().threads().threads();
        List<ServiceConfig> enabled = config.services().stream().filter(ServiceConfig::enabled).toList();
        for (ServiceConfig s : enabled) {
            if (enabled.size() > 1 && s.access().maxConnections() * 2 > threads) {
                log.warn("service {}: max-connections {} is more than half of threads: platform:{}; if its handlers "
                        + "get stuck, other services' clients wait for a thread (use threads: auto, or lower it)",
                        s.name(), s.access().maxConnections(), threads);
            }
        }
    }

    private ServiceEnvironment environment(PluginHost host) {
        return new ServiceEnvironment(host, executor.executor(), budget, clock, new StatusView() {
            @Override
            public DaemonStatus forAnyone() {
                return statusForAnyone();
            }

            @Override
            public DaemonStatus forClient(InetAddress client) {
                return status(client);
            }
        }, calls, background);
    }

    /**
     * Starts every service; a service that fails is reported and the others run.
     *
     * @return the daemon, with each service running or failed
     */
    public static Daemon start(Config config, PluginHost plugins, Clock clock, String version) {
        return start(config, plugins, clock, version, new CompletableFuture<>());
    }

    /**
     * Like {@link #start(Config, PluginHost, Clock, String)}.
     *
     * @param stopRequested completed when a stop is asked for (SIGTERM), also while starting or reloading:
     *     plugins' {@code open} calls still running then are given up, so the stop need not wait for them
     */
    public static Daemon start(Config config, PluginHost plugins, Clock clock, String version,
                               CompletableFuture<Void> stopRequested) {
        Daemon daemon = new Daemon(config, plugins, clock, version, stopRequested);
        warnAboutSharedPool(config);
        daemon.services.forEach(Service::start);
        daemon.logSummary(version);
        return daemon;
    }

    /**
     * Applies a new configuration and freshly loaded plugins without a restart, all or nothing. Every
     * new and changed service is opened and bound first (a changed one on the same port takes over its
     * old socket); if any of that fails, what was opened is closed again and nothing changes. Otherwise
     * unchanged services keep their sockets and clients; removed and changed ones stop accepting and
     * drain in the background for up to {@code shutdown-grace}; new and changed ones start accepting.
     *
     * @param next the new configuration
     * @param nextPlugins the plugins loaded for it; owned by the daemon from now on
     * @return what changed, or why nothing did
     */
    public synchronized ReloadReport reload(Config next, PluginHost nextPlugins) {
        if (stopped) {
            nextPlugins.close();
            return ReloadReport.refused(List.of("the daemon is stopping"));
        }
        Duration timeoutBefore = calls.timeout();
        calls.timeout(next.daemon().pluginTimeout());
        ReloadPlan plan = ReloadPlan.of(services, next.services(), nextPlugins);
        List<Service> outgoing = plan.outgoing();
        ServiceEnvironment environment = environment(nextPlugins);
        List<Problem> problems = new ArrayList<>();
        Map<ReloadPlan.Step, Service> prepared = new LinkedHashMap<>();
        for (ReloadPlan.Step step : plan.steps()) {
            if (step.action() != ReloadPlan.Action.KEEP) {
                Service service = new Service(step.config(), environment);
                try {
                    service.prepare(outgoing);
                    prepared.put(step, service);
                } catch (ServiceFailure f) {
                    problems.addAll(f.problems());
                }
            }
        }
        // Kept TLS services re-read their certificates too (certbot renewed them): a bad one refuses the reload.
        Map<Service, TlsMaterial> certificates = new LinkedHashMap<>();
        for (ReloadPlan.Step step : plan.steps()) {
            if (step.action() == ReloadPlan.Action.KEEP && step.config().enabled()) {
                try {
                    ServiceTls.load(step.config(), clock.instant())
                            .ifPresent(m -> certificates.put(step.old().orElseThrow(), m));
                } catch (ServiceFailure f) {
                    problems.addAll(f.problems());
                }
            }
        }
        if (!problems.isEmpty() || calls.stopping()) {
            calls.timeout(timeoutBefore);
            prepared.values().forEach(Service::abandon);
            // A broken plugin JAR is often why a protocol is missing: name both.
            List<String> reasons = new ArrayList<>(nextPlugins.problems());
            if (problems.isEmpty()) {
                reasons.add("the daemon is stopping");
            }
            problems.sort(Comparator.comparingInt(Problem::line));
            problems.forEach(p -> reasons.add(p.toString()));
            nextPlugins.close();
            return ReloadReport.refused(reasons);
        }
        List<String> changes = new ArrayList<>(DaemonChanges.between(config, next, plugins, nextPlugins));
        // Old and new services' handlers may run side by side while the old ones drain.
        executor.growTo(handlerSlots(config) + handlerSlots(next))
                .ifPresent(n -> changes.add("the shared pool may now grow to " + n + " threads"));
        warnAboutSharedPool(next);
        // New ones accept first: a socket taken over passes from the old acceptor to the new one.
        prepared.values().forEach(Service::activate);
        outgoing.forEach(Service::stopAccepting);
        Drain.drainAll(outgoing, calls.deadline());
        List<Service> nextServices = new ArrayList<>();
        for (ReloadPlan.Step step : plan.steps()) {
            Service service = step.action() == ReloadPlan.Action.KEEP ? step.old().orElseThrow() : prepared.get(step);
            if (step.action() == ReloadPlan.Action.KEEP) {
                changes.add("service " + service.name() + " unchanged: its socket and " + service.clientCount()
                        + " connected clients are untouched");
                TlsMaterial certificate = certificates.get(service);
                if (certificate != null) {
                    service.replaceCertificate(certificate).ifPresent(changes::add);
                    certificate.expiryWarning(clock.instant()).ifPresent(w -> {
                        log.warn("{}: {}", service.name(), w);
                        changes.add("service " + service.name() + ": " + w);
                    });
                }
            } else {
                changes.add(describe(step, service));
            }
            nextServices.add(service);
        }
        for (Service removed : plan.removed()) {
            changes.add("service " + removed.name() + " removed: no new clients; " + removed.clientCount()
                    + " connected clients drain");
        }
        retiring.addAll(outgoing);
        services = List.copyOf(nextServices);
        // Services keep their own plugins loaded: the old host lets go of the rest, which unloads them.
        PluginHost before = plugins;
        plugins = nextPlugins;
        before.close();
        config = next;
        if (!outgoing.isEmpty()) {
            Thread retirer = new Thread(() -> retire(outgoing, next.daemon().shutdownGrace()), "switchboard-retire");
            retirer.setDaemon(true);
            retirer.start();
        }
        return new ReloadReport(true, List.of(), changes);
    }

    private static String describe(ReloadPlan.Step step, Service service) {
        ServiceStatus st = service.status();
        String outcome = switch (st.state()) {
            case RUNNING -> "protocol " + st.protocol() + ", plugin " + st.pluginId() + " " + st.pluginVersion()
                    + ", listening on " + where(st);
            case STOPPED -> st.problem();
            default -> "NOT STARTED: " + st.problem();
        };
        return step.action() == ReloadPlan.Action.ADD ? "service " + st.name() + " added: " + outcome
                : "service " + st.name() + " replaced (" + step.why() + "): " + outcome + "; "
                + step.old().orElseThrow().clientCount() + " clients of the old one drain";
    }

    /** Waits for a reload's outgoing services' clients, up to the grace time, then closes them. */
    private void retire(List<Service> outgoing, Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        Drain.awaitClients(outgoing, deadline, deadline + Drain.HANDLERS_RETURN.toNanos(), "the reload");
        synchronized (this) {
            if (stopped) {
                return; // stop() closed them
            }
            retiring.removeAll(outgoing);
        }
        // Closed outside the lock: a close() that hangs must not hold up a stop or the next reload.
        Drain.closeAll(outgoing, calls.deadline());
        log.info("reload: {} closed", String.join(", ", outgoing.stream().map(Service::name).toList()));
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
        return services;
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
        retiring.forEach(s -> s.listener().ifPresent(result::add));
        return result;
    }

    /** @return a fresh snapshot of every service and status source, whoever may see it */
    public DaemonStatus status() {
        return snapshot(Viewer.daemon());
    }

    /** @return a fresh snapshot with only the parts whose services would admit this client */
    public DaemonStatus status(InetAddress client) {
        return snapshot(Viewer.client(client));
    }

    /** @return a fresh snapshot with only the parts of services that admit every client */
    public DaemonStatus statusForAnyone() {
        return snapshot(Viewer.anyone());
    }

    private DaemonStatus snapshot(Viewer viewer) {
        List<Service> current = services;
        return board.snapshot(current.stream().map(Service::status).toList(), StatusSections.of(current, plugins),
                viewer, ServiceActivities.of(current, viewer, clock.instant()));
    }

    private void sampleHistory() {
        List<Service> current = services;
        board.history().sample(clock.instant(), ServiceActivities.measured(current), StatusSections.of(current, plugins));
    }

    /** Counts a reload, applied or refused, for the status and metrics. */
    public void countReload(ReloadReport report) {
        board.reloaded(report.applied());
    }

    /**
     * Stops the daemon: no new clients, every handler drained, clients given up to the grace time to
     * finish, the rest closed. Takes at most {@code shutdown-grace} plus {@code plugin-timeout}, whatever
     * the plugins do: an {@code open} of a start or reload in progress gives up at once, handlers drain
     * and close side by side, and each call is abandoned at its deadline. Safe to call more than once.
     */
    public void stop() {
        stopRequested.complete(null);
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            stopServices();
        }
    }

    private void stopServices() {
        long start = System.nanoTime();
        List<Service> all = new ArrayList<>(services);
        all.addAll(retiring);
        Duration grace = config.daemon().shutdownGrace();
        long last = start + grace.toNanos() + calls.timeout().toNanos();
        log.info("stopping: no new clients; waiting up to {} s for {} connected clients", grace.toSeconds(),
                all.stream().mapToInt(Service::clientCount).sum());
        all.forEach(Service::stopAccepting);
        // Drains run while the grace time runs: a drain() that hangs costs the stop at most plugin-timeout.
        Drain.drainAll(all, Math.min(calls.deadline(), last));
        Drain.awaitClients(all, start + grace.toNanos(), last, "the stop");
        // close() gets what is left, but never so little that a well-behaved one could not finish.
        Drain.closeAll(all, Math.max(last, System.nanoTime() + Drain.CLOSE_AT_LEAST.toNanos()));
        watchdog.close();
        executor.executor().shutdownNow();
        background.close();
        plugins.close();
        log.info("stopped after {} ms", (System.nanoTime() - start) / 1_000_000);
    }
}
