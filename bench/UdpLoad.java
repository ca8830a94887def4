import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * UDP echo load for bench/udp.sh: THREADS clients, each a socket of its own, send a SIZE-byte datagram
 * and wait for it to come back (100 ms, then it counts as lost) for SECONDS.
 *   java UdpLoad HOST PORT THREADS SECONDS SIZE
 * Prints "answered-per-second lost wrong".
 */
public final class UdpLoad {

    public static void main(String[] args) throws Exception {
        InetSocketAddress target = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        int threads = Integer.parseInt(args[2]);
        long nanos = Long.parseLong(args[3]) * 1_000_000_000L;
        int size = Integer.parseInt(args[4]);
        LongAdder answered = new LongAdder();
        LongAdder lost = new LongAdder();
        LongAdder wrong = new LongAdder();
        long start = System.nanoTime();
        long end = start + nanos;
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread client = new Thread(() -> {
                byte[] out = new byte[size];
                byte[] in = new byte[size + 1];
                try (DatagramSocket socket = new DatagramSocket()) {
                    socket.connect(target);
                    socket.setSoTimeout(100);
                    DatagramPacket reply = new DatagramPacket(in, in.length);
                    for (long n = 0; System.nanoTime() < end; n++) {
                        Arrays.fill(out, (byte) (id + n));
                        socket.send(new DatagramPacket(out, out.length));
                        try {
                            reply.setLength(in.length);
                            socket.receive(reply);
                            if (reply.getLength() == size && Arrays.equals(out, 0, size, in, 0, size)) {
                                answered.increment();
                            } else {
                                wrong.increment();
                            }
                        } catch (SocketTimeoutException e) {
                            lost.increment();
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            client.start();
            clients.add(client);
        }
        for (Thread client : clients) {
            client.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%.0f %d %d%n", answered.sum() / seconds, lost.sum(), wrong.sum());
    }
}
