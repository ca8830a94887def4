package dev.switchboard.plugins.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.testkit.TestDaemon;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Ten and two hundred clients talking at once: nobody misses a line and everyone sees one order. */
@Timeout(120)
class ChatManyClientsTest {

    @Test
    void tenClientsTalkingAtOnceEachReceiveEveryLineInOneOrder() throws Exception {
        talk(10, 10, 20);
    }

    @Test
    void twoHundredClientsInOneRoomEachReceiveEveryLineInOneOrder() throws Exception {
        talk(200, 5, 20);
    }

    @Test
    void burstFromOneSenderLargerThanEveryQueueReachesAHundredHealthyReadersWithoutCuttingAnyOff()
            throws Exception {
        int receivers = 100;
        int lines = 1600; // fifty times max-queued, in one write
        List<ChatClient> users = new ArrayList<>();
        // 32, not the minimum of 8: the hundred joins before the burst are not paced, and on a loaded machine
        // they may all wait for the writers at once (headroom: four times max-queued).
        try (TestDaemon server = ChatDaemon.start("flood-interval: 0s", "max-queued: 32")) {
            users.addAll(ChatClient.loginAll(server.port("chat"), "r", receivers));
            ChatClient sender = ChatClient.login(server.port("chat"), "sender");
            users.add(sender);
            for (ChatClient user : users.subList(0, receivers)) {
                user.awaitLine("* sender joined lobby");
            }
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < lines; i++) {
                burst.append("burst ").append(i).append('\n');
            }
            sender.sendBytes(burst.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            for (ChatClient user : users) {
                for (int i = 0; i < lines; i++) {
                    assertEquals("<sender> burst " + i, user.line(), user.nick());
                }
            }
            assertEquals(0L, ChatDaemon.status(server).get("cut-off-slow"));
        } finally {
            users.forEach(ChatClient::close);
        }
    }

    /**
     * {@code clients} users join one room; {@code senders} of them each say {@code lines} numbered lines
     * concurrently. Every user must receive all of them, each sender's in its order, and all users the
     * same interleaving (lines are queued for a room under one lock).
     */
    private static void talk(int clients, int senders, int lines) throws Exception {
        List<ChatClient> users = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try (TestDaemon server = ChatDaemon.start("flood-interval: 0s")) {
            users.addAll(ChatClient.loginAll(server.port("chat"), "u", clients));
            ChatClient last = users.get(clients - 1);
            for (ChatClient user : users.subList(0, clients - 1)) {
                user.awaitLine("* " + last.nick() + " joined lobby"); // everyone is in: start clean
            }
            List<Future<?>> sending = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                ChatClient sender = users.get(s);
                sending.add(pool.submit(() -> {
                    for (int i = 0; i < lines; i++) {
                        sender.send("line " + i);
                    }
                }));
            }
            for (Future<?> f : sending) {
                f.get(30, TimeUnit.SECONDS);
            }
            // What each user receives is small enough to wait in socket buffers: read them one by one.
            List<List<String>> received = new ArrayList<>();
            for (ChatClient user : users) {
                List<String> got = new ArrayList<>();
                for (int i = 0; i < senders * lines; i++) {
                    got.add(user.line());
                }
                received.add(got);
            }
            List<String> first = received.get(0);
            for (int s = 0; s < senders; s++) {
                String prefix = "<u" + s + "> line ";
                List<String> fromSender = first.stream().filter(l -> l.startsWith(prefix)).toList();
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < lines; i++) {
                    expected.add(prefix + i);
                }
                assertEquals(expected, fromSender, "u0's view of u" + s + "'s lines");
            }
            for (int u = 1; u < clients; u++) {
                assertEquals(first, received.get(u), "u" + u + " saw another order");
            }
            assertEquals((long) senders * lines, ChatDaemon.status(server).get("messages-relayed"));
        } finally {
            pool.shutdownNow();
            users.forEach(ChatClient::close);
        }
    }
}
