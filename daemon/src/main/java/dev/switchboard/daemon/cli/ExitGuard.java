package dev.switchboard.daemon.cli;

import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices a {@code System.exit} that the daemon did not ask for: plugins run in the daemon's JVM, and
 * without a security manager (gone in Java 21+) nothing can stop one from exiting it. The exit cannot
 * be refused, so it is made visible: a shutdown hook logs the calling class and its stack, removes the
 * pid file, and ends the JVM with {@link #PLUGIN_EXIT}, so that systemd and scripts see an abnormal stop.
 * {@code Runtime.halt} runs no hooks and cannot be noticed; docs/isolation.md says so.
 */
public final class ExitGuard {

    /** The exit code of an exit the daemon did not ask for. */
    public static final int PLUGIN_EXIT = 4;

    private static final Logger log = LoggerFactory.getLogger(ExitGuard.class);
    private static volatile boolean daemonExits;

    private ExitGuard() {
    }

    /** Called on the daemon's own way out, just before it exits: that exit is not reported. */
    public static void daemonExits() {
        daemonExits = true;
    }

    /** Watches this JVM's exits from now on; {@code pidFile} (may be null) is removed on a foreign one. */
    static void install(PidFile pidFile) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> onExit(pidFile), "switchboard-exit-guard"));
    }

    private static void onExit(PidFile pidFile) {
        if (daemonExits) {
            return;
        }
        // Installed after the signal handlers: SIGTERM, SIGINT and SIGHUP reach the main thread, which
        // exits through daemonExits(). Any other exit that runs hooks is a System.exit from plugin code.
        // A virtual thread's stack is not visible here, so the caller is named when it is a platform thread.
        Optional<Caller> caller = exitCaller();
        String who = caller.map(c -> c.frame() + " on thread '" + c.thread() + "'")
                .orElse("code on a virtual thread (whose stack a shutdown hook cannot see)");
        log.error("System.exit called by {}, not by the daemon: exiting with code {} "
                + "(a plugin ended the JVM; every service stopped).{}", who, PLUGIN_EXIT,
                caller.map(Caller::stack).orElse(""));
        if (pidFile != null) {
            pidFile.delete();
        }
        LogManager.shutdown();
        Runtime.getRuntime().halt(PLUGIN_EXIT);
    }

    private record Caller(String thread, StackTraceElement frame, String stack) {
    }

    /** The thread blocked in {@code Runtime.exit}, and the first frame outside the JDK that called it. */
    private static Optional<Caller> exitCaller() {
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            StackTraceElement[] frames = entry.getValue();
            for (int i = 0; i < frames.length; i++) {
                if (!frames[i].getClassName().equals("java.lang.Runtime") || !frames[i].getMethodName().equals("exit")) {
                    continue;
                }
                for (int j = i + 1; j < frames.length; j++) {
                    if (!isJdk(frames[j].getClassName())) {
                        StringBuilder stack = new StringBuilder();
                        for (int k = j; k < frames.length; k++) {
                            stack.append("\n\tat ").append(frames[k]);
                        }
                        return Optional.of(new Caller(entry.getKey().getName(), frames[j], stack.toString()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isJdk(String className) {
        return className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.");
    }
}
