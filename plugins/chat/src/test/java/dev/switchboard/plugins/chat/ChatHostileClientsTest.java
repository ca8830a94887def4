package dev.switchboard.plugins.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testkit.TestDaemon;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Slow, flooding, hostile and broken clients: each is dealt with and nobody else notices. */
@Timeout(60)
class ChatHostileClientsTest {

    @Test
    void clientThatNeverReadsIsCutOffWhileOthersReceiveEverythingInOrder() throws Exception {
        try (TestDaemon server = ChatDaemon.start("max-queued: 16", "max-line: 4096", "flood-interval: 0s");
                ChatClient alice = ChatClient.login(server.port("chat"), "alice");
                ChatClient bob = ChatClient.login(server.port("chat"), "bob");
                Socket slow = new Socket()) {
            slow.setReceiveBufferSize(4096); // before connecting, so the window stays small
            slow.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), server.port("chat")));
            slow.getOutputStream().write("slow\r\n".getBytes(StandardCharsets.US_ASCII));
            bob.awaitLine("* slow joined lobby");
            alice.awaitLine("* slow joined lobby");

            // Alice talks in small batches; bob (and alice, who hears herself) keep up; slow never reads.
            String padding = "x".repeat(2000);
            String cutOff = "* slow left lobby (too slow)";
            boolean bobSawCutOff = false;
            int sent = 0;
            while (!bobSawCutOff && sent < 20_000) {
                for (int i = 0; i < 10; i++, sent++) {
                    alice.send(sent + " " + padding);
                }
                for (int expected = sent - 10; expected < sent; expected++) {
                    String line = bob.line();
                    if (line.equals(cutOff)) {
                        bobSawCutOff = true;
                        line = bob.line();
                    }
                    assertEquals("<alice> " + expected + " " + padding, line);
                    String echo = alice.line();
                    if (echo.equals(cutOff)) {
                        echo = alice.line();
                    }
                    assertEquals("<alice> " + expected + " " + padding, echo);
                }
            }
            assertTrue(bobSawCutOff, "slow client still connected after " + sent + " lines of 2 KB");

            // The slow client finds its connection closed, having had an in-order prefix at most.
            slow.setSoTimeout(ChatClient.TIMEOUT_MILLIS);
            String received = new String(slow.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            List<String> chat = received.lines().filter(l -> l.startsWith("<alice> ")).toList();
            for (int i = 0; i < chat.size(); i++) {
                assertEquals("<alice> " + i + " " + padding, chat.get(i));
            }
            assertTrue(chat.size() < sent, "the slow client cannot have had everything");
            assertEquals(1L, ChatDaemon.status(server).get("cut-off-slow"));

            // Life goes on for the others.
            bob.send("still here");
            alice.awaitLine("<bob> still here");
        }
    }

    @Test
    void flooderIsWarnedThenDisconnectedWhileOthersAreUnaffected() throws Exception {
        // A burst of 4 with a slow refill: the nickname uses one line, three chat lines pass.
        try (TestDaemon server = ChatDaemon.start("flood-burst: 4", "flood-interval: 1m");
                ChatClient bob = ChatClient.login(server.port("chat"), "bob");
                ChatClient flooder = ChatClient.login(server.port("chat"), "flooder")) {
            bob.awaitLine("* flooder joined lobby");
            StringBuilder flood = new StringBuilder();
            for (int i = 0; i < 50; i++) {
                flood.append("spam ").append(i).append("\r\n");
            }
            flooder.sendBytes(flood.toString().getBytes(StandardCharsets.US_ASCII));

            List<String> flooderSaw = flooder.readUntilClosed();
            assertTrue(flooderSaw.contains("* flood control: slow down (4 lines at once, then one every 1m); "
                    + "lines are being dropped"), flooderSaw.toString());
            assertEquals("* disconnected: flooding", flooderSaw.get(flooderSaw.size() - 1));

            List<String> bobSaw = bob.awaitLine("* flooder left lobby (flooding)");
            assertEquals(List.of("<flooder> spam 0", "<flooder> spam 1", "<flooder> spam 2"), bobSaw);
            assertEquals(1L, ChatDaemon.status(server).get("cut-off-flooding"));
            try (ChatClient carol = ChatClient.login(server.port("chat"), "carol")) {
                carol.send("hi bob");
                bob.awaitLine("<carol> hi bob");
            }
        }
    }

    @Test
    void escapeSequencesAndControlCharactersNeverReachOtherUsers() throws Exception {
        try (TestDaemon server = ChatDaemon.start();
                ChatClient mallory = ChatClient.login(server.port("chat"), "mallory");
                ChatClient bob = ChatClient.login(server.port("chat"), "bob")) {
            mallory.send("\u001b[2J\u001b[H\u001b]0;owned\u0007hi\u0007 thx\u0008ere\u001b[31m!\u001b[0m\u001bc\u009b1m");
            String line = bob.awaitLineStartingWith("<mallory>");
            assertEquals("<mallory> hi there!", line);
            mallory.send("/me \u001b[1Awaves\u0007");
            assertEquals("* mallory waves", bob.awaitLineStartingWith("* mallory"));
        }
    }

    @Test
    void invalidUtf8IsReplacedNotPassedOn() throws Exception {
        try (TestDaemon server = ChatDaemon.start();
                ChatClient alice = ChatClient.login(server.port("chat"), "alice");
                ChatClient bob = ChatClient.login(server.port("chat"), "bob")) {
            alice.sendBytes(new byte[] {'a', (byte) 0xC3, '(', 'b', (byte) 0xF0, (byte) 0x9F, ' ', 'c', '\n'});
            assertEquals("<alice> a\uFFFD(b\uFFFD c", bob.awaitLineStartingWith("<alice>"));
        }
    }

    @Test
    void telnetNegotiationIsAnsweredOnlyToItsSenderAndNeverRelayed() throws Exception {
        int iac = 255;
        try (TestDaemon server = ChatDaemon.start();
                ChatClient bob = ChatClient.login(server.port("chat"), "bob");
                Socket telnet = new Socket(InetAddress.getLoopbackAddress(), server.port("chat"))) {
            telnet.setSoTimeout(ChatClient.TIMEOUT_MILLIS);
            // WILL NAWS, a NAWS subnegotiation, DO ECHO, then "tel" + typo + backspace + "net", CR NUL.
            byte[] login = bytes(iac, 251, 31, iac, 250, 31, 0, 80, 0, 24, iac, 240, iac, 253, 1,
                    't', 'e', 'l', 'x', 8, 'n', 'e', 't', '\r', 0);
            telnet.getOutputStream().write(login);
            bob.awaitLine("* telnet joined lobby");
            telnet.getOutputStream().write(bytes('h', 'e', 'l', 'l', 'o', iac, 241, '\r', '\n'));
            assertEquals("<telnet> hello", bob.awaitLineStartingWith("<telnet>"));

            byte[] seen = readUntil(telnet, "<telnet> hello\r\n");
            // The refusals (DONT NAWS, WONT ECHO) came back to the telnet client; nothing else is IAC.
            assertEquals(List.of(List.of(iac, 254, 31), List.of(iac, 252, 1)), commands(seen));
        }
    }

    @Test
    void mebibyteLineWithoutNewlineIsRefusedAtOnceAndTheClientCarriesOn() throws Exception {
        try (TestDaemon server = ChatDaemon.start();
                ChatClient alice = ChatClient.login(server.port("chat"), "alice");
                ChatClient bob = ChatClient.login(server.port("chat"), "bob")) {
            byte[] huge = new byte[1024 * 1024];
            Arrays.fill(huge, (byte) 'x');
            alice.sendBytes(huge);
            // Refused while the line is still arriving: no newline has been sent.
            alice.awaitLine("* line too long (limit 512 bytes), ignored");
            alice.sendBytes("more of the same\nafter\n".getBytes(StandardCharsets.US_ASCII));
            List<String> bobSaw = bob.awaitLine("<alice> after");
            assertFalse(bobSaw.stream().anyMatch(l -> l.contains("xxx") || l.contains("more of")), bobSaw.toString());
        }
    }

    @Test
    void clientThatConnectsAndSaysNothingIsDisconnectedAfterTheLoginTimeout() throws Exception {
        try (TestDaemon server = ChatDaemon.start("login-timeout: 300ms");
                ChatClient silent = new ChatClient(server.port("chat"))) {
            long start = System.nanoTime();
            List<String> lines = silent.readUntilClosed();
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("* disconnected: no nickname chosen within 300ms", lines.get(lines.size() - 1));
            assertTrue(millis >= 250 && millis < 4000, "closed after " + millis + " ms");
        }
    }

    @Test
    void clientThatDribblesItsNicknameIsDisconnectedAtTheTotalLoginDeadline() throws Exception {
        try (TestDaemon server = ChatDaemon.start("login-timeout: 1s");
                ChatClient dribbler = new ChatClient(server.port("chat"))) {
            long start = System.nanoTime();
            Thread sender = new Thread(() -> {
                // One byte every 200 ms, never a line end: each read is quick, the login never ends.
                for (int i = 0; i < 50 && !Thread.currentThread().isInterrupted(); i++) {
                    try {
                        dribbler.sendBytes(new byte[] {'x'});
                        Thread.sleep(200);
                    } catch (RuntimeException | InterruptedException e) {
                        return; // the server closed the connection, as it should
                    }
                }
            });
            sender.start();
            try {
                List<String> lines = dribbler.readUntilClosed();
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertEquals("* disconnected: no nickname chosen within 1s", lines.get(lines.size() - 1));
                assertTrue(millis >= 900 && millis < 3000, "closed after " + millis + " ms");
            } finally {
                sender.interrupt();
                sender.join(5000);
            }
        }
    }

    @Test
    void loggedInClientThatStaysSilentIsClosedByTheIdleTimeout() throws Exception {
        try (TestDaemon server = ChatDaemon.start("idle-timeout: 1s");
                ChatClient quiet = ChatClient.login(server.port("chat"), "quiet")) {
            long start = System.nanoTime();
            quiet.readUntilClosed();
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 800 && millis < 4000, "closed after " + millis + " ms");
        }
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] readUntil(Socket socket, String end) throws Exception {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] tail = end.getBytes(StandardCharsets.UTF_8);
        while (seen.size() < 1_000_000) {
            int b = socket.getInputStream().read();
            assertTrue(b >= 0, "closed before " + end);
            seen.write(b);
            byte[] all = seen.toByteArray();
            if (all.length >= tail.length
                    && Arrays.equals(all, all.length - tail.length, all.length, tail, 0, tail.length)) {
                return all;
            }
        }
        throw new AssertionError("never saw " + end);
    }

    private static List<List<Integer>> commands(byte[] stream) {
        List<List<Integer>> found = new ArrayList<>();
        for (int i = 0; i < stream.length; i++) {
            if ((stream[i] & 0xFF) == 255) {
                found.add(List.of(255, stream[i + 1] & 0xFF, stream[i + 2] & 0xFF));
                i += 2;
            }
        }
        return found;
    }
}
