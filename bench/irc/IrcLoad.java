import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * IRC fan-out load client, the same for every server it is pointed at; run with the source launcher.
 * Loopback only. RECEIVERS clients register (NICK, USER), join #bench and read with one selector
 * thread (so the client's own cost stays small and equal for every server); one sender registers,
 * joins and writes MESSAGES lines of "PRIVMSG #bench :SEQ NANOTIME" as fast as the server takes them.
 * Prints one RESULT line: deliveries, lost lines, deliveries/s and p50/p99 delivery latency.
 *
 * <pre>
 * java IrcLoad.java LABEL PORT RECEIVERS MESSAGES
 * </pre>
 */
public final class IrcLoad {

    private static final String HOST = "127.0.0.1";
    /** A run ends when every line is in, or when nothing has arrived for this long (the rest is lost). */
    private static final long QUIET_NANOS = 10_000_000_000L;

    /** One receiver: its channel, a partial line, what it has counted. */
    private static final class Receiver {
        final SocketChannel channel;
        final String nick;
        final byte[] line = new byte[4096];
        int length;
        int received;
        int nextSeq;
        int outOfOrder;
        final byte[] last = new byte[512];
        int lastLength;
        boolean joined;
        boolean closed;

        Receiver(SocketChannel channel, String nick) {
            this.channel = channel;
            this.nick = nick;
        }
    }

    public static void main(String[] args) throws Exception {
        String label = args[0];
        int port = Integer.parseInt(args[1]);
        int receivers = Integer.parseInt(args[2]);
        int messages = Integer.parseInt(args[3]);
        int[] latencies = new int[receivers * messages]; // microseconds, one slot per delivery
        int[] deliveries = {0};

        Selector selector = Selector.open();
        List<Receiver> all = new ArrayList<>();
        for (int i = 0; i < receivers; i++) {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress(HOST, port));
            channel.configureBlocking(false);
            Receiver r = new Receiver(channel, "r" + i);
            write(channel, "NICK r" + i + "\r\nUSER r" + i + " 0 * :bench\r\n");
            channel.register(selector, SelectionKey.OP_READ, r);
            all.add(r);
            if (i % 50 == 49) {
                pump(selector, all, latencies, deliveries, messages, 0, r2 -> r2.joined, 30);
            }
        }
        pump(selector, all, latencies, deliveries, messages, 0, r -> r.joined, 60);
        long notJoined = all.stream().filter(r -> !r.joined).count();
        if (notJoined > 0) {
            throw new IllegalStateException(notJoined + " receivers did not get into #bench");
        }

        Socket sender = new Socket(HOST, port);
        sender.setTcpNoDelay(true);
        OutputStream out = new BufferedOutputStream(sender.getOutputStream(), 1 << 16);
        out.write("NICK sender\r\nUSER sender 0 * :bench\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = sender.getInputStream();
        awaitText(in, " 376 sender ", " 422 sender ");
        out.write("JOIN #bench\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        awaitText(in, " 366 sender ");
        Thread drain = new Thread(() -> {
            byte[] buffer = new byte[1 << 16];
            try {
                while (in.read(buffer) >= 0) {
                    // the sender's own input (PINGs, nothing else here): read so it never backs up
                }
            } catch (IOException e) {
                // closed at the end
            }
        }, "sender-drain");
        drain.setDaemon(true);
        drain.start();

        long[] start = {0};
        Thread writer = new Thread(() -> {
            try {
                start[0] = System.nanoTime();
                for (int i = 0; i < messages; i++) {
                    out.write(("PRIVMSG #bench :" + i + " " + System.nanoTime() + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (IOException e) {
                System.err.println("sender: " + e);
            }
        }, "sender");
        writer.start();
        long last = pump(selector, all, latencies, deliveries, messages, messages, r -> r.received == messages, 600);
        writer.join();

        long expected = (long) receivers * messages;
        int delivered = deliveries[0];
        int[] sorted = Arrays.copyOf(latencies, delivered);
        Arrays.sort(sorted);
        double seconds = (last - start[0]) / 1e9;
        long disorder = all.stream().mapToLong(r -> r.outOfOrder).sum();
        long closed = all.stream().filter(r -> r.closed).count();
        System.out.printf("RESULT %s receivers=%d messages=%d delivered=%d lost=%d deliveries_per_s=%.0f p50_ms=%.2f "
                        + "p99_ms=%.2f seconds=%.2f out_of_order=%d disconnected=%d%n",
                label, receivers, messages, delivered, expected - delivered, delivered / seconds,
                percentile(sorted, 0.50) / 1000.0, percentile(sorted, 0.99) / 1000.0, seconds, disorder, closed);
        for (Receiver r : all) {
            r.channel.close();
        }
        sender.close();
    }

    /**
     * Reads every receiver until {@code done} holds for all of them, nothing arrives for a while, or
     * {@code maxSeconds} pass. @return when the last message line arrived
     */
    private static long pump(Selector selector, List<Receiver> all, int[] latencies, int[] deliveries, int messages,
            int wanted, java.util.function.Predicate<Receiver> done, int maxSeconds) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);
        byte[] bytes = new byte[1 << 16];
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        long lastProgress = System.nanoTime();
        long lastArrival = 0;
        while (System.nanoTime() < deadline && System.nanoTime() - lastProgress < QUIET_NANOS) {
            if (all.stream().allMatch(r -> done.test(r) || r.closed)) {
                break;
            }
            if (selector.select(200) == 0) {
                continue;
            }
            var keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                Receiver r = (Receiver) key.attachment();
                buffer.clear();
                int n;
                try {
                    n = r.channel.read(buffer);
                } catch (IOException e) {
                    n = -1;
                }
                if (n < 0) {
                    if (!r.closed) {
                        System.err.println(r.nick + " closed by the server after " + r.received + " lines; last: "
                                + new String(r.last, 0, r.lastLength, StandardCharsets.US_ASCII));
                    }
                    r.closed = true;
                    key.cancel();
                    continue;
                }
                buffer.flip();
                buffer.get(bytes, 0, n);
                long now = System.nanoTime();
                lastProgress = now;
                for (int i = 0; i < n; i++) {
                    byte b = bytes[i];
                    if (b == '\n') {
                        if (line(r, latencies, deliveries, messages, now)) {
                            lastArrival = now;
                        }
                        r.length = 0;
                    } else if (r.length < r.line.length) {
                        r.line[r.length++] = b;
                    }
                }
            }
        }
        return lastArrival;
    }

    /** Handles one received line. @return true for a #bench message line */
    private static boolean line(Receiver r, int[] latencies, int[] deliveries, int messages, long now) throws IOException {
        r.lastLength = Math.min(r.length, r.last.length);
        System.arraycopy(r.line, 0, r.last, 0, r.lastLength);
        String line = new String(r.line, 0, r.length, StandardCharsets.US_ASCII);
        int text = line.indexOf(" PRIVMSG #bench :");
        if (text >= 0) {
            String[] parts = line.substring(text + 17).strip().split(" ");
            int seq = Integer.parseInt(parts[0]);
            if (seq != r.nextSeq) {
                r.outOfOrder++;
            }
            r.nextSeq = seq + 1;
            r.received++;
            latencies[deliveries[0]++] = (int) Math.min(Integer.MAX_VALUE, (now - Long.parseLong(parts[1])) / 1000);
            return true;
        }
        if (line.startsWith("PING ")) {
            write(r.channel, "PONG " + line.substring(5) + "\r\n");
        } else if (line.contains(" 376 " + r.nick + " ") || line.contains(" 422 " + r.nick + " ")) {
            write(r.channel, "JOIN #bench\r\n");
        } else if (line.contains(" 366 " + r.nick + " ")) {
            r.joined = true;
        }
        return false;
    }

    private static void write(SocketChannel channel, String text) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
        while (out.hasRemaining()) {
            channel.write(out); // a few bytes to an idle socket: never more than its buffer
        }
    }

    private static void awaitText(InputStream in, String... any) throws IOException {
        StringBuilder seen = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            seen.append((char) b);
            if (b == '\n') {
                for (String text : any) {
                    if (seen.indexOf(text) >= 0) {
                        return;
                    }
                }
                seen.setLength(0);
            }
        }
        throw new IOException("closed before " + String.join(" or ", any));
    }

    private static double percentile(int[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
