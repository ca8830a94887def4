package dev.switchboard.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb as a user installs it. lintian must report no error. Installing system-wide needs root on
 * Debian with dpkg (CI runs as root); elsewhere that test is skipped with the reason. It installs with
 * {@code dpkg -i}, checks the files, runs {@code switchboard check} on the installed configuration, starts
 * the daemon from the installed layout as the {@code switchboard} user (with the capability the systemd
 * unit grants, since systemd does not run here) on a test configuration, talks to it, then removes and
 * purges the package, always.
 */
@Timeout(600)
class DebPackageIT {

    private static final Path DEB = Path.of(System.getProperty("switchboard.deb", "target/switchboard_all.deb"));
    private static final Pattern LISTENING = Pattern.compile("^\\S+ \\S+ INFO\\s+(\\S+)\\s+protocol .* listening on (\\S+):(\\d+)$");

    @TempDir
    Path tmp;
    int expectedServices;
    /** The installed daemon, once started: killed in any case before the purge. */
    Process daemon;

    @Test
    void lintianReportsNoErrors() throws Exception {
        assumeTrue(Command.exists("lintian"), "lintian is not installed (apt-get install lintian)");
        Command lintian = Command.run("lintian", "--fail-on", "error", DEB.toString());
        assertEquals(0, lintian.exitCode(), lintian.output());
        assertTrue(lintian.output().lines().noneMatch(l -> l.startsWith("E: ")), lintian.output());
    }

    @Test
    void installsWhereDebianExpectsRunsAsTheSwitchboardUserAndPurgesCleanly() throws Exception {
        assumeTrue(Files.exists(Path.of("/etc/debian_version")) && Command.exists("dpkg"), "not Debian with dpkg");
        assumeTrue(Command.run("id", "-u").output().strip().equals("0"), "installing a package needs root");
        assumeFalse(Command.run("dpkg-query", "-W", "-f=${Status}", "switchboard").output().contains("installed"),
                "a switchboard package is already installed on this machine: not touching it");
        assertTrue(Files.isRegularFile(DEB), "no package at " + DEB + ": run mvn package");

        Command purge;
        try {
            Command install = Command.run("dpkg", "-i", DEB.toString());
            assertEquals(0, install.exitCode(), install.output());
            assertInstalledFiles();
            assertSystemUser();

            Command check = Command.run("/usr/bin/switchboard", "check");
            assertEquals(0, check.exitCode(), check.output());
            assertTrue(check.output().contains("switchboard.yml: OK") && check.output().contains("echo"), check.output());
            assertFalse(Files.exists(Path.of("/var/log/switchboard/switchboard.log")),
                    "check run as root must not create the daemon's log file");
            if (Command.exists("systemd-analyze")) {
                Command verify = Command.run("systemd-analyze", "verify", "/lib/systemd/system/switchboard.service");
                assertEquals(0, verify.exitCode(), verify.output());
            }

            startAsSwitchboardUser();
            serve();
            daemon.destroy(); // SIGTERM
            assertTrue(daemon.waitFor(30, TimeUnit.SECONDS), "the daemon did not stop on SIGTERM");
            assertEquals(0, daemon.exitValue());

            Command remove = Command.run("dpkg", "-r", "switchboard");
            assertEquals(0, remove.exitCode(), remove.output());
            assertFalse(Files.exists(Path.of("/usr/share/switchboard/lib")), "remove takes the program away");
            assertTrue(Files.isRegularFile(Path.of("/etc/switchboard/switchboard.yml")), "remove keeps the configuration");
        } finally {
            if (daemon != null && daemon.isAlive()) {
                daemon.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            purge = Command.run("dpkg", "--purge", "switchboard");
        }
        assertEquals(0, purge.exitCode(), purge.output());
        for (String gone : List.of("/etc/switchboard", "/usr/share/switchboard", "/usr/bin/switchboard",
                "/var/lib/switchboard", "/var/log/switchboard", "/lib/systemd/system/switchboard.service",
                "/etc/default/switchboard")) {
            assertFalse(Files.exists(Path.of(gone)), gone + " is still there after purge");
        }
        assertEquals(2, Command.run("getent", "passwd", "switchboard").exitCode(), "purge removes the user");
    }

    private static void assertInstalledFiles() throws IOException, InterruptedException {
        for (String file : List.of("/etc/switchboard/switchboard.yml", "/etc/switchboard/log4j2.xml",
                "/etc/default/switchboard", "/lib/systemd/system/switchboard.service",
                "/usr/share/doc/switchboard/copyright", "/usr/share/doc/switchboard/changelog.gz",
                "/usr/share/man/man1/switchboard.1.gz")) {
            assertTrue(Files.isRegularFile(Path.of(file)), file + " is missing");
        }
        assertTrue(Files.isExecutable(Path.of("/usr/bin/switchboard")), "/usr/bin/switchboard");
        assertEquals(Path.of("/usr/share/switchboard/bin/switchboard"), Path.of("/usr/bin/switchboard").toRealPath());
        try (Stream<Path> jars = Files.list(Path.of("/usr/share/switchboard/plugins"))) {
            assertTrue(jars.anyMatch(p -> p.getFileName().toString().startsWith("switchboard-plugin-echo")));
        }
        assertTrue(Files.isDirectory(Path.of("/var/lib/switchboard/plugins")));
        String version = System.getProperty("switchboard.version");
        for (String file : List.of("dev/switchboard/switchboard-plugin-api/" + version + "/switchboard-plugin-api-" + version
                + ".jar", "dev/switchboard/switchboard-testkit/" + version + "/switchboard-testkit-" + version + ".jar",
                "javadoc/plugin-api/index.html")) {
            assertTrue(Files.isRegularFile(Path.of("/usr/share/switchboard/sdk", file)), "sdk/" + file + " is missing");
        }
        assertEquals("switchboard", Files.getOwner(Path.of("/var/log/switchboard")).getName());
        String installed = Files.readString(Path.of("/etc/switchboard/switchboard.yml"));
        assertTrue(installed.contains("  plugins: [/usr/share/switchboard/plugins, /var/lib/switchboard/plugins]\n"),
                installed);
        Command conffiles = Command.run("dpkg-query", "--showformat=${Conffiles}", "--show", "switchboard");
        assertTrue(conffiles.output().contains("/etc/switchboard/switchboard.yml")
                && conffiles.output().contains("/etc/switchboard/log4j2.xml"), conffiles.output());
    }

    private static void assertSystemUser() throws IOException, InterruptedException {
        String[] passwd = Command.run("getent", "passwd", "switchboard").output().strip().split(":");
        assertEquals(7, passwd.length, String.join(":", passwd));
        assertTrue(Integer.parseInt(passwd[2]) < 1000, "a system user: " + String.join(":", passwd));
        assertTrue(passwd[6].endsWith("nologin") || passwd[6].endsWith("false"), "no login shell: " + passwd[6]);
    }

    /**
     * The installed launcher as the unit runs it: user switchboard, only CAP_NET_BIND_SERVICE, Java from the
     * PATH (the package's dependency). Echo, also on a port below 1024 when one is free, daytime from the
     * time plugin moved to the users' plugin directory, and http.
     */
    private void startAsSwitchboardUser() throws IOException, InterruptedException {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        UserPrincipal switchboard = tmp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("switchboard");
        Path run = Files.createDirectories(tmp.resolve("run"));
        Files.setOwner(run, switchboard);
        Path www = Files.createDirectories(tmp.resolve("www"));
        Files.setPosixFilePermissions(www, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(www.resolve("index.html"), "<h1>installed</h1>\n");

        try (Stream<Path> jars = Files.list(Path.of("/usr/share/switchboard/plugins"))) {
            Path time = jars.filter(p -> p.getFileName().toString().startsWith("switchboard-plugin-time")).findFirst()
                    .orElseThrow();
            Files.move(time, Path.of("/var/lib/switchboard/plugins").resolve(time.getFileName()));
        }
        Optional<Integer> low = freeLowPort();
        expectedServices = 4 + (low.isPresent() ? 1 : 0);
        Path config = Files.writeString(tmp.resolve("switchboard.yml"), """
                daemon:
                  bind: 127.0.0.1
                  plugins: [/usr/share/switchboard/plugins, /var/lib/switchboard/plugins]
                  shutdown-grace: 2s
                services:
                  echo: {port: 0}
                  low-echo: {protocol: echo, port: %d, enabled: %s}
                  daytime: {protocol: time, port: 0, format: iso8601}
                  http: {port: 0, root: %s}
                  shipped-site: {protocol: http, port: 0, root: www}
                """.formatted(low.orElse(0), low.isPresent(), www));
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));

        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=switchboard", "--regid=switchboard",
                "--init-groups", "--inh-caps=-all,+net_bind_service", "--ambient-caps=+net_bind_service",
                "--bounding-set=-all,+net_bind_service", "/usr/bin/switchboard", "run", "--config", config.toString(),
                "--pid-file", run.resolve("switchboard.pid").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("console.log").toFile());
        builder.environment().remove("JAVA_HOME");
        builder.environment().remove("SWITCHBOARD_LOGS"); // the installed logs link leads to /var/log/switchboard
        daemon = builder.start();
        Process process = daemon;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!console().contains(" ready: ")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                fail("the installed daemon did not become ready:\n" + console());
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
        long pid = Long.parseLong(Files.readString(run.resolve("switchboard.pid")).strip());
        assertEquals(process.pid(), pid, "setpriv and the launcher exec the JVM: systemd's main pid is Java's");
        String uid = Command.run("id", "-u", "switchboard").output().strip();
        String status = Files.readString(Path.of("/proc/" + pid + "/status"));
        assertTrue(status.lines().anyMatch(l -> l.matches("Uid:\\s+" + uid + "\\s+" + uid + "\\s+.*")), status);
    }

    private void serve() throws Exception {
        String out = console();
        assertTrue(out.contains("ready: " + expectedServices + " of " + expectedServices + " services running"), out);
        assertEquals("installed\n", LauncherIT.echo(port(out, "echo"), "installed\n"));
        if (listening(out, "low-echo")) {
            int low = port(out, "low-echo");
            assertTrue(low < 1024, out);
            assertEquals("low port\n", LauncherIT.echo(low, "low port\n"));
        } else {
            System.out.println("DebPackageIT: no free port below 1024 on loopback; the capability was not exercised");
        }
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port(out, "daytime"))) {
            socket.setSoTimeout(10_000);
            String line = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT.*Z\r\n"), line);
        }
        HttpClient client = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port(out, "http") + "/")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertEquals("<h1>installed</h1>\n", page.body());
        // The shipped configuration's relative root: /usr/share/switchboard/www, from the package.
        HttpResponse<String> shipped = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port(out, "shipped-site") + "/")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, shipped.statusCode());
        assertTrue(shipped.body().contains("<title>Switchboard"), shipped.body());
        Path log = Path.of("/var/log/switchboard/switchboard.log");
        assertEquals("switchboard", Files.getOwner(log).getName());
        assertTrue(Files.readString(log).contains(" ready: "), "the daemon logs to /var/log/switchboard");
        assertTrue(daemon.isAlive());
    }

    private String console() throws IOException {
        Path log = tmp.resolve("console.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private static boolean listening(String output, String service) {
        return output.lines().map(l -> LISTENING.matcher(l.strip())).anyMatch(m -> m.find() && m.group(1).equals(service));
    }

    private static int port(String output, String service) {
        for (String line : output.split("\n")) {
            Matcher m = LISTENING.matcher(line.strip());
            if (m.find() && m.group(1).equals(service)) {
                return Integer.parseInt(m.group(3));
            }
        }
        return fail("service " + service + " is not listening:\n" + output);
    }

    /** @return a port below 1024 nobody listens on (the standard echo port 7 if free), if any */
    private static Optional<Integer> freeLowPort() {
        for (int port : new int[] {7, 1007, 1017}) {
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return Optional.of(port);
            } catch (IOException e) {
                // taken: try the next
            }
        }
        return Optional.empty();
    }
}
