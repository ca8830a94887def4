package dev.switchboard.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise of docs/compatibility.md, kept by real JARs: 0.1.0's echo and time plugins, built against
 * the 0.1.0 API (commit 8dda3a4) and kept in {@code src/test/compat/0.1.0}, take the place of the shipped
 * ones in this release's packaged daemon, load, and serve their clients.
 */
@Timeout(120)
class PluginCompatibilityIT {

    /** Seconds from 1900-01-01 (RFC 868's epoch) to 1970-01-01. */
    private static final long RFC868_OFFSET = 2_208_988_800L;

    @TempDir
    Path tmp;

    @Test
    void echoAndTimeBuiltAgainstTheFirstApiServeInThisRelease() throws Exception {
        try (DistributionDaemon daemon = DistributionDaemon.install(tmp)) {
            Path plugins = daemon.home().resolve("plugins");
            try (DirectoryStream<Path> shipped = Files.newDirectoryStream(plugins,
                    "switchboard-plugin-{echo,time}-*.jar")) {
                for (Path jar : shipped) {
                    Files.delete(jar);
                }
            }
            for (String jar : new String[] {"switchboard-plugin-echo-0.1.0.jar", "switchboard-plugin-time-0.1.0.jar"}) {
                Files.copy(Path.of("src/test/compat/0.1.0", jar), plugins.resolve(jar));
            }
            daemon.writeConfig("""
                    daemon:
                      bind: 127.0.0.1
                      shutdown-grace: 1s
                    services:
                      echo: { port: 0 }
                      time: { port: 0 }
                      daytime: { protocol: time, port: 0, format: daytime }
                    """);
            daemon.start();
            String log = daemon.output();
            assertTrue(log.matches("(?s).*plugin echo 0\\.1\\.0 from \\S*switchboard-plugin-echo-0\\.1\\.0\\.jar.*"), log);
            assertTrue(log.matches("(?s).*plugin time 0\\.1\\.0 from \\S*switchboard-plugin-time-0\\.1\\.0\\.jar.*"), log);

            try (Socket echo = connect(daemon.port("echo"))) {
                byte[] sent = "built against 0.1.0\r\n".getBytes(StandardCharsets.US_ASCII);
                echo.getOutputStream().write(sent);
                assertArrayEquals(sent, new DataInputStream(echo.getInputStream()).readNBytes(sent.length));
            }
            try (Socket time = connect(daemon.port("time"))) {
                long seconds = Integer.toUnsignedLong(new DataInputStream(time.getInputStream()).readInt());
                long now = Instant.now().getEpochSecond() + RFC868_OFFSET;
                assertTrue(Math.abs(seconds - now) <= 5, "RFC 868 time " + seconds + ", now " + now);
            }
            try (Socket daytime = connect(daemon.port("daytime"))) {
                String line = new String(daytime.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertTrue(line.endsWith("\r\n") && line.length() > 10, line);
            }
            assertEquals(0, daemon.stop(), daemon.output());
        }
    }

    private static Socket connect(int port) throws Exception {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(10_000);
        return socket;
    }
}
