import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load client for echo servers, loopback only. Run with the JDK's source launcher:
 *
 *   java bench/EchoLoad.java throughput PORT CONNECTIONS SECONDS
 *   java bench/EchoLoad.java connects   PORT WORKERS     SECONDS
 *
 * throughput: each connection streams 16 KiB chunks of pseudo-random bytes for SECONDS while a second
 * thread reads the echo back and checks every byte; prints MiB/s and the count of bytes lost or changed.
 * connects: WORKERS loops of connect, send 16 bytes, read them back, close; prints connections/s.
 */
public final class EchoLoad {

    private static final int CHUNK = 16 * 1024;
    private static final long MAX_BYTES_PER_CONNECTION = 64L << 30; // a bound even on a very fast machine
    private static final int MAX_CONNECTS = 2_000_000;

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int port = Integer.parseInt(args[1]);
        int n = Integer.parseInt(args[2]);
        double seconds = Double.parseDouble(args[3]);
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", port);
        if (mode.equals("throughput")) {
            throughput(target, n, seconds);
        } else {
            connects(target, n, seconds);
        }
    }

    private static void throughput(InetSocketAddress target, int connections, double seconds) throws Exception {
        AtomicLong verified = new AtomicLong();
        AtomicLong bad = new AtomicLong();
        List<java.util.function.LongSupplier> lost = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        // The clock starts once every connection is up, so a slow accept does not eat the measurement.
        long[] deadlineHolder = new long[1];
        for (int c = 0; c < connections; c++) {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(target, 5000);
            socket.setSoTimeout(10_000); // a stalled server costs at most 10 s
            long seed = 862 + c;
            AtomicLong sent = new AtomicLong();
            Thread writer = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                byte[] chunk = new byte[CHUNK];
                try {
                    OutputStream out = socket.getOutputStream();
                    while (System.nanoTime() < deadlineHolder[0] && sent.get() < MAX_BYTES_PER_CONNECTION) {
                        random.nextBytes(chunk);
                        out.write(chunk);
                        sent.addAndGet(CHUNK);
                    }
                    socket.shutdownOutput();
                } catch (IOException e) {
                    System.err.println("writer: " + e);
                }
            });
            Thread reader = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                byte[] expected = new byte[CHUNK];
                byte[] buffer = new byte[CHUNK];
                int expectedPos = CHUNK;
                long received = 0;
                try (socket) {
                    InputStream in = socket.getInputStream();
                    int r;
                    while ((r = in.read(buffer)) != -1) {
                        for (int i = 0; i < r; ) {
                            if (expectedPos == CHUNK) {
                                random.nextBytes(expected);
                                expectedPos = 0;
                            }
                            int n = Math.min(r - i, CHUNK - expectedPos);
                            if (!java.util.Arrays.equals(buffer, i, i + n, expected, expectedPos, expectedPos + n)) {
                                for (int k = 0; k < n; k++) {
                                    if (buffer[i + k] != expected[expectedPos + k]) {
                                        bad.incrementAndGet();
                                    }
                                }
                            }
                            i += n;
                            expectedPos += n;
                        }
                        received += r;
                    }
                } catch (IOException e) {
                    System.err.println("reader: " + e);
                }
                verified.addAndGet(received);
                long echoed = received;
                lost.add(() -> Math.max(0, sent.get() - echoed));
            });
            threads.add(writer);
            threads.add(reader);
        }
        long start = System.nanoTime();
        deadlineHolder[0] = start + (long) (seconds * 1e9);
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        lost.forEach(l -> bad.addAndGet(l.getAsLong())); // bytes sent but never echoed count as bad
        System.out.printf("throughput connections=%d MiB/s=%.1f bytes=%d bad=%d%n",
                connections, verified.get() / elapsed / (1 << 20), verified.get(), bad.get());
    }

    private static void connects(InetSocketAddress target, int workers, double seconds) throws Exception {
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        byte[] hello = "0123456789abcdef".getBytes();
        for (int w = 0; w < workers; w++) {
            threads.add(new Thread(() -> {
                byte[] back = new byte[hello.length];
                while (System.nanoTime() < deadline && done.get() + failed.get() < MAX_CONNECTS) {
                    try (Socket s = new Socket()) {
                        s.connect(target, 5000);
                        s.setSoTimeout(5000);
                        s.getOutputStream().write(hello);
                        int got = s.getInputStream().readNBytes(back, 0, back.length);
                        if (got == back.length && java.util.Arrays.equals(hello, back)) {
                            done.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (IOException e) {
                        failed.incrementAndGet();
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("connects workers=%d per_second=%.0f done=%d failed=%d%n",
                workers, done.get() / elapsed, done.get(), failed.get());
    }
}
