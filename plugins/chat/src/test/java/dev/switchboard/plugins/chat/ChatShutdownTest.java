package dev.switchboard.plugins.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testkit.TestDaemon;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Draining: every client hears that the server is going before its connection closes. */
@Timeout(60)
class ChatShutdownTest {

    @Test
    void hundredConnectedClientsAllGetTheShutdownNoticeBeforeTheirSocketsClose() throws Exception {
        List<ChatClient> clients = new ArrayList<>();
        TestDaemon server = ChatDaemon.start();
        try {
            clients.addAll(ChatClient.loginAll(server.port("chat"), "user", 100));
            clients.get(0).send("last words");
            clients.get(99).awaitLine("<user0> last words");
            // One more, still choosing a nickname: it is told too.
            ChatClient newcomer = new ChatClient(server.port("chat"));
            newcomer.awaitLineStartingWith("* choose a nickname");
            clients.add(newcomer);

            server.close();

            for (ChatClient client : clients) {
                List<String> lines = client.readUntilClosed();
                assertTrue(!lines.isEmpty(), "no notice before close");
                assertEquals("* server is shutting down", lines.get(lines.size() - 1), lines.toString());
            }
        } finally {
            clients.forEach(ChatClient::close);
            server.close();
        }
    }

    @Test
    void shutdownNoticeIsConfigurable() throws Exception {
        TestDaemon server = ChatDaemon.start("shutdown-message: \"* back in five minutes\"");
        try (ChatClient alice = ChatClient.login(server.port("chat"), "alice")) {
            server.close();
            List<String> lines = alice.readUntilClosed();
            assertEquals("* back in five minutes", lines.get(lines.size() - 1));
        } finally {
            server.close();
        }
    }
}
