package dev.switchboard.plugins.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testkit.TestDaemon;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two and three users over real sockets: nicknames, rooms, private messages, notices, commands. */
class ChatConversationTest {

    private static final String STAMP = "\\[\\d\\d:\\d\\d:\\d\\d\\] ";

    private TestDaemon server;

    @BeforeEach
    void start() throws Exception {
        server = ChatDaemon.start("motd: \"Welcome to the test chat.\\nBe nice.\"");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void greetsWithMultiLineMotdThenAsksForANickname() {
        try (ChatClient client = new ChatClient(server.port("chat"))) {
            client.expect("Welcome to the test chat.");
            client.expect("Be nice.");
            client.expect("* choose a nickname (1-20 letters, digits or _-[]\\`^{}|, not starting with a digit or -):");
        }
    }

    @Test
    void refusesInvalidNicknameWithTheReasonAndAsksAgain() {
        try (ChatClient client = new ChatClient(server.port("chat"))) {
            client.awaitLineStartingWith("* choose a nickname");
            client.send("no spaces");
            client.expect("* invalid nickname: use 1-20 letters, digits or _-[]\\`^{}|, not starting with a digit or -");
            client.awaitLineStartingWith("* choose a nickname");
            client.send("1st");
            client.expect("* invalid nickname: use 1-20 letters, digits or _-[]\\`^{}|, not starting with a digit or -");
            client.awaitLineStartingWith("* choose a nickname");
            client.send("x".repeat(21));
            client.expect("* invalid nickname: use 1-20 letters, digits or _-[]\\`^{}|, not starting with a digit or -");
            client.awaitLineStartingWith("* choose a nickname");
            client.send("[ok]_name-1");
            client.awaitLine("* you are [ok]_name-1; /help lists the commands");
        }
    }

    @Test
    void refusesTakenNicknameCaseInsensitively() {
        try (ChatClient alice = ChatClient.login(server.port("chat"), "Alice");
                ChatClient other = new ChatClient(server.port("chat"))) {
            other.awaitLineStartingWith("* choose a nickname");
            other.send("aLiCe");
            other.expect("* nickname aLiCe is taken");
            other.awaitLineStartingWith("* choose a nickname");
            other.send("server");
            other.expect("* nickname server is reserved");
            alice.send("/who");
            alice.awaitLine("* in lobby (1): Alice");
        }
    }

    @Test
    void linesGoToEveryoneInTheRoomAsNickAndText() {
        try (ChatClient alice = ChatClient.login(server.port("chat"), "alice");
                ChatClient bob = ChatClient.login(server.port("chat"), "bob")) {
            alice.awaitLine("* bob joined lobby");
            alice.send("hello bob");
            bob.awaitLine("<alice> hello bob");
            alice.awaitLine("<alice> hello bob");
            bob.send("//slash is literal");
            alice.awaitLine("<bob> /slash is literal");
        }
    }

    @Test
    void joinMovesToAnotherRoomMadeOnDemandAndRoomsDoNotHearEachOther() {
        try (ChatClient alice = ChatClient.login(server.port("chat"), "alice");
                ChatClient bob = ChatClient.login(server.port("chat"), "bob");
                ChatClient carol = ChatClient.login(server.port("chat"), "carol")) {
            alice.send("/join rust");
            alice.awaitLine("* alice joined rust");
            bob.awaitLine("* alice left lobby for rust");
            carol.send("/join #RUST");
            alice.awaitLine("* carol joined rust");
            bob.send("in lobby");
            bob.awaitLine("<bob> in lobby");
            // Everything is queued in one order, so a later line in rust proves the lobby line never came.
            alice.send("in rust");
            List<String> before = carol.awaitLine("<alice> in rust");
            assertFalse(before.contains("<bob> in lobby"), before.toString());
        }
    }

    @Test
    void roomsListsMemberCountsAndWhoListsTheRoom() {
        try (ChatClient alice = ChatClient.login(server.port("chat"), "alice");
                ChatClient bob = ChatClient.login(server.port("chat"), "bob")) {
            bob.send("/join games");
            bob.awaitLine("* bob joined games");
            alice.send("/rooms");
            alice.awaitLine("* rooms: games (1), lobby (1)");
            bob.send("/join lobby");
            bob.awaitLine("* bob joined lobby");
            bob.send("/who");
            bob.awaitLine("* in lobby (2): alice, bob");
            // An emptied room goes away; the default room stays.
            bob.send("/rooms");
            bob.awaitLine("* rooms: lobby (2)");
        }
    }

    @Test
    void privateMessageReachesOnlyItsTargetAndIsEchoedToTheSender() {
        try (ChatClient alice = ChatClient.login(server.port("chat"), "alice");
                ChatClient bob = ChatClient.login(server.port("chat"), "bob");
                ChatClient carol = ChatClient.login(server.port("chat"), "carol")) {
            alice.send("/msg BOB psst, secret");
            bob.awaitLine("*alice* psst, secret");
            alice.awaitLine("-> *bob* psst, secret");
            alice.send("/msg nobody hello");
            alice.awaitLine("* no such nickname: nobody");
            alice.send("public");
            List<String> carolSaw = carol.awaitLine("<alice> public");
            assertFalse(carolSaw.stream().anyMatch(l -> l.contains("secret")), carolSaw.toString());
        }
    }

    @Test
    void nickChangeAndActionsAreAnnouncedToTheRoom() {
        try (ChatClient alice = ChatClient.login(server.port("chat"), "alice");
                ChatClient bob = ChatClient.login(server.port("chat"), "bob")) {
            alice.send("/nick Alicia");
            bob.awaitLine("* alice is now known as Alicia");
            alice.send("/me waves");
            bob.awaitLine("* Alicia waves");
            bob.send("/nick alicia");
            bob.awaitLine("* nickname alicia is taken");
            // The old name is free again.
            try (ChatClient newcomer = ChatClient.login(server.port("chat"), "alice")) {
                bob.awaitLine("* alice joined lobby");
                newcomer.send("/who");
                newcomer.awaitLine("* in lobby (3): Alicia, bob, alice");
            }
        }
    }

    @Test
    void quitTellsTheRoomWithTheReasonAndClosesTheConnection() {
        try (ChatClient alice = ChatClient.login(server.port("chat"), "alice");
                ChatClient bob = ChatClient.login(server.port("chat"), "bob")) {
            alice.send("/quit off to lunch");
            List<String> last = alice.readUntilClosed();
            assertEquals("* bye", last.get(last.size() - 1));
            bob.awaitLine("* alice left lobby (quit: off to lunch)");
        }
    }

    @Test
    void unknownCommandsAndMissingArgumentsGetAOneLineHint() {
        try (ChatClient alice = ChatClient.login(server.port("chat"), "alice")) {
            alice.send("/frobnicate now");
            alice.awaitLine("* unknown command /frobnicate; /help lists the commands");
            alice.send("/msg bob");
            alice.awaitLine("* usage: /msg NICK TEXT");
            alice.send("/join bad room!");
            alice.awaitLine("* invalid room name: use 1-20 letters, digits, _ or -");
            alice.send("/help");
            alice.awaitLine("* commands:");
        }
    }

    @Test
    void timeStampsAreAddedForClientsThatAskForThem() {
        try (ChatClient alice = ChatClient.login(server.port("chat"), "alice");
                ChatClient bob = ChatClient.login(server.port("chat"), "bob")) {
            bob.send("/time on");
            String confirmed = bob.awaitLineStartingWith("[");
            assertTrue(confirmed.matches(STAMP + "\\* time stamps on"), confirmed);
            alice.send("tick");
            String stamped = bob.awaitLineStartingWith("[");
            assertTrue(stamped.matches(STAMP + "<alice> tick"), stamped);
            alice.awaitLine("<alice> tick");
            bob.send("/time off");
            bob.awaitLine("* time stamps off");
        }
    }

    @Test
    void statusShowsRoomsMemberCountsAndMessagesRelayed() {
        try (ChatClient alice = ChatClient.login(server.port("chat"), "alice");
                ChatClient bob = ChatClient.login(server.port("chat"), "bob")) {
            bob.send("/join dev");
            bob.awaitLine("* bob joined dev");
            alice.send("one");
            alice.awaitLine("<alice> one");
            Map<String, Object> status = ChatDaemon.status(server);
            assertEquals(List.of(Map.of("name", "dev", "members", 1), Map.of("name", "lobby", "members", 1)),
                    status.get("rooms"));
            assertEquals(2, status.get("users"));
            assertEquals(1L, status.get("messages-relayed"));
        }
    }
}
