package dev.switchboard.daemon;

import dev.switchboard.daemon.cli.Cli;
import dev.switchboard.daemon.cli.ExitGuard;
import org.apache.logging.log4j.LogManager;
import org.slf4j.LoggerFactory;

/** The launcher's entry point: runs the command line and exits with its code. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = new Cli(System.out, System.err, Switchboard.defaultHome()).run(args);
        } catch (RuntimeException | Error e) {
            LoggerFactory.getLogger("switchboard").error("crashed", e);
            code = Cli.CRASH;
        }
        LogManager.shutdown();
        ExitGuard.daemonExits();
        System.exit(code);
    }
}
