package dev.switchboard.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real IRC clients against the packaged daemon's chat port, each in #lobby with an nc user: irssi
 * driven under tmux (asserted on its screen) and weechat-headless driven through its FIFO (asserted
 * on its log file). Each sees the nc user's lines, /me, nick change and part, and the nc user sees
 * theirs.
 */
@Timeout(180)
class IrcClientsIT {

    private static final long WAIT_SECONDS = 20;

    @TempDir
    Path tmp;

    private DistributionDaemon startDaemon() throws Exception {
        DistributionDaemon daemon = DistributionDaemon.install(tmp);
        daemon.writeConfig("""
                daemon:
                  bind: 127.0.0.1
                  shutdown-grace: 3s
                services:
                  chat:
                    port: 0
                    motd: "Hello from the packaged daemon"
                """);
        daemon.start();
        return daemon;
    }

    private static Netcat ncUser(int port, String nick) throws Exception {
        Netcat nc = Netcat.connect(port);
        nc.awaitPrefix("* choose a nickname");
        nc.send(nick);
        nc.await("* you are " + nick + "; /help lists the commands");
        return nc;
    }

    @Test
    void irssiUnderTmuxChatsWithAnNcUserInLobby() throws Exception {
        assumeTrue(Command.exists("irssi") && Command.exists("tmux") && Netcat.available(),
                "needs irssi, tmux and nc (apt-get install irssi tmux netcat-openbsd)");
        String socket = "switchboard-it-" + ProcessHandle.current().pid();
        Path home = Files.createDirectories(tmp.resolve("irssi"));
        Files.writeString(home.resolve("config"), "settings = { core = { real_name = \"Alice\"; }; };\n");
        try (DistributionDaemon daemon = startDaemon(); Netcat bob = ncUser(daemon.port("chat"), "bob")) {
            Command started = Command.run("tmux", "-L", socket, "new-session", "-d", "-s", "irssi", "-x", "220",
                    "-y", "50", "env TERM=xterm irssi --home=" + home + " -n alice -c 127.0.0.1 -p "
                            + daemon.port("chat"));
            assertEquals(0, started.exitCode(), started.output());
            try {
                Supplier<String> screen = () -> tmux(socket, "capture-pane", "-p", "-J", "-t", "irssi", "-S", "-100");
                awaitText(screen, "Welcome to the Switchboard IRC network");
                keys(socket, "/join #lobby");
                bob.await("* alice joined lobby");
                awaitText(screen, "alice [~"); // "has joined #lobby", in the channel window irssi opened

                bob.send("hello irssi, this is nc");
                awaitText(screen, "hello irssi, this is nc");
                keys(socket, "hi bob, from irssi");
                bob.await("<alice> hi bob, from irssi");
                bob.send("/me waves");
                awaitText(screen, "bob waves");
                keys(socket, "/me nods");
                bob.await("* alice nods");
                bob.send("/nick robert");
                awaitText(screen, "bob is now known as robert");
                keys(socket, "/nick alicia");
                bob.await("* alice is now known as alicia");
                bob.send("/join kitchen");
                awaitText(screen, "robert [telnet@127.0.0.1] has left #lobby [went to #kitchen]");
                bob.send("/join lobby");
                awaitText(screen, "robert [telnet@127.0.0.1] has joined #lobby");
                keys(socket, "/part #lobby off to lunch");
                bob.await("* alicia left lobby (off to lunch)");
                keys(socket, "/quit bye now");
            } finally {
                tmux(socket, "kill-server");
            }
        }
    }

    @Test
    void weechatHeadlessChatsWithAnNcUserInLobbyAndLogsIt() throws Exception {
        assumeTrue(Command.exists("weechat-headless") && Netcat.available(),
                "needs weechat-headless and nc (apt-get install weechat-headless weechat-plugins netcat-openbsd)");
        Path home = Files.createDirectories(tmp.resolve("weechat"));
        Path fifo = home.resolve("fifo");
        Path log = home.resolve("logs").resolve("irc.sb.#lobby.weechatlog");
        try (DistributionDaemon daemon = startDaemon(); Netcat bob = ncUser(daemon.port("chat"), "bob")) {
            String commands = String.join(";",
                    "/set fifo.file.path " + fifo,
                    "/set fifo.file.enabled on",
                    "/set logger.file.path " + home.resolve("logs"),
                    "/set logger.file.flush_delay 0",
                    "/server add sb 127.0.0.1/" + daemon.port("chat"),
                    "/set irc.server.sb.tls off",
                    "/set irc.server.sb.nicks carol",
                    "/set irc.server.sb.autojoin #lobby",
                    "/connect sb");
            Process weechat = new ProcessBuilder("weechat-headless", "--dir", home.toString(), "-r", commands)
                    .redirectErrorStream(true).redirectOutput(home.resolve("console.txt").toFile()).start();
            try {
                bob.await("* carol joined lobby");
                Supplier<String> logged = () -> read(log);
                bob.send("hello weechat, this is nc");
                awaitText(logged, "bob\thello weechat, this is nc");
                fifo(fifo, "irc.sb.#lobby *hi bob, from weechat");
                bob.await("<carol> hi bob, from weechat");
                bob.send("/me waves");
                awaitText(logged, " *\tbob waves");
                fifo(fifo, "irc.sb.#lobby */me nods");
                bob.await("* carol nods");
                bob.send("/nick robert");
                awaitText(logged, "bob is now known as robert");
                fifo(fifo, "irc.sb.#lobby */nick carla");
                bob.await("* carol is now known as carla");
                bob.send("/join kitchen");
                awaitText(logged, "robert (telnet@127.0.0.1) has left #lobby (went to #kitchen)");
                bob.send("/join lobby");
                awaitText(logged, "robert (telnet@127.0.0.1) has joined #lobby");
                fifo(fifo, "*/quit bye now");
                bob.await("* carla left lobby (quit: bye now)");
                assertTrue(weechat.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "weechat did not quit");
            } finally {
                weechat.destroy();
                if (!weechat.waitFor(10, TimeUnit.SECONDS)) {
                    weechat.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** Types a line into irssi and presses Enter. */
    private static void keys(String socket, String line) {
        tmux(socket, "send-keys", "-t", "irssi", "-l", line);
        tmux(socket, "send-keys", "-t", "irssi", "Enter");
    }

    private static String tmux(String socket, String... args) {
        try {
            List<String> command = new java.util.ArrayList<>(List.of("tmux", "-L", socket));
            command.addAll(List.of(args));
            return Command.run(command).output();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("tmux " + String.join(" ", args), e);
        }
    }

    /** Writes one command line into weechat's FIFO, once weechat has made it. */
    private static void fifo(Path fifo, String line) throws Exception {
        awaitText(() -> Files.exists(fifo) ? "ready" : "", "ready");
        Files.writeString(fifo, line + "\n", StandardCharsets.UTF_8);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Polls until {@code source} shows {@code text}; fails with what it showed last. */
    private static void awaitText(Supplier<String> source, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        String seen = "";
        while (System.nanoTime() < deadline) {
            seen = source.get();
            if (seen.contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        assertTrue(false, "never saw '" + text + "'; last saw:\n" + seen);
    }
}
