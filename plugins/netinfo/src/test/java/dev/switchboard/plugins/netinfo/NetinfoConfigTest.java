package dev.switchboard.plugins.netinfo;

import static dev.switchboard.testkit.ConfigAssertions.assertNoProblems;
import static dev.switchboard.testkit.ConfigAssertions.assertProblemOnItsLine;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.testkit.TestDaemon;
import java.util.List;
import org.junit.jupiter.api.Test;

/** netinfo's settings as {@code switchboard check} sees them. */
class NetinfoConfigTest {

    private static final String SERVICE = """
            services:
              netinfo:
                port: 0
            """;

    @Test
    void zeroRequestTimeoutIsReportedWithItsLine() {
        String yaml = SERVICE + "    request-timeout: 0s\n";
        List<String> problems = TestDaemon.withConfig(yaml).check();
        assertEquals(1, problems.size(), problems.toString());
        assertProblemOnItsLine(problems, yaml, "services.netinfo.request-timeout",
                "must be more than 0 and at most 10m, e.g. 5s");
    }

    @Test
    void everyFileRootIsASetting() {
        assertNoProblems(TestDaemon.withConfig(SERVICE + """
                    sysfs: /sys/class/net
                    procfs: /proc
                    resolv-conf: /etc/resolv.conf
                    resolved-conf: /run/systemd/resolve/resolv.conf
                    request-timeout: 2s
                """).check());
    }
}
