package dev.switchboard.plugins.echo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testkit.TestDaemon;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The echo plugin served by the real daemon, in-process, over loopback sockets. */
@Timeout(60)
class EchoServiceTest {

    static TestDaemon daemon;
    static int port;
    static int quietPort;

    @BeforeAll
    static void start() {
        daemon = TestDaemon.withConfig("""
                defaults:
                  max-connections-per-ip: 500
                services:
                  echo:
                    port: 0
                    idle-timeout: 60s
                  quiet:
                    protocol: echo
                    port: 0
                    idle-timeout: 2s
                """).start();
        port = daemon.port("echo");
        quietPort = daemon.port("quiet");
    }

    @AfterAll
    static void stop() {
        daemon.close();
    }

    @Test
    void returnsTenMebibytesOfRandomBytesExactly() throws Exception {
        byte[] data = new byte[10 * 1024 * 1024];
        new Random(862).nextBytes(data);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            byte[] back = roundTrip(socket, data);
            assertArrayEquals(data, back);
        }
    }

    @Test
    void givesEachOfTwoHundredConcurrentClientsItsOwnBytesBack() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(50);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int seed = i;
                results.add(clients.submit(() -> {
                    byte[] data = new byte[64 * 1024 + seed];
                    new Random(seed).nextBytes(data);
                    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                        return java.util.Arrays.equals(data, roundTrip(socket, data));
                    }
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get(30, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void echoesEachLineAsSoonAsItArrives() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            for (String line : List.of("hello\r\n", "\u00e9cho\n", "\0binary\1\n")) {
                byte[] bytes = line.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.write(bytes);
                out.flush();
                byte[] back = new byte[bytes.length];
                in.readFully(back);
                assertArrayEquals(bytes, back);
            }
        }
    }

    @Test
    void closesAClientThatStaysSilentPastTheIdleTimeout() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), quietPort)) {
            socket.setSoTimeout(10_000);
            long start = System.nanoTime();
            assertEquals(-1, socket.getInputStream().read());
            long waitedMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(waitedMillis >= 1500 && waitedMillis < 8000, "closed after " + waitedMillis + " ms");
        }
    }

    /** Writes on one thread while reading on this one, so neither side's buffers fill up and stall. */
    private static byte[] roundTrip(Socket socket, byte[] data) throws Exception {
        socket.setSoTimeout(20_000);
        Thread writer = new Thread(() -> {
            try {
                OutputStream out = socket.getOutputStream();
                for (int off = 0; off < data.length; off += 16384) {
                    out.write(data, off, Math.min(16384, data.length - off));
                }
                out.flush();
                socket.shutdownOutput();
            } catch (IOException e) {
                // the read side reports the failure as missing bytes
            }
        });
        writer.start();
        InputStream in = socket.getInputStream();
        byte[] back = in.readAllBytes();
        writer.join(10_000);
        return back;
    }
}
