package dev.switchboard.daemon.net;

import dev.switchboard.api.ConnectedClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The connected clients of a service that moved the most bytes, most first, and how many more there are.
 *
 * @param listed the clients listed
 * @param others how many more are connected
 */
public record TopClients(List<ConnectedClient> listed, long others) {

    /** Takes an unmodifiable copy. */
    public TopClients {
        listed = List.copyOf(listed);
    }

    static TopClients of(Collection<ClientConnection> clients, int top, Instant now) {
        long nowNanos = System.nanoTime();
        // A bounded heap: a chat service with 10,000 clients costs one pass, not a sort of all of them.
        PriorityQueue<ClientConnection> heaviest = new PriorityQueue<>(Comparator.comparingLong(TopClients::traffic));
        int open = 0;
        for (ClientConnection client : clients) {
            if (client.isClosed()) {
                continue; // a stuck handler's client: gone, though its handler still counts
            }
            open++;
            heaviest.add(client);
            if (heaviest.size() > top) {
                heaviest.poll();
            }
        }
        List<ConnectedClient> listed = new ArrayList<>(heaviest.size());
        while (!heaviest.isEmpty()) {
            listed.add(heaviest.poll().describe(nowNanos, now));
        }
        Collections.reverse(listed);
        return new TopClients(listed, open - listed.size());
    }

    private static long traffic(ClientConnection client) {
        return client.bytesIn() + client.bytesOut();
    }
}
