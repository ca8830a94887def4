import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request/response load client, loopback only: each of CONNECTIONS connections sends one request, waits
 * for its whole answer, checks it, and sends the next, for SECONDS. Run with the JDK's source launcher:
 *
 *   java bench/RequestLoad.java echo   PORT CONNECTIONS SECONDS   (16 bytes out, the same 16 back)
 *   java bench/RequestLoad.java frames PORT CONNECTIONS SECONDS   (a 2-byte length and 16 bytes out,
 *                                                                   the same frame reversed back)
 *
 * Prints requests/s and how many answers were wrong or missing.
 */
public final class RequestLoad {

    private static final long MAX_REQUESTS_PER_CONNECTION = 50_000_000L; // a bound even on a fast machine

    public static void main(String[] args) throws Exception {
        boolean framed = args[0].equals("frames");
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1]));
        int connections = Integer.parseInt(args[2]);
        long deadline = System.nanoTime() + (long) (Double.parseDouble(args[3]) * 1e9);
        byte[] payload = "0123456789abcdef".getBytes();
        byte[] request = framed ? frame(payload) : payload;
        byte[] reversed = payload.clone();
        for (int i = 0; i < reversed.length; i++) {
            reversed[i] = payload[payload.length - 1 - i];
        }
        byte[] expected = framed ? frame(reversed) : payload;
        AtomicLong done = new AtomicLong();
        AtomicLong bad = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            threads.add(new Thread(() -> {
                byte[] answer = new byte[expected.length];
                try (Socket s = new Socket()) {
                    s.connect(target, 5000);
                    s.setSoTimeout(10_000);
                    s.setTcpNoDelay(true);
                    OutputStream out = s.getOutputStream();
                    InputStream in = s.getInputStream();
                    for (long n = 0; n < MAX_REQUESTS_PER_CONNECTION && System.nanoTime() < deadline; n++) {
                        out.write(request);
                        int got = in.readNBytes(answer, 0, answer.length);
                        if (got != answer.length || !Arrays.equals(answer, expected)) {
                            bad.incrementAndGet();
                            return;
                        }
                        done.incrementAndGet();
                    }
                } catch (IOException e) {
                    bad.incrementAndGet();
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s connections=%d per_second=%.0f done=%d bad=%d%n",
                args[0], connections, done.get() / elapsed, done.get(), bad.get());
    }

    private static byte[] frame(byte[] payload) {
        byte[] frame = new byte[payload.length + 2];
        frame[0] = (byte) (payload.length >>> 8);
        frame[1] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 2, payload.length);
        return frame;
    }
}
