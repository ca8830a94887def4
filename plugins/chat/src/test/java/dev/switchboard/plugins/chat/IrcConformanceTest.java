package dev.switchboard.plugins.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testkit.TestDaemon;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The replies and errors IRC clients rely on, over raw sockets against the real daemon on one chat
 * port, with telnet users in the same rooms. Each numeric is checked where RFC 2812 puts it.
 */
class IrcConformanceTest {

    private static final String S = ":irc.switchboard ";

    private TestDaemon server;

    @BeforeEach
    void start() throws Exception {
        // Generous flood control: each test sends many commands in a row, which is not what it tests.
        server = ChatDaemon.start("motd: \"Welcome to the test chat.\\nBe nice.\"", "flood-burst: 200");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void capNegotiationHoldsRegistrationUntilCapEndThenWelcomesWithIsupportAndMotd() {
        try (ChatClient c = new ChatClient(server.port("chat"))) {
            c.send("CAP LS 302");
            c.expect(S + "CAP * LS :away-notify cap-notify echo-message message-tags multi-prefix server-time");
            c.send("PASS whatever");
            c.send("NICK alice");
            c.send("USER alice 0 * :Alice Liddell");
            c.send("CAP REQ :multi-prefix cap-notify");
            c.expect(S + "CAP alice ACK :multi-prefix cap-notify"); // the nick is known, registration is not done
            c.send("CAP REQ :multi-prefix no-such-cap");
            c.expect(S + "CAP alice NAK :multi-prefix no-such-cap");
            c.send("CAP LIST");
            c.expect(S + "CAP alice LIST :cap-notify multi-prefix");
            c.send("CAP END");
            c.expect(S + "001 alice :Welcome to the Switchboard IRC network, alice!~alice@127.0.0.1");
            assertTrue(c.line().startsWith(S + "002 alice :Your host is irc.switchboard, running version "));
            assertTrue(c.line().startsWith(S + "003 alice :This server was created "));
            assertTrue(c.line().matches(Pattern.quote(S + "004 alice irc.switchboard ") + "\\S+ iw :bn"));
            String isupport = c.line();
            for (String token : List.of("CASEMAPPING=ascii", "CHANTYPES=#", "PREFIX=(ov)@+", "CHANMODES=b,,,n",
                    "NICKLEN=20", "CHANNELLEN=21", "NETWORK=Switchboard")) {
                assertTrue(isupport.startsWith(S + "005 alice ") && isupport.contains(" " + token + " "), isupport);
            }
            assertTrue(isupport.endsWith(":are supported by this server"), isupport);
            c.expect(S + "375 alice :- irc.switchboard Message of the day - ");
            c.expect(S + "372 alice :- Welcome to the test chat.");
            c.expect(S + "372 alice :- Be nice.");
            c.expect(S + "376 alice :End of /MOTD command.");
        }
    }

    @Test
    void withoutCapRegistrationCompletesOnNickAndUserInEitherOrder() {
        try (ChatClient c = new ChatClient(server.port("chat"))) {
            c.send("USER bob 0 * :Bob");
            c.send("NICK bob");
            c.awaitLine(S + "001 bob :Welcome to the Switchboard IRC network, bob!~bob@127.0.0.1");
        }
    }

    @Test
    void emptyMotdIsReported422() throws Exception {
        try (TestDaemon quiet = ChatDaemon.start("motd: \"\"");
                ChatClient c = new ChatClient(quiet.port("chat"))) {
            c.send("NICK carol");
            c.send("USER carol 0 * :Carol");
            List<String> before = c.linesBefore(" 422 carol :MOTD File is missing");
            assertTrue(before.stream().anyMatch(l -> l.contains(" 005 carol ")), before.toString());
            assertFalse(before.stream().anyMatch(l -> l.contains(" 375 ")), before.toString());
        }
    }

    @Test
    void telnetUserStillGetsMotdAndPromptWithinHalfASecond() {
        long start = System.nanoTime();
        try (ChatClient c = new ChatClient(server.port("chat"))) {
            c.expect("Welcome to the test chat.");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 500, "motd after " + millis + " ms");
            c.expect("Be nice.");
            c.awaitLineStartingWith("* choose a nickname");
        }
    }

    @Test
    void joinIsEchoedThenTopicThenNamesWithTelnetUsersInTheRoom() {
        try (ChatClient bob = ChatClient.login(server.port("chat"), "bob");
                ChatClient alice = IrcUser.register(server.port("chat"), "alice")) {
            alice.send("JOIN #lobby");
            alice.expect(":alice!~alice@127.0.0.1 JOIN #lobby");
            alice.expect(S + "331 alice #lobby :No topic is set");
            alice.expect(S + "353 alice = #lobby :bob alice");
            alice.expect(S + "366 alice #lobby :End of /NAMES list");
            bob.awaitLine("* alice joined lobby");

            bob.send("hello from telnet");
            alice.expect(":bob!telnet@127.0.0.1 PRIVMSG #lobby :hello from telnet");
            alice.send("PRIVMSG #lobby :hello from \u0002IRC\u0002 \u000304,01red\u000f \u001b[2Jclear");
            bob.awaitLine("<alice> hello from IRC red [2Jclear".replace("[2J", ""));
        }
    }

    @Test
    void ircFormattingPassesBetweenIrcUsersButEscapesDoNot() {
        try (ChatClient alice = IrcUser.register(server.port("chat"), "alice");
                ChatClient dave = IrcUser.register(server.port("chat"), "dave")) {
            IrcUser.join(alice, "alice", "#lobby");
            IrcUser.join(dave, "dave", "#lobby");
            alice.awaitLine(":dave!~dave@127.0.0.1 JOIN #lobby");
            dave.send("PRIVMSG #lobby :\u0002bold\u0002 \u000304red\u0003 \u001b]0;title\u0007x");
            alice.expect(":dave!~dave@127.0.0.1 PRIVMSG #lobby :\u0002bold\u0002 \u000304red\u0003 x");
        }
    }

    @Test
    void actionsNickChangesPartsAndQuitsMapBothWays() {
        try (ChatClient bob = ChatClient.login(server.port("chat"), "bob");
                ChatClient alice = IrcUser.register(server.port("chat"), "alice")) {
            IrcUser.join(alice, "alice", "#lobby");
            bob.awaitLine("* alice joined lobby");
            alice.send("PRIVMSG #lobby :\u0001ACTION waves\u0001");
            bob.awaitLine("* alice waves");
            bob.send("/me nods");
            alice.expect(":bob!telnet@127.0.0.1 PRIVMSG #lobby :\u0001ACTION nods\u0001");
            bob.send("/nick robert");
            alice.expect(":bob!telnet@127.0.0.1 NICK :robert");
            alice.send("NICK alicia");
            alice.expect(":alice!~alice@127.0.0.1 NICK :alicia");
            bob.awaitLine("* alice is now known as alicia");
            alice.send("PART #lobby :see you");
            alice.expect(":alicia!~alice@127.0.0.1 PART #lobby :see you");
            bob.awaitLine("* alicia left lobby (see you)");
            IrcUser.join(alice, "alicia", "#lobby");
            bob.send("/join dev");
            alice.awaitLine(":robert!telnet@127.0.0.1 PART #lobby :went to #dev");
            bob.send("/join lobby");
            alice.awaitLine(":robert!telnet@127.0.0.1 JOIN #lobby");
            bob.send("/quit lunch");
            alice.awaitLine(":robert!telnet@127.0.0.1 QUIT :quit: lunch");
        }
    }

    @Test
    void privateMessagesAndNoticesReachNicksOfEitherKind() {
        try (ChatClient bob = ChatClient.login(server.port("chat"), "bob");
                ChatClient alice = IrcUser.register(server.port("chat"), "alice")) {
            alice.send("PRIVMSG bob :psst");
            bob.awaitLine("*alice* psst");
            bob.send("/msg alice back");
            alice.expect(":bob!telnet@127.0.0.1 PRIVMSG alice :back");
            alice.send("NOTICE bob :fyi");
            bob.awaitLine("-alice- fyi");
        }
    }

    @Test
    void ctcpVersionAndPingToATelnetUserAreAnsweredForIt() {
        try (ChatClient bob = ChatClient.login(server.port("chat"), "bob");
                ChatClient alice = IrcUser.register(server.port("chat"), "alice")) {
            alice.send("PRIVMSG bob :\u0001VERSION\u0001");
            String version = alice.line();
            assertTrue(version.startsWith(":bob!telnet@127.0.0.1 NOTICE alice :\u0001VERSION switchboard-chat-"), version);
            alice.send("PRIVMSG bob :\u0001PING 12345\u0001");
            alice.expect(":bob!telnet@127.0.0.1 NOTICE alice :\u0001PING 12345\u0001");
            bob.send("/who");
            bob.awaitLine("* in lobby (1): bob"); // bob saw neither request
        }
    }

    @Test
    void topicIsSetShownOnJoinAndToldToTelnetUsers() {
        try (ChatClient bob = ChatClient.login(server.port("chat"), "bob");
                ChatClient alice = IrcUser.register(server.port("chat"), "alice");
                ChatClient erin = IrcUser.register(server.port("chat"), "erin")) {
            IrcUser.join(alice, "alice", "#lobby");
            alice.send("TOPIC #lobby :weekly meeting");
            alice.expect(":alice!~alice@127.0.0.1 TOPIC #lobby :weekly meeting");
            bob.awaitLine("* alice set the topic of lobby: weekly meeting");
            erin.send("TOPIC #lobby");
            erin.expect(S + "332 erin #lobby :weekly meeting");
            assertTrue(erin.line().matches(Pattern.quote(S + "333 erin #lobby alice!~alice@127.0.0.1 :") + "\\d+"));
            List<String> joining = IrcUser.join(erin, "erin", "#lobby");
            assertTrue(joining.contains(S + "332 erin #lobby :weekly meeting"), joining.toString());
            erin.send("LIST");
            erin.expect(S + "321 erin Channel :Users  Name");
            erin.expect(S + "322 erin #lobby 3 :weekly meeting");
            erin.expect(S + "323 erin :End of /LIST");
            erin.send("NAMES #lobby");
            erin.expect(S + "353 erin = #lobby :bob alice erin");
            erin.expect(S + "366 erin #lobby :End of /NAMES list");
        }
    }

    @Test
    void whoWhoisModeAndAwayAnswerWhatClientsAskOnTheirOwn() {
        try (ChatClient bob = ChatClient.login(server.port("chat"), "bob");
                ChatClient alice = IrcUser.register(server.port("chat"), "alice", "away-notify");
                ChatClient erin = IrcUser.register(server.port("chat"), "erin")) {
            IrcUser.join(alice, "alice", "#lobby");
            IrcUser.join(erin, "erin", "#lobby");
            alice.send("WHO #lobby");
            alice.awaitLine(S + "352 alice #lobby telnet 127.0.0.1 irc.switchboard bob H :0 telnet user");
            alice.expect(S + "352 alice #lobby ~alice 127.0.0.1 irc.switchboard alice H :0 Real alice");
            alice.expect(S + "352 alice #lobby ~erin 127.0.0.1 irc.switchboard erin H :0 Real erin");
            alice.expect(S + "315 alice #lobby :End of /WHO list");
            alice.send("WHOIS bob");
            alice.expect(S + "311 alice bob telnet 127.0.0.1 * :telnet user");
            alice.expect(S + "319 alice bob :#lobby");
            alice.expect(S + "312 alice bob irc.switchboard :Switchboard chat");
            assertTrue(alice.line().matches(Pattern.quote(S + "317 alice bob ") + "\\d+ \\d+ :seconds idle, signon time"));
            alice.expect(S + "318 alice bob :End of /WHOIS list");
            alice.send("WHOIS nobody");
            alice.expect(S + "401 alice nobody :No such nick/channel");
            alice.expect(S + "318 alice nobody :End of /WHOIS list");
            alice.send("MODE #lobby");
            alice.expect(S + "324 alice #lobby :+n");
            assertTrue(alice.line().matches(Pattern.quote(S + "329 alice #lobby :") + "\\d+"));
            alice.send("MODE #lobby b");
            alice.expect(S + "368 alice #lobby :End of channel ban list");
            alice.send("MODE alice");
            alice.expect(S + "221 alice :+");
            alice.send("MODE alice +i");
            alice.expect(":alice!~alice@127.0.0.1 MODE alice :+i");
            erin.send("AWAY :lunch");
            erin.expect(S + "306 erin :You have been marked as being away");
            alice.expect(":erin!~erin@127.0.0.1 AWAY :lunch"); // away-notify
            alice.send("PRIVMSG erin :there?");
            alice.expect(S + "301 alice erin :lunch");
            alice.send("WHO erin");
            alice.expect(S + "352 alice * ~erin 127.0.0.1 irc.switchboard erin G :0 Real erin");
            alice.expect(S + "315 alice erin :End of /WHO list");
            erin.awaitLine(":alice!~alice@127.0.0.1 PRIVMSG erin :there?");
            erin.send("AWAY");
            erin.expect(S + "305 erin :You are no longer marked as being away");
            alice.expect(":erin!~erin@127.0.0.1 AWAY");
        }
    }

    @Test
    void everyErrorComesWhereRfc2812PutsIt() {
        try (ChatClient early = new ChatClient(server.port("chat"))) {
            early.send("NICK 1bad"); // an IRC client's first line
            early.expect(S + "432 * 1bad :Erroneous nickname");
            early.send("JOIN #lobby");
            early.expect(S + "451 * :You have not registered");
            early.send("NICK");
            early.expect(S + "431 * :No nickname given");
            early.send("USER x");
            early.expect(S + "461 * USER :Not enough parameters");
        }
        try (ChatClient bob = IrcUser.register(server.port("chat"), "bob");
                ChatClient c = IrcUser.register(server.port("chat"), "alice")) {
            IrcUser.join(bob, "bob", "#dev");
            c.send("NICK bob");
            c.expect(S + "433 alice bob :Nickname is already in use");
            c.send("PRIVMSG nobody :hi");
            c.expect(S + "401 alice nobody :No such nick/channel");
            c.send("PRIVMSG #dev :hi");
            c.expect(S + "404 alice #dev :Cannot send to channel");
            c.send("PRIVMSG");
            c.expect(S + "411 alice :No recipient given (PRIVMSG)");
            c.send("PRIVMSG #dev");
            c.expect(S + "412 alice :No text to send");
            c.send("FROBNICATE now");
            c.expect(S + "421 alice FROBNICATE :Unknown command");
            c.send("JOIN #bad!name");
            c.expect(S + "403 alice #bad!name :No such channel");
            c.send("PART #nowhere");
            c.expect(S + "403 alice #nowhere :No such channel");
            c.send("PART #dev");
            c.expect(S + "442 alice #dev :You're not on that channel");
            c.send("JOIN");
            c.expect(S + "461 alice JOIN :Not enough parameters");
            c.send("USER again 0 * :Again");
            c.expect(S + "462 alice :You may not reregister");
            c.send("NOTICE nobody :notices never get errors");
            c.send("PING :still-here");
            c.expect(S + "PONG irc.switchboard :still-here");
        }
    }

    @Test
    void echoMessageAndServerTimeAreHonoured() {
        try (ChatClient c = IrcUser.register(server.port("chat"), "alice", "echo-message", "server-time", "message-tags")) {
            IrcUser.join(c, "alice", "#lobby");
            c.send("@+typing=active TAGMSG #lobby");
            c.send("PRIVMSG #lobby :echoed");
            String echo = c.line();
            assertTrue(echo.matches("@time=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z "
                    + Pattern.quote(":alice!~alice@127.0.0.1 PRIVMSG #lobby :echoed")), echo);
        }
    }

    @Test
    void serverPingsASilentClientAndDropsOneThatNeverAnswers() throws Exception {
        try (TestDaemon pinging = ChatDaemon.start("ping-interval: 1s");
                ChatClient answering = IrcUser.register(pinging.port("chat"), "pinger");
                ChatClient silent = IrcUser.register(pinging.port("chat"), "silent")) {
            answering.awaitLine("PING :irc.switchboard");
            answering.send("PONG :irc.switchboard");
            List<String> last = silent.readUntilClosed();
            assertEquals("ERROR :Closing link: ping timeout (1s)", last.get(last.size() - 1), last.toString());
            answering.awaitLine("PING :irc.switchboard");
            answering.send("PING :alive");
            answering.awaitLine(S + "PONG irc.switchboard :alive");
        }
    }

    @Test
    void overlongLinesAreRefusedWith417AndOutgoingLinesFitIn512Bytes() {
        try (ChatClient bob = ChatClient.login(server.port("chat"), "bob");
                ChatClient alice = IrcUser.register(server.port("chat"), "alice")) {
            IrcUser.join(alice, "alice", "#lobby");
            alice.send("PRIVMSG #lobby :" + "x".repeat(600));
            alice.expect(S + "417 alice :Input line was too long");
            bob.send("y".repeat(505)); // the telnet limit is 512, but with the prefix it is too long for one IRC line
            String first = alice.line();
            String second = alice.line();
            String head = ":bob!telnet@127.0.0.1 PRIVMSG #lobby :";
            assertTrue(first.startsWith(head) && second.startsWith(head), first + "\n" + second);
            assertTrue(first.length() + 2 <= 512 && second.length() + 2 <= 512);
            assertEquals("y".repeat(505), first.substring(head.length()) + second.substring(head.length()));
        }
    }

    @Test
    void shutdownSendsIrcUsersAnErrorLineAndTelnetUsersTheNotice() {
        ChatClient alice = IrcUser.register(server.port("chat"), "alice");
        ChatClient bob = ChatClient.login(server.port("chat"), "bob");
        try {
            server.close();
            List<String> ircLast = alice.readUntilClosed();
            assertEquals("ERROR :server is shutting down", ircLast.get(ircLast.size() - 1));
            List<String> telnetLast = bob.readUntilClosed();
            assertEquals("* server is shutting down", telnetLast.get(telnetLast.size() - 1));
        } finally {
            alice.close();
            bob.close();
        }
    }

    @Test
    void anIrcClientSlowerThanTheTelnetPromptIsStillRecognisedByItsFirstLine() {
        try (ChatClient late = new ChatClient(server.port("chat"))) {
            late.awaitLineStartingWith("* choose a nickname");
            late.send("NICK late");
            late.send("USER late 0 * :Late");
            late.awaitLine(S + "001 late :Welcome to the Switchboard IRC network, late!~late@127.0.0.1");
        }
    }

    @Test
    void clientsSettingForcesOneMode() throws Exception {
        try (TestDaemon irc = ChatDaemon.start("clients: irc");
                ChatClient c = new ChatClient(irc.port("chat"))) {
            c.send("hello");
            c.expect(S + "451 * :You have not registered");
        }
        try (TestDaemon telnet = ChatDaemon.start("clients: telnet");
                ChatClient c = new ChatClient(telnet.port("chat"))) {
            c.send("NICK bob");
            c.awaitLineStartingWith("* invalid nickname");
        }
    }
}
