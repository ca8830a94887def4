package dev.switchboard.plugins.netinfo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.daemon.Switchboard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** netinfo's settings as {@code switchboard check} sees them. */
class NetinfoConfigTest {

    @TempDir
    Path tmp;

    @Test
    void zeroRequestTimeoutIsReportedWithItsLine() throws IOException {
        assertEquals(List.of(tmp.resolve("switchboard.yml") + ":7: services.netinfo.request-timeout:"
                + " must be more than 0 and at most 10m, e.g. 5s"), check("    request-timeout: 0s\n"));
    }

    @Test
    void everyFileRootIsASetting() throws IOException {
        assertEquals(List.of(), check("""
                    sysfs: /sys/class/net
                    procfs: /proc
                    resolv-conf: /etc/resolv.conf
                    resolved-conf: /run/systemd/resolve/resolv.conf
                    request-timeout: 2s
                """));
    }

    private List<String> check(String settings) throws IOException {
        Path config = tmp.resolve("switchboard.yml");
        Files.writeString(config, """
                daemon:
                  bind: 127.0.0.1
                  plugins: %s
                services:
                  netinfo:
                    port: 0
                """.formatted(Files.createDirectories(tmp.resolve("plugins"))) + settings);
        return Switchboard.check(config);
    }
}
