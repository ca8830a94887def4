package dev.switchboard.plugins.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testkit.TestDaemon;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile IRC input against the real daemon. Two bystanders, a telnet user and an IRC user in
 * #lobby, must be unharmed by every attack: still connected, still talking both ways, never cut off.
 */
class IrcHostileInputTest {

    private static final String S = ":irc.switchboard ";

    private TestDaemon server;
    private ChatClient bob;
    private ChatClient alice;
    private int exchanges;

    @BeforeEach
    void start() throws Exception {
        server = ChatDaemon.start("login-timeout: 1s", "max-channels: 20");
        bob = ChatClient.login(server.port("chat"), "bob");
        alice = IrcUser.register(server.port("chat"), "alice");
        IrcUser.join(alice, "alice", "#lobby");
        bob.awaitLine("* alice joined lobby");
    }

    @AfterEach
    void stop() {
        bob.close();
        alice.close();
        server.close();
    }

    /** The bystanders exchange a line each way and neither was cut off. */
    private void bystandersUnharmed() {
        exchanges++;
        bob.send("still here " + exchanges);
        alice.awaitLine(":bob!telnet@127.0.0.1 PRIVMSG #lobby :still here " + exchanges);
        alice.send("PRIVMSG #lobby :me too " + exchanges);
        bob.awaitLine("<alice> me too " + exchanges);
        assertEquals(0L, ChatDaemon.status(server).get("cut-off-slow"));
    }

    @Test
    void tenThousandByteLinesAreRefusedAndTheSenderCanGoOn() {
        try (ChatClient mallory = IrcUser.register(server.port("chat"), "mallory")) {
            IrcUser.join(mallory, "mallory", "#lobby");
            mallory.send("PRIVMSG #lobby :" + "A".repeat(10_000));
            mallory.expect(S + "417 mallory :Input line was too long");
            mallory.send("PRIVMSG #lobby :short again");
            alice.awaitLine(":mallory!~mallory@127.0.0.1 PRIVMSG #lobby :short again");
            bob.awaitLine("<mallory> short again");
            bystandersUnharmed();
        }
    }

    @Test
    void aLineWithoutCrlfNeverGrowsPastTheLimitAndCostsOthersNothing() {
        try (ChatClient mallory = IrcUser.register(server.port("chat"), "mallory")) {
            byte[] endless = "B".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 20; i++) {
                mallory.sendBytes(endless); // 200,000 bytes, never a line ending
            }
            mallory.expect(S + "417 mallory :Input line was too long"); // once, as soon as it passed 512 bytes
            bystandersUnharmed();
            mallory.sendBytes("\r\nPING :after\r\n".getBytes(StandardCharsets.US_ASCII));
            mallory.expect(S + "PONG irc.switchboard :after");
        }
    }

    @Test
    void joiningAThousandChannelsStopsAtMaxChannelsAndTheRestIsFloodControlled() {
        try (ChatClient mallory = IrcUser.register(server.port("chat"), "mallory")) {
            StringBuilder joins = new StringBuilder();
            for (int batch = 0; batch < 1000; batch += 50) {
                joins.append("JOIN ");
                for (int i = batch; i < batch + 50; i++) {
                    joins.append(i == batch ? "" : ",").append("#c").append(i);
                }
                joins.append("\r\n");
            }
            mallory.sendBytes(joins.toString().getBytes(StandardCharsets.US_ASCII));
            List<String> got = mallory.readUntilClosed();
            assertEquals(20, got.stream().filter(l -> l.matches(":mallory!\\S+ JOIN #c\\d+")).count());
            assertTrue(got.contains(S + "405 mallory #c20 :You have joined too many channels"), got.toString());
            assertEquals("ERROR :disconnected: flooding", got.get(got.size() - 1));
        }
        bystandersUnharmed();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rooms = (List<Map<String, Object>>) ChatDaemon.status(server).get("rooms");
        assertEquals(List.of(Map.of("name", "lobby", "members", 2)), rooms, "the flooder's 20 rooms went with it");
    }

    @Test
    void aNickStormIsCutOffByFloodControlAndItsRoomSeesOnlyABurst() {
        try (ChatClient mallory = IrcUser.register(server.port("chat"), "mallory")) {
            IrcUser.join(mallory, "mallory", "#lobby");
            bob.awaitLine("* mallory joined lobby");
            StringBuilder storm = new StringBuilder();
            for (int i = 0; i < 1000; i++) {
                storm.append("NICK m").append(i).append("\r\n");
            }
            mallory.sendBytes(storm.toString().getBytes(StandardCharsets.US_ASCII));
            List<String> last = mallory.readUntilClosed();
            assertEquals("ERROR :disconnected: flooding", last.get(last.size() - 1));
            List<String> seen = alice.linesBefore(" QUIT :flooding");
            long renames = seen.stream().filter(l -> l.contains(" NICK :m")).count();
            assertTrue(renames <= 5, renames + " renames reached the room: " + seen);
            bystandersUnharmed();
            // The nicknames the storm held are free again.
            try (ChatClient again = IrcUser.register(server.port("chat"), "mallory")) {
                again.send("NICK m0");
                again.expect(":mallory!~mallory@127.0.0.1 NICK :m0");
            }
        }
    }

    @Test
    void thereAreNoMassMessages() {
        try (ChatClient mallory = IrcUser.register(server.port("chat"), "mallory")) {
            IrcUser.join(mallory, "mallory", "#lobby");
            bob.awaitLine("* mallory joined lobby");
            for (String target : List.of("*", "#*", "$*", "$*.switchboard,#lobby")) {
                mallory.send("PRIVMSG " + target + " :to everyone");
            }
            mallory.expect(S + "401 mallory * :No such nick/channel");
            mallory.expect(S + "401 mallory #* :No such nick/channel");
            mallory.expect(S + "401 mallory $* :No such nick/channel");
            mallory.expect(S + "401 mallory $*.switchboard :No such nick/channel");
            // Only the one real target, #lobby, got it, and only once.
            List<String> before = alice.linesBefore(":mallory!~mallory@127.0.0.1 PRIVMSG #lobby :to everyone");
            assertFalse(before.stream().anyMatch(l -> l.contains("to everyone")), before.toString());
            List<String> telnet = bob.awaitLine("<mallory> to everyone");
            assertFalse(telnet.stream().anyMatch(l -> l.contains("to everyone")), telnet.toString());
            assertEquals(1L, ChatDaemon.status(server).get("messages-relayed"));
            bystandersUnharmed();
        }
    }

    @Test
    void ctcpFloodsAreAnsweredOnlyUpToTheBurstAndTheFlooderIsCutOff() {
        try (ChatClient mallory = IrcUser.register(server.port("chat"), "mallory")) {
            IrcUser.join(mallory, "mallory", "#lobby");
            StringBuilder flood = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                flood.append("PRIVMSG bob :\u0001VERSION\u0001\r\nPRIVMSG alice :\u0001PING ").append(i).append("\u0001\r\n");
            }
            mallory.sendBytes(flood.toString().getBytes(StandardCharsets.UTF_8));
            List<String> got = mallory.readUntilClosed();
            long answers = got.stream().filter(l -> l.contains("NOTICE mallory :\u0001VERSION")).count();
            assertTrue(answers <= 5, answers + " answers");
            assertEquals("ERROR :disconnected: flooding", got.get(got.size() - 1));
            List<String> toAlice = alice.linesBefore(" QUIT :flooding");
            assertTrue(toAlice.stream().filter(l -> l.contains("PING")).count() <= 5, toAlice.toString());
            bob.awaitLine("* mallory left lobby (flooding)");
        }
        bystandersUnharmed();
    }

    @Test
    void aClientThatNeverAnswersPingIsDroppedWhileOneThatAnswersStays() throws Exception {
        try (TestDaemon pinging = ChatDaemon.start("ping-interval: 1s");
                ChatClient telnet = ChatClient.login(pinging.port("chat"), "bob");
                ChatClient answering = IrcUser.register(pinging.port("chat"), "alice");
                ChatClient silent = IrcUser.register(pinging.port("chat"), "silent")) {
            IrcUser.join(answering, "alice", "#lobby");
            IrcUser.join(silent, "silent", "#lobby");
            CompletableFuture<List<String>> dropped = CompletableFuture.supplyAsync(silent::readUntilClosed);
            int pings = 0;
            for (String line = answering.line(); !line.equals(":silent!~silent@127.0.0.1 QUIT :ping timeout");
                    line = answering.line()) {
                if (line.equals("PING :irc.switchboard")) {
                    pings++;
                    answering.send("PONG :irc.switchboard");
                }
            }
            assertTrue(pings >= 1, "the answering client was pinged too");
            List<String> last = dropped.get(10, TimeUnit.SECONDS);
            assertEquals("ERROR :Closing link: ping timeout (1s)", last.get(last.size() - 1));
            telnet.awaitLine("* silent left lobby (ping timeout)");
            telnet.send("hi alice");
            answering.awaitLine(":bob!telnet@127.0.0.1 PRIVMSG #lobby :hi alice");
        }
        bystandersUnharmed();
    }

    @Test
    void registrationNeverCompletedMeetsATotalDeadlineHoweverSlowlyItTrickles() throws Exception {
        List<ChatClient> stuck = new ArrayList<>();
        try {
            ChatClient capOnly = new ChatClient(server.port("chat"));
            capOnly.send("CAP LS 302"); // and never CAP END
            ChatClient nickOnly = new ChatClient(server.port("chat"));
            nickOnly.send("NICK lurker"); // and never USER
            ChatClient trickle = new ChatClient(server.port("chat"));
            trickle.sendBytes("NICK ".getBytes(StandardCharsets.US_ASCII));
            stuck.addAll(List.of(capOnly, nickOnly, trickle));
            long start = System.nanoTime();
            try {
                for (int i = 0; i < 30; i++) {
                    trickle.sendBytes("x".getBytes(StandardCharsets.US_ASCII)); // a byte every 100 ms, no line
                    Thread.sleep(100);
                }
            } catch (java.io.UncheckedIOException e) {
                // closed on us: the deadline came while it was still trickling
            }
            for (ChatClient client : stuck) {
                List<String> last = client.readUntilClosed();
                assertEquals("ERROR :Closing link: registration not completed within 1s", last.get(last.size() - 1));
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 4_000, "closed after " + millis + " ms");
            try (ChatClient taker = IrcUser.register(server.port("chat"), "lurker")) {
                taker.send("PING :mine");
                taker.expect(S + "PONG irc.switchboard :mine"); // the unregistered client never held the nick
            }
        } finally {
            stuck.forEach(ChatClient::close);
        }
        bystandersUnharmed();
    }
}
