package dev.switchboard.daemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.daemon.testing.ChildDaemon;
import dev.switchboard.daemon.testing.PluginJars;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real faulty plugin JARs in a daemon of its own JVM, started as the launcher starts it and logging
 * through the shipped log4j2.xml, next to an unrelated plugin's echo service (issue 11 findings 1 and 3):
 * a handler that ignores close and interrupts fills only its own service, whose newcomers hear the busy
 * line while the neighbour echoes and a stop stays within its bound; a handler that throws on every
 * client writes five stack traces and then summary lines, however many clients reach the bug.
 */
@Timeout(180)
class FaultyServeJarTest {

    private static final String BUSY = "full, come back later";

    @TempDir
    Path home;
    private ChildDaemon daemon;

    @BeforeEach
    void install() throws Exception {
        Path build = Files.createDirectories(home.resolve("build"));
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        PluginJars.build("faulty", "test-faulty", "1.0.0", ">=0.1.0", build, plugins.resolve("faulty-1.0.0.jar"));
        PluginJars.build("hanger", "test-hanger", "1.0.0", ">=0.1.0", build, plugins.resolve("hanger-1.0.0.jar"));
        Path config = home.resolve("switchboard.yml");
        Files.writeString(config, """
                daemon: {bind: 127.0.0.1, shutdown-grace: 1s, plugin-timeout: 1s}
                services:
                  wedged:   {protocol: wedged, port: 0, idle-timeout: 300ms, max-connections: 5,
                             busy-message: "%s", max-connects-per-second-per-ip: 0}
                  throwing: {protocol: throwing, port: 0, max-connects-per-second-per-ip: 0}
                  steady:   {protocol: hanger, port: 0}
                """.formatted(BUSY));
        daemon = ChildDaemon.start(home, config);
        daemon.await("ready", o -> o.contains(" ready: 3 of 3 services running"));
    }

    @AfterEach
    void kill() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void wedgedHandlersFillOnlyTheirOwnServiceAndDoNotHoldUpTheStop() throws Exception {
        for (int i = 0; i < 5; i++) {
            try (Socket s = connect("wedged")) {
                BufferedReader in = reader(s);
                assertEquals("wedged", in.readLine());
                assertEquals(null, in.readLine(), "the idle timeout closes the client of a wedged handler");
            }
        }
        for (int i = 0; i < 20; i++) {
            assertEquals("hello " + i, echo("hello " + i));
            try (Socket s = connect("wedged")) {
                BufferedReader in = reader(s);
                assertEquals(BUSY, in.readLine(), "a newcomer while all 5 handlers are wedged");
                assertEquals(null, in.readLine());
            }
        }
        daemon.await("a refusal logged with its reason", o -> o.contains("wedged: refused 127.0.0.1"));
        daemon.await("the stuck handlers named", o -> o.contains("handler of plugin 'test-faulty' 1.0.0 still running"));
        assertEquals("still here", echo("still here"));

        long millis = daemon.stopBySigterm(); // while five handlers ignore everything for 30 s
        assertTrue(millis < 15_000, "a stop beside wedged handlers took " + millis + " ms\n" + daemon.output());
    }

    @Test
    void aBugEveryClientReachesLogsFiveStackTracesThenSummaries() throws Exception {
        int clients = 200;
        for (int i = 0; i < clients; i++) {
            try (Socket s = connect("throwing")) {
                assertEquals(-1, s.getInputStream().read(), "the failing handler's client is closed");
            }
        }
        daemon.await("the summary line", o -> o.contains("throwing: handler failures: "));
        assertEquals("neighbour", echo("neighbour"));
        String log = daemon.output();
        long traces = Pattern.compile("^java\\.lang\\.IllegalStateException: a bug in the faulty plugin", Pattern.MULTILINE)
                .matcher(log).results().count();
        assertEquals(5, traces, "stack traces in\n" + log);
        assertTrue(log.contains("in all); the latest: throwing client 127.0.0.1:"), log);
        assertTrue(log.length() < 64 * 1024, "console log of " + log.length() + " bytes for " + clients + " clients");
    }

    private Socket connect(String service) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), daemon.port(service));
        s.setSoTimeout(10_000);
        return s;
    }

    private static BufferedReader reader(Socket s) throws IOException {
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
    }

    private String echo(String line) throws IOException {
        try (Socket s = connect("steady")) {
            s.getOutputStream().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            return reader(s).readLine();
        }
    }
}
