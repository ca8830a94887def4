import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Latency of connect + one 16-byte echo round trip + close, one after another for SECONDS (at most
 * 100,000 times), to 127.0.0.1:PORT. Prints count, failures, p50 and p99 in microseconds.
 *
 *   java ConnectLatency.java PORT SECONDS
 */
public final class ConnectLatency {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long end = System.nanoTime() + (long) (Double.parseDouble(args[1]) * 1e9);
        byte[] message = "0123456789abcdef".getBytes();
        List<Long> micros = new ArrayList<>();
        int failed = 0;
        while (System.nanoTime() < end && micros.size() + failed < 100_000) {
            long start = System.nanoTime();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                s.setSoTimeout(5000);
                OutputStream out = s.getOutputStream();
                out.write(message);
                out.flush();
                InputStream in = s.getInputStream();
                int got = 0;
                for (int n; got < message.length && (n = in.read(new byte[message.length - got])) > 0; ) {
                    got += n;
                }
                if (got != message.length) {
                    failed++;
                    continue;
                }
            } catch (java.io.IOException e) {
                failed++;
                continue;
            }
            micros.add((System.nanoTime() - start) / 1000);
        }
        Collections.sort(micros);
        long p50 = micros.isEmpty() ? -1 : micros.get(micros.size() / 2);
        long p99 = micros.isEmpty() ? -1 : micros.get(Math.min(micros.size() - 1, (int) (micros.size() * 0.99)));
        System.out.printf("latency count=%d failed=%d p50_us=%d p99_us=%d%n", micros.size(), failed, p50, p99);
    }
}
