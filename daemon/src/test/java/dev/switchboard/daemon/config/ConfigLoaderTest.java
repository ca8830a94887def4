package dev.switchboard.daemon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.switchboard.daemon.Switchboard;
import dev.switchboard.daemon.testing.TestConfigs;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code switchboard check} tells a user about a broken configuration: every problem as
 * {@code FILE:LINE: key.path: message}, pointing at the line to fix. Line numbers in the comments of
 * each YAML text count from 1.
 */
class ConfigLoaderTest {

    @TempDir
    Path tmp;

    private Path file;

    private List<String> check(String yaml) {
        file = TestConfigs.write(tmp, yaml);
        return Switchboard.check(file, tmp);
    }

    /** Asserts there is exactly one problem, at that line and key, whose message contains {@code message}. */
    private void assertOnlyProblem(List<String> problems, int line, String key, String message) {
        assertEquals(1, problems.size(), () -> "expected one problem, got " + problems);
        assertProblem(problems, line, key, message);
    }

    private void assertProblem(List<String> problems, int line, String key, String message) {
        String prefix = file + ":" + line + ": " + (key.isEmpty() ? "" : key + ": ");
        if (problems.stream().noneMatch(p -> p.startsWith(prefix) && p.substring(prefix.length()).contains(message))) {
            fail("expected a problem '" + prefix + "..." + message + "...', got " + problems);
        }
    }

    @Test
    void aBadItemOfAListIsReportedAtTheItemsOwnLine() {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                services:
                  echo:
                    port: 0
                    protocol: lines
                    deny:
                      - 10.0.0.0/8
                      - 10.0.0.0/33
                """);
        assertOnlyProblem(problems, 9, "services.echo.deny[1]", "10.0.0.0/33");
    }

    @Test
    void aSingleNetworkWhereAListIsExpectedIsAListOfOne() throws Exception {
        file = TestConfigs.write(tmp, """
                daemon: {plugins: PLUGINS}
                services:
                  echo: {port: 0, protocol: lines, deny: 10.0.0.0/8}
                """);
        Config config = ConfigLoader.load(file, tmp);
        assertEquals(List.of(Cidr.parse("10.0.0.0/8")), config.services().get(0).access().deny());
    }

    @Test
    void anEmptyServicesMappingIsAnError() {
        assertOnlyProblem(check("daemon: {plugins: PLUGINS}\nservices: {}\n"), 2, "services", "no services are configured");
    }

    @Test
    void reportsAYamlSyntaxErrorAtTheBadlyIndentedLine() {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                services:
                  echo:
                    port: 0
                   protocol: lines
                """);
        assertOnlyProblem(problems, 6, "", "YAML syntax error:");
    }

    @Test
    void reportsAListWhereANumberIsExpected() {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                  max-connections: [10, 20]
                services:
                  echo: {protocol: lines, port: 0}
                """);
        assertOnlyProblem(problems, 3, "daemon.max-connections", "expected a whole number, found a list");
    }

    @Test
    void reportsAMappingWhereTextIsExpected() {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                defaults:
                  busy-message:
                    text: too busy
                services:
                  echo: {protocol: lines, port: 0}
                """);
        assertOnlyProblem(problems, 4, "defaults.busy-message", "expected text, found a mapping");
    }

    @Test
    void reportsServicesGivenAsAListInsteadOfAMapping() {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                services:
                  - echo
                """);
        assertOnlyProblem(problems, 3, "services", "expected a mapping of services, found a list");
    }

    @Test
    void suggestsTheRightTopLevelKeyForAMisspeltOne() {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                default:
                  idle-timeout: 10s
                services:
                  echo: {protocol: lines, port: 0}
                """);
        assertOnlyProblem(problems, 3, "default", "unknown key (did you mean 'defaults'?)");
    }

    @Test
    void suggestsTheRightDaemonKeyForAMisspeltOne() {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                  max-conections: 10
                services:
                  echo: {protocol: lines, port: 0}
                """);
        assertOnlyProblem(problems, 3, "daemon.max-conections", "unknown key (did you mean 'max-connections'?)");
    }

    @Test
    void suggestsTheRightDefaultsKeyForAMisspeltOne() {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                defaults:
                  idle-timout: 10s
                services:
                  echo: {protocol: lines, port: 0}
                """);
        assertOnlyProblem(problems, 4, "defaults.idle-timout", "unknown key (did you mean 'idle-timeout'?)");
    }

    @Test
    void reportsAnAllowEntryThatIsNoAddress() {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                defaults:
                  allow: [10.0.0.0/8, 300.1.1.1]
                services:
                  echo: {protocol: lines, port: 0}
                """);
        assertOnlyProblem(problems, 4, "defaults.allow[1]", "'300.1.1.1' is not an address or network");
    }

    @Test
    void reportsDenyPrefixesLongerThanTheAddressForIpv4AndIpv6() {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                services:
                  v4:
                    protocol: lines
                    port: 0
                    deny: [10.0.0.0/33]
                  v6:
                    protocol: lines
                    port: 0
                    deny:
                      - "fd00::/129"
                """);
        assertEquals(2, problems.size(), problems::toString);
        assertProblem(problems, 7, "services.v4.deny[0]", "'10.0.0.0/33' has a bad prefix length (0 to 32)");
        assertProblem(problems, 12, "services.v6.deny[0]", "'fd00::/129' has a bad prefix length (0 to 128)");
    }

    @Test
    void reportsAnIpv6PrefixOutsideThirtyTwoToOneTwentyEightAndInheritsAGoodOne() throws Exception {
        List<String> problems = check("""
                daemon: {plugins: PLUGINS}
                defaults:
                  ipv6-prefix: 31
                services:
                  wide:   {protocol: lines, port: 0, ipv6-prefix: 129}
                  words:  {protocol: lines, port: 0, ipv6-prefix: sixty-four}
                """);
        assertEquals(3, problems.size(), problems::toString);
        assertProblem(problems, 3, "defaults.ipv6-prefix", "31 is out of range (32 to 128)");
        assertProblem(problems, 5, "services.wide.ipv6-prefix", "129 is out of range (32 to 128)");
        assertProblem(problems, 6, "services.words.ipv6-prefix", "'sixty-four' is not a whole number");

        assertEquals(List.of(), check("""
                daemon: {plugins: PLUGINS}
                defaults: {ipv6-prefix: 56}
                services:
                  inherits: {protocol: lines, port: 0}
                  exact:    {protocol: lines, port: 0, ipv6-prefix: 128}
                  plain:    {protocol: lines, port: 0}
                """));
        Config config = ConfigLoader.load(file, tmp);
        assertEquals(56, config.service("inherits").orElseThrow().access().ipv6Prefix());
        assertEquals(128, config.service("exact").orElseThrow().access().ipv6Prefix());
        assertEquals(64, AccessPolicy.DEFAULT.ipv6Prefix(), "a /64 is what one home connection gets");
    }

    @Test
    void reportsAPortOutOfRange() {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                services:
                  echo:
                    protocol: lines
                    port: 70000
                """);
        assertOnlyProblem(problems, 6, "services.echo.port", "70000 is not a port (1-65535, or 0 for any free port)");
    }

    @Test
    void reportsAMissingPortAtTheServicesLine() {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                services:
                  echo:
                    protocol: lines
                """);
        assertOnlyProblem(problems, 4, "services.echo", "no port: add 'port: N'");
    }

    @Test
    void reportsTwoServicesOnOnePortNamingTheFirst() {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                services:
                  first:
                    protocol: lines
                    port: 7007
                  second:
                    protocol: lines
                    port: 7007
                """);
        assertOnlyProblem(problems, 9, "services.second.port",
                "port 7007 is already used by service 'first' (line 4)");
    }

    @Test
    void allowsOnePortOnTwoDifferentAddresses() {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                services:
                  first:  {protocol: lines, port: 7007, bind: 127.0.0.1}
                  second: {protocol: lines, port: 7007, bind: 127.0.0.2}
                """);
        assertEquals(List.of(), problems);
    }

    @Test
    void reportsAPortThatIsNoNumber() {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                services:
                  echo: {protocol: lines, port: seven}
                """);
        assertOnlyProblem(problems, 4, "services.echo.port", "'seven' is not a port (1-65535, or 0 for any free port)");
    }

    @Test
    void reportsAnEnabledFlagThatIsNeitherTrueNorFalse() {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                services:
                  echo:
                    protocol: lines
                    port: 0
                    enabled: maybe
                """);
        assertOnlyProblem(problems, 7, "services.echo.enabled", "'maybe' is not true or false");
    }

    @Test
    void suggestsTheDaemonsServiceKeyForAMisspeltOneInAService() {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                services:
                  echo:
                    protocol: lines
                    port: 0
                    max-conections: 5
                """);
        assertOnlyProblem(problems, 7, "services.echo.max-conections", "unknown key (did you mean 'max-connections'?)");
    }

    @Test
    void acceptsVirtualThreadsOnlyWhereTheJvmHasThem() {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                  threads: virtual
                services:
                  echo: {protocol: lines, port: 0}
                """);
        if (Runtime.version().feature() >= 21) {
            assertEquals(List.of(), problems);
        } else {
            assertOnlyProblem(problems, 3, "daemon.threads", "virtual threads need Java 21 or later");
        }
    }

    @Test
    void reportsADuplicateKeyWithBothLines() {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                services:
                  echo:
                    protocol: lines
                    port: 7007
                    port: 7008
                """);
        assertOnlyProblem(problems, 7, "services.echo.port", "duplicate key (first set on line 6)");
    }

    @Test
    void reportsAProtocolNoPluginProvidesWithTheAvailableOnes() {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                services:
                  echo:
                    protocol: nosuch
                    port: 0
                """);
        assertOnlyProblem(problems, 5, "services.echo.protocol", "no plugin provides protocol 'nosuch' (available: ");
        assertTrue(problems.get(0).contains("lines"), problems.get(0));
    }

    @Test
    void doesNotCheckTheProtocolOfADisabledService() {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                services:
                  echo:
                    protocol: nosuch
                    port: 0
                    enabled: false
                """);
        assertEquals(List.of(), problems);
    }

    @Test
    void reportsADurationWithoutAUnitItKnows() {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                  shutdown-grace: 5 seconds
                services:
                  echo: {protocol: lines, port: 0}
                """);
        assertOnlyProblem(problems, 3, "daemon.shutdown-grace", "'5 seconds' is not a duration (write a number and a unit");
    }

    @Test
    void reportsAZeroIdleTimeout() {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                services:
                  echo:
                    protocol: lines
                    port: 0
                    idle-timeout: 0s
                """);
        assertOnlyProblem(problems, 7, "services.echo.idle-timeout", "must be longer than zero");
    }

    @Test
    void reportsAZeroPluginTimeoutAndReadsAGoodOne() throws Exception {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                  plugin-timeout: 0s
                services:
                  echo: {protocol: lines, port: 0}
                """);
        assertOnlyProblem(problems, 3, "daemon.plugin-timeout", "must be longer than zero");
        Path good = TestConfigs.write(tmp, "daemon: {plugin-timeout: 1500ms}\nservices:\n  echo: {protocol: lines, port: 0}\n");
        assertEquals(Duration.ofMillis(1500), ConfigLoader.load(good, tmp).daemon().pluginTimeout());
        Path unset = TestConfigs.write(tmp, "services:\n  echo: {protocol: lines, port: 0}\n");
        assertEquals(Duration.ofSeconds(10), ConfigLoader.load(unset, tmp).daemon().pluginTimeout());
    }

    @Test
    void reportsADurationTooLongToRepresentInsteadOfCrashing() {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                  shutdown-grace: 99999999999999999d
                services:
                  echo:
                    protocol: lines
                    port: 0
                    idle-timeout: 99999999999999999999s
                """);
        assertEquals(2, problems.size(), problems::toString);
        assertProblem(problems, 3, "daemon.shutdown-grace", "'99999999999999999d' is too long");
        assertProblem(problems, 8, "services.echo.idle-timeout", "'99999999999999999999s' is too long");
    }

    @Test
    void reportsAnUnknownThreadMode() {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                  threads: platform:0
                services:
                  echo: {protocol: lines, port: 0}
                """);
        assertOnlyProblem(problems, 3, "daemon.threads", "'platform:0' is not a thread mode (auto, virtual or platform:N");
    }

    @Test
    void reportsABindAddressThatIsAHostName() {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                  bind: example.org
                services:
                  echo: {protocol: lines, port: 0}
                """);
        assertOnlyProblem(problems, 3, "daemon.bind", "'example.org' is not an IP address");
    }

    @Test
    void reportsAServiceBindAddressWithAnOctetOver255() {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                services:
                  echo:
                    protocol: lines
                    port: 0
                    bind: 127.0.0.256
                """);
        assertOnlyProblem(problems, 7, "services.echo.bind", "'127.0.0.256' is not an IP address");
    }

    @Test
    void reportsAServiceNameWithASpace() {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                services:
                  my echo:
                    protocol: lines
                    port: 0
                """);
        assertOnlyProblem(problems, 4, "services.my echo", "a service name is letters, digits, '_' and '-'");
    }

    @Test
    void reportsAnEmptyFile() {
        List<String> problems = check("");
        assertOnlyProblem(problems, 1, "", "expected a mapping with daemon:, defaults: and services:, found empty");
    }

    @Test
    void reportsAConfigurationWithoutServices() {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                """);
        assertOnlyProblem(problems, 1, "services", "no services are configured: add at least one under services:");
    }

    @Test
    void reportsAnEmptyServicesSectionAtItsOwnLine() {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                services:
                """);
        assertOnlyProblem(problems, 3, "services", "no services are configured: add at least one under services:");
    }

    @Test
    void reportsAListOfPortsAsNotOnePort() {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                services:
                  echo:
                    port: [7007, 7008]
                """);
        assertOnlyProblem(problems, 5, "services.echo.port",
                "expected one port number (1-65535, or 0 for any free port): one socket per service");
    }

    @Test
    void reportsAnUnknownPluginKeyWithTheServiceLineAndASuggestion() {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                services:
                  echo:
                    protocol: lines
                    port: 0
                    prefx: "> "
                """);
        assertOnlyProblem(problems, 7, "services.echo.prefx", "unknown key (did you mean 'prefix'?)");
    }

    @Test
    void reportsAPluginKeyOfTheWrongTypeAtItsLine() {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                services:
                  echo:
                    protocol: lines
                    port: 0
                    prefix: [a, b]
                """);
        assertOnlyProblem(problems, 7, "services.echo.prefix", "expected text, found a list");
    }

    @Test
    void reportsEveryProblemOfAFileInLineOrder() {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                  threads: many
                defaults:
                  idle-timeout: soon
                services:
                  echo:
                    protocol: lines
                    port: -1
                  other:
                    protocol: lines
                    port: 7007
                    deny: [not-an-address]
                """);
        assertEquals(4, problems.size(), problems::toString);
        assertProblem(problems, 3, "daemon.threads", "'many' is not a thread mode");
        assertProblem(problems, 5, "defaults.idle-timeout", "'soon' is not a duration");
        assertProblem(problems, 9, "services.echo.port", "-1 is not a port");
        assertProblem(problems, 13, "services.other.deny[0]", "'not-an-address' is not an address or network");
        assertTrue(problems.get(0).startsWith(file + ":3:") && problems.get(3).startsWith(file + ":13:"), problems::toString);
    }

    @Test
    void reportsPluginProblemsOfTheValidServicesAlongsideTheFilesProblems() {
        List<String> problems = check("""
                daemon:
                  plugins: PLUGINS
                  threads: many
                services:
                  echo:
                    protocol: lines
                    port: 0
                    prefx: "> "
                """);
        assertEquals(2, problems.size(), problems::toString);
        assertProblem(problems, 3, "daemon.threads", "'many' is not a thread mode");
        assertProblem(problems, 8, "services.echo.prefx", "unknown key (did you mean 'prefix'?)");
    }

    @Test
    void acceptsTheShippedConfigurationAsFarAsTheDaemonOwnsIt() throws Exception {
        // The protocols' own keys need their plugins, which the dist module's tests have; the rest is checked here.
        Path shipped = Path.of("..", "conf", "switchboard.yml");
        assertTrue(Files.isRegularFile(shipped), "no shipped configuration at " + shipped.toAbsolutePath());
        Config config = ConfigLoader.load(shipped, tmp);
        assertTrue(config.services().stream().anyMatch(ServiceConfig::enabled), "no enabled service");
        assertEquals(List.of(tmp.resolve("plugins")), config.daemon().pluginDirs());
    }

    @Test
    void acceptsAConfigurationThatSetsEveryDaemonOption() throws Exception {
        String yaml = """
                # Shipped-style: every option the daemon owns, set once.
                daemon:
                  bind: "::"
                  plugins: [PLUGINS]
                  threads: platform:8
                  max-connections: 100
                  shutdown-grace: 5s
                defaults:
                  idle-timeout: 5m
                  max-connections: 500
                  max-connections-per-ip: 64
                  max-connects-per-second-per-ip: 20
                  allow: [127.0.0.0/8, "::1", 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, "fc00::/7", "fe80::/10"]
                  deny: [10.66.0.0/16]
                  busy-message: "busy, try again later"
                  deny-message: "not from your network"
                services:
                  echo:    { protocol: lines, port: 7007, prefix: "> " }
                  quiet:   { protocol: lines, port: 7008, bind: 127.0.0.1, idle-timeout: 30s, max-connections-per-ip: 2 }
                  spare:   { protocol: lines, port: 7009, enabled: false }
                """;
        assertEquals(List.of(), check(yaml));

        Config config = ConfigLoader.load(file, tmp);
        assertEquals(InetAddress.getByName("::"), config.daemon().bind());
        assertEquals(List.of(tmp.resolve("plugins")), config.daemon().pluginDirs());
        assertEquals(new ThreadMode(ThreadMode.Kind.PLATFORM, 8), config.daemon().threads());
        ServiceConfig echo = config.service("echo").orElseThrow();
        assertEquals(Duration.ofMinutes(5), echo.access().idleTimeout());
        assertEquals(100, echo.access().maxConnections(), "a service never holds more than the daemon allows");
        assertEquals(7, echo.access().allow().size());
        assertEquals(List.of(Cidr.parse("10.66.0.0/16")), echo.access().deny());
        assertEquals("busy, try again later", echo.access().busyMessage());
        ServiceConfig quiet = config.service("quiet").orElseThrow();
        assertEquals(InetAddress.getByName("127.0.0.1"), quiet.bind());
        assertEquals(Duration.ofSeconds(30), quiet.access().idleTimeout());
        assertEquals(2, quiet.access().maxConnectionsPerIp());
        assertEquals(20, quiet.access().maxConnectsPerSecondPerIp(), "inherited from defaults");
        assertTrue(!config.service("spare").orElseThrow().enabled());
        assertTrue(Files.isDirectory(tmp.resolve("plugins")));
    }

    @Test
    void tlsAndUdpKeysAreCheckedWhereTheyAreWrittenAndInheritedFromDefaults() {
        List<String> problems = check("""
                daemon: {plugins: PLUGINS}
                defaults:
                  transport: sideways
                  tls-handshake-timeout: 0s
                services:
                  half: {protocol: lines, port: 0, tls-certificate: cert.pem}
                  store: {protocol: lines, port: 0, tls-keystore: a.p12}
                  dtls: {protocol: lines, port: 0, transport: udp, tls-certificate: c.pem, tls-key: k.pem}
                  limits: {protocol: lines, port: 0, transport: udp, max-answers-per-second: 0}
                """);
        assertProblem(problems, 3, "defaults.transport", "'sideways' is not one of tcp, udp, both");
        assertProblem(problems, 4, "defaults.tls-handshake-timeout", "must be longer than zero and at most 5m");
        assertProblem(problems, 6, "services.half.tls-certificate", "tls-certificate and tls-key go together");
        assertProblem(problems, 7, "services.store.tls-keystore", "needs tls-keystore-password-file: FILE");
        assertProblem(problems, 8, "services.dtls.transport", "TLS is for TCP");
        assertProblem(problems, 9, "services.limits.max-answers-per-second", "");
    }

    @Test
    void aTcpAndAUdpServiceMayShareAPortNumberButTwoUdpServicesMayNot() {
        List<String> problems = check("""
                daemon: {plugins: PLUGINS}
                services:
                  tcp: {protocol: lines, port: 7777}
                  udp: {protocol: lines, port: 7777, transport: udp}
                  again: {protocol: lines, port: 7777, transport: both}
                """);
        assertProblem(problems, 5, "services.again.port", "port 7777 is already used by service 'tcp'");
        assertEquals(1, problems.stream().filter(p -> p.contains("already used")).count(), problems.toString());
    }
}
