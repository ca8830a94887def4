import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load client for the chat service; run with the source launcher ({@code java ChatLoad.java ...}).
 * Loopback only.
 *
 * <pre>
 * java ChatLoad.java fanout PORT CLIENTS MESSAGES [PER_SECOND]
 *                                                   one sender, CLIENTS receivers in one room; checks that
 *                                                   every receiver gets every message in order; prints
 *                                                   delivered messages/s and p50/p99 delivery latency.
 *                                                   Sends as fast as it can, or PER_SECOND messages a second
 * java ChatLoad.java idle PORT CONNECTIONS SECONDS  logs CONNECTIONS users in (rooms of 100), prints
 *                                                   "idle: N connected", holds them SECONDS, closes them
 * </pre>
 */
public final class ChatLoad {

    private static final String HOST = "127.0.0.1";
    private static final int TIMEOUT_MILLIS = 60_000;

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: java ChatLoad.java fanout PORT CLIENTS MESSAGES [PER_SECOND] | idle PORT CONNECTIONS SECONDS");
            System.exit(2);
        }
        int port = Integer.parseInt(args[1]);
        int n = Integer.parseInt(args[2]);
        int m = Integer.parseInt(args[3]);
        switch (args[0]) {
            case "fanout" -> fanout(port, n, m, args.length > 4 ? Integer.parseInt(args[4]) : 0);
            case "idle" -> idle(port, n, m);
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    /** A logged-in user: socket, line reader, writer. */
    private record User(Socket socket, BufferedReader in, OutputStream out) {

        static User login(int port, String nick, String... then) throws IOException {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(HOST, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            StringBuilder lines = new StringBuilder(nick).append('\n');
            for (String line : then) {
                lines.append(line).append('\n');
            }
            out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new User(socket, in, out);
        }

        void awaitLine(String expected) throws IOException {
            for (int i = 0; i < 1_000_000; i++) {
                String line = in.readLine();
                if (line == null) {
                    throw new IOException("closed while waiting for " + expected);
                }
                if (line.equals(expected)) {
                    return;
                }
            }
            throw new IOException("never saw " + expected);
        }
    }

    private static void fanout(int port, int clients, int messages, int perSecond) throws Exception {
        List<User> receivers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            User user = User.login(port, "r" + i);
            user.awaitLine("* you are r" + i + "; /help lists the commands");
            receivers.add(user);
        }
        User sender = User.login(port, "sender");
        sender.awaitLine("* you are sender; /help lists the commands");
        for (User user : receivers) {
            user.awaitLine("* sender joined lobby");
        }

        long[][] latencies = new long[clients][messages];
        AtomicLong delivered = new AtomicLong();
        AtomicLong outOfOrder = new AtomicLong();
        AtomicLong lastArrival = new AtomicLong();
        CountDownLatch done = new CountDownLatch(clients + 1);
        for (int r = 0; r < clients; r++) {
            int index = r;
            User user = receivers.get(r);
            Thread t = new Thread(() -> {
                try {
                    for (int expected = 0; expected < messages; ) {
                        String line = user.in().readLine();
                        if (line == null) {
                            break;
                        }
                        if (!line.startsWith("<sender> m ")) {
                            continue;
                        }
                        long now = System.nanoTime();
                        String[] parts = line.split(" ");
                        int seq = Integer.parseInt(parts[2]);
                        if (seq != expected) {
                            outOfOrder.incrementAndGet();
                        }
                        latencies[index][seq] = now - Long.parseLong(parts[3]);
                        delivered.incrementAndGet();
                        expected = seq + 1;
                        lastArrival.accumulateAndGet(now, Math::max);
                    }
                } catch (IOException | RuntimeException e) {
                    System.err.println("receiver r" + index + ": " + e);
                } finally {
                    done.countDown();
                }
            }, "r" + r);
            t.setDaemon(true);
            t.start();
        }
        // The sender hears its own lines too: read them so it never becomes a slow consumer itself.
        Thread drain = new Thread(() -> {
            try {
                for (int seen = 0; seen < messages; ) {
                    String line = sender.in().readLine();
                    if (line == null) {
                        break;
                    }
                    if (line.startsWith("<sender> m ")) {
                        seen++;
                    }
                }
            } catch (IOException e) {
                System.err.println("sender's own lines: " + e);
            } finally {
                done.countDown();
            }
        }, "sender-drain");
        drain.setDaemon(true);
        drain.start();

        long start = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            if (perSecond > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(start + i * 1_000_000_000L / perSecond - System.nanoTime());
            }
            sender.out().write(("m " + i + " " + System.nanoTime() + "\n").getBytes(StandardCharsets.US_ASCII));
            sender.out().flush();
        }
        long sent = System.nanoTime();
        boolean finished = done.await(120, TimeUnit.SECONDS);
        long expectedTotal = (long) clients * messages;
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).filter(l -> l > 0).sorted().toArray();
        double seconds = (lastArrival.get() - start) / 1e9;
        System.out.printf("fanout: %d receivers x %d messages (%s), finished=%s%n", clients, messages,
                perSecond > 0 ? perSecond + " per second" : "as fast as possible", finished);
        System.out.printf("  sender wrote all in   %.1f ms%n", (sent - start) / 1e6);
        System.out.printf("  delivered             %d of %d (lost %d, out of order %d)%n",
                delivered.get(), expectedTotal, expectedTotal - delivered.get(), outOfOrder.get());
        System.out.printf("  last delivery after   %.1f ms%n", seconds * 1000);
        System.out.printf("  delivered msgs/s      %.0f%n", delivered.get() / seconds);
        System.out.printf("  latency p50           %.2f ms%n", percentile(all, 0.50) / 1e6);
        System.out.printf("  latency p99           %.2f ms%n", percentile(all, 0.99) / 1e6);
        System.out.printf("  latency max           %.2f ms%n", all.length == 0 ? 0 : all[all.length - 1] / 1e6);
        for (User user : receivers) {
            user.socket().close();
        }
        sender.socket().close();
        if (delivered.get() != expectedTotal || outOfOrder.get() != 0) {
            System.exit(1);
        }
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static void idle(int port, int connections, int seconds) throws Exception {
        List<User> users = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            users.add(User.login(port, "idle" + i, "/join r" + (i % (connections / 100 + 1))));
            if (i % 100 == 99) {
                // Wait for the last of each hundred, so the daemon is never more than 100 logins behind.
                users.get(i).awaitLine("* you are idle" + i + "; /help lists the commands");
            }
        }
        if (connections % 100 != 0) {
            users.get(connections - 1).awaitLine("* you are idle" + (connections - 1) + "; /help lists the commands");
        }
        System.out.printf("idle: %d connected in %.1f s%n", connections, (System.nanoTime() - start) / 1e9);
        System.out.flush();
        Thread.sleep(seconds * 1000L);
        for (User user : users) {
            user.socket().close();
        }
    }
}
