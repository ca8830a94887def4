import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * netinfo latency: connect, send one request line, read until the server closes. Loopback only.
 *
 * <pre>java NetinfoLoad.java HOST PORT REQUESTS CLIENTS "REQUEST" [warmup]</pre>
 *
 * Prints one line: request, clients, count, median/p90/p99/max in milliseconds, bytes per answer.
 * Bounded: at most REQUESTS per client and 120 s in all.
 */
public final class NetinfoLoad {

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int requests = Integer.parseInt(args[2]);
        int clients = Integer.parseInt(args[3]);
        String request = args[4];
        int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 200;
        if (!host.equals("127.0.0.1") && !host.equals("::1") && !host.equals("localhost")) {
            throw new IllegalArgumentException("load goes to loopback only, not " + host);
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (int i = 0; i < warmup; i++) {
            once(address, request);
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<long[]>> results = new ArrayList<>();
        long[] size = new long[1];
        for (int c = 0; c < clients; c++) {
            results.add(pool.submit(() -> {
                long[] nanos = new long[requests];
                int n = 0;
                for (; n < requests && System.nanoTime() < deadline; n++) {
                    long start = System.nanoTime();
                    size[0] = once(address, request);
                    nanos[n] = System.nanoTime() - start;
                }
                return Arrays.copyOf(nanos, n);
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<long[]> result : results) {
            for (long v : result.get(130, TimeUnit.SECONDS)) {
                all.add(v);
            }
        }
        pool.shutdownNow();
        all.sort(null);
        System.out.printf("request=%-8s clients=%d n=%d median=%.3f p90=%.3f p99=%.3f max=%.3f ms bytes=%d%n",
                "'" + request + "'", clients, all.size(), ms(all, 0.5), ms(all, 0.9), ms(all, 0.99),
                all.get(all.size() - 1) / 1e6, size[0]);
    }

    private static double ms(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) (q * sorted.size()))) / 1e6;
    }

    private static long once(InetSocketAddress address, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address, 5000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write((request + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[16384];
            long total = 0;
            for (int n; (n = in.read(buffer)) != -1; ) {
                total += n;
            }
            return total;
        }
    }
}
