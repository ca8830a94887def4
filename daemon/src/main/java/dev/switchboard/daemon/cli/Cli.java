package dev.switchboard.daemon.cli;

import dev.switchboard.api.Json;
import dev.switchboard.daemon.Switchboard;
import dev.switchboard.daemon.Version;
import dev.switchboard.daemon.config.AddressText;
import dev.switchboard.daemon.config.Config;
import dev.switchboard.daemon.config.ConfigLoader;
import dev.switchboard.daemon.config.ConfigProblems;
import dev.switchboard.daemon.config.DaemonKeys;
import dev.switchboard.daemon.config.Problem;
import dev.switchboard.daemon.config.ServiceConfig;
import dev.switchboard.daemon.plugin.PluginHost;
import dev.switchboard.daemon.plugin.PluginInfo;
import dev.switchboard.daemon.schema.ConfigSchema;
import dev.switchboard.daemon.schema.ProtocolKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command line: {@code run} (the default), {@code check}, {@code reload}, {@code plugins} and {@code version}, each
 * returning an exit code so it can be tested without exiting the JVM.
 */
public final class Cli {

    /** Exit codes, distinct so systemd and scripts can tell what happened. */
    public static final int OK = 0;
    public static final int CRASH = 1;
    public static final int CONFIG_ERROR = 2;
    /** Not 3: that is how the JVM exits when it runs out of memory (-XX:+ExitOnOutOfMemoryError), a crash to restart. */
    public static final int NO_SERVICE = 5;
    public static final int USAGE = 64;

    private static final Logger log = LoggerFactory.getLogger("switchboard");

    private final PrintStream out;
    private final PrintStream err;
    private final Path home;

    public Cli(PrintStream out, PrintStream err, Path home) {
        this.out = out;
        this.err = err;
        this.home = home;
    }

    /** @return the exit code */
    public int run(String... args) {
        String command = "run";
        Path config = home.resolve("conf/switchboard.yml");
        Path pidFile = null;
        List<String> rest = new ArrayList<>(List.of(args));
        if (!rest.isEmpty() && !rest.get(0).startsWith("-")) {
            command = rest.remove(0);
        }
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if ((arg.equals("--config") || arg.equals("-c")) && i + 1 < rest.size()) {
                config = Path.of(rest.get(++i));
            } else if (arg.startsWith("--config=")) {
                config = Path.of(arg.substring("--config=".length()));
            } else if (arg.equals("--pid-file") && i + 1 < rest.size()) {
                pidFile = Path.of(rest.get(++i));
            } else if (arg.startsWith("--pid-file=")) {
                pidFile = Path.of(arg.substring("--pid-file=".length()));
            } else if (arg.equals("--help") || arg.equals("-h")) {
                return usage(out, OK);
            } else {
                err.println("switchboard: unknown option '" + arg + "'");
                return usage(err, USAGE);
            }
        }
        config = shown(config);
        return switch (command) {
            case "run" -> runDaemon(config, pidFile);
            case "reload" -> reload(config, pidFile);
            case "check" -> check(config);
            case "plugins" -> plugins(config);
            case "schema" -> schema(config);
            case "version" -> version();
            case "help" -> usage(out, OK);
            default -> {
                err.println("switchboard: unknown command '" + command + "'");
                yield usage(err, USAGE);
            }
        };
    }

    private int usage(PrintStream to, int code) {
        to.println("""
                usage: switchboard [run|check|reload|plugins|schema|version] [--config FILE] [--pid-file FILE]
                  run      start the daemon in the foreground (default); SIGTERM or Ctrl-C stops it,
                           SIGHUP reloads the configuration and plugins
                  check    validate the configuration and the plugins' settings; exit 2 on problems
                  reload   check the configuration, then tell the daemon of --pid-file to reload it
                  plugins  list the plugins found, their versions and protocols
                  schema   print the JSON Schema of the configuration file, with the keys of every
                           protocol the plugins provide (for editors: see docs/configuration.md)
                  version  print the version
                  --config FILE     the configuration (default: conf/switchboard.yml in the install)
                  --pid-file FILE   run: write the daemon's process id there; reload: the daemon to reload""");
        return code;
    }

    private int runDaemon(Path config, Path pidFile) {
        Signals signals = new Signals().install();
        PidFile pid = null;
        if (pidFile != null) {
            // Written before starting, so a reload asked for during startup is queued, not lost.
            try {
                pid = PidFile.write(pidFile);
            } catch (IOException e) {
                log.error("not started: cannot write the pid file {}: {}", pidFile, e.toString());
                return CONFIG_ERROR;
            }
        }
        ExitGuard.install(pid);
        try {
            return serve(config, signals);
        } finally {
            if (pid != null) {
                pid.delete();
            }
        }
    }

    private int serve(Path config, Signals signals) {
        Switchboard switchboard;
        try {
            switchboard = Switchboard.builder().config(config).home(home).stopRequested(signals.stopRequested())
                    .start();
        } catch (ConfigProblems e) {
            e.problems().forEach(p -> log.error("{}", p));
            log.error("not started: fix the configuration ({} problem{}); 'switchboard check' lists them",
                    e.problems().size(), e.problems().size() == 1 ? "" : "s");
            return CONFIG_ERROR;
        }
        if (switchboard.runningServices() == 0 && !signals.stopRequested().isDone()) {
            log.error("no service could start: see the reasons above");
            switchboard.close();
            return NO_SERVICE;
        }
        try {
            String signal = signals.next();
            while (Signals.meaning(signal) == Signals.Event.RELOAD) {
                log.info("{} received: reloading", signal);
                switchboard.reload();
                signal = signals.next();
            }
            log.info("{} received", signal);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        switchboard.close();
        return OK;
    }

    private int reload(Path config, Path pidFile) {
        if (pidFile == null) {
            err.println("switchboard reload: name the running daemon's --pid-file (under systemd: "
                    + "systemctl reload switchboard)");
            return USAGE;
        }
        List<String> problems = Switchboard.check(config, home);
        if (!problems.isEmpty()) {
            problems.forEach(err::println);
            err.println(config + ": " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                    + ": not reloaded (the daemon would refuse it and keep running as before)");
            return CONFIG_ERROR;
        }
        try {
            long pid = PidFile.read(pidFile);
            PidFile.signalHangup(pid);
            out.println("asked switchboard (pid " + pid + ") to reload " + config + ": its log says what changed");
            return OK;
        } catch (IOException e) {
            err.println("switchboard reload: " + e.getMessage());
            return NO_SERVICE;
        }
    }

    private int check(Path config) {
        List<String> problems = Switchboard.check(config, home);
        if (!problems.isEmpty()) {
            problems.forEach(err::println);
            err.println(config + ": " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s"));
            return CONFIG_ERROR;
        }
        try {
            Config loaded = ConfigLoader.load(config, home);
            out.println(config + ": OK");
            for (ServiceConfig s : loaded.services()) {
                out.printf("  %-10s protocol %-10s %s%n", s.name(), s.protocol(), s.enabled()
                        ? "port " + (s.port() == 0 ? "any" : s.port()) + " on " + AddressText.of(s.bind())
                        : "disabled");
            }
            return OK;
        } catch (ConfigProblems e) {
            e.problems().stream().map(Problem::toString).forEach(err::println);
            return CONFIG_ERROR;
        }
    }

    private int plugins(Path config) {
        List<Path> dirs;
        try {
            dirs = ConfigLoader.load(config, home).daemon().pluginDirs();
        } catch (ConfigProblems e) {
            err.println(config + " has problems (see 'switchboard check'); listing " + home.resolve("plugins"));
            dirs = List.of(home.resolve("plugins"));
        }
        try (PluginHost host = PluginHost.load(dirs, Version.get())) {
            out.println("plugins in " + String.join(", ", dirs.stream().map(Path::toString).toList()) + ":");
            for (PluginInfo p : host.plugins()) {
                out.printf("  %-12s %-10s protocols: %-20s %s%n", p.id(), p.version(),
                        p.protocols().isEmpty() ? "(none)" : String.join(", ", p.protocols()), p.path().getFileName());
            }
            if (host.plugins().isEmpty()) {
                out.println("  (none)");
            }
            host.problems().forEach(p -> err.println("problem: " + p));
            return host.problems().isEmpty() ? OK : CONFIG_ERROR;
        }
    }

    private int schema(Path config) {
        List<ServiceConfig> services = List.of();
        List<Path> dirs = List.of(home.resolve("plugins"));
        java.time.Duration timeout = DaemonKeys.PLUGIN_TIMEOUT.fallback();
        try {
            Config loaded = ConfigLoader.load(config, home);
            services = loaded.services();
            dirs = loaded.daemon().pluginDirs();
            timeout = loaded.daemon().pluginTimeout();
        } catch (ConfigProblems e) {
            if (e.validPart().isPresent()) {
                services = e.validPart().get().services();
                dirs = e.validPart().get().daemon().pluginDirs();
                timeout = e.validPart().get().daemon().pluginTimeout();
            }
            err.println(config + " has problems (see 'switchboard check'); the schema describes the plugins in "
                    + dirs.stream().map(Path::toString).toList());
        }
        try (PluginHost host = PluginHost.load(dirs, Version.get())) {
            host.problems().forEach(p -> err.println("problem: " + p));
            out.print(Json.writeIndented(ConfigSchema.of(ProtocolKeys.learn(services, host, home, timeout))));
            return OK;
        }
    }

    private int version() {
        out.println("Switchboard " + Version.get() + " (Java " + Runtime.version() + ", "
                + System.getProperty("java.vm.name") + ")");
        return OK;
    }

    /** Shows a path as the user would write it: relative to the working directory when inside it. */
    private static Path shown(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = path.toAbsolutePath().normalize();
        return abs.startsWith(cwd) && Files.exists(abs) ? cwd.relativize(abs) : path;
    }
}
