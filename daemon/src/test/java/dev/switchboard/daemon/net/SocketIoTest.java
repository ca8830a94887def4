package dev.switchboard.daemon.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both ways of using a client socket, over real loopback connections: what the handler reads, writes and
 * sends arrives intact, timeouts leave the connection usable, and closing wakes a waiting reader and
 * really releases the socket.
 */
class SocketIoTest {

    enum Kind {
        BLOCKING, POLLED;

        SocketIo open(SocketChannel channel) throws IOException {
            return this == BLOCKING ? new BlockingSocketIo(channel) : new PolledSocketIo(channel);
        }
    }

    private ServerSocketChannel server;
    private Socket peer;
    private SocketChannel channel;

    @BeforeEach
    void connect() throws IOException {
        server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        peer = new Socket(InetAddress.getLoopbackAddress(), ((InetSocketAddress) server.getLocalAddress()).getPort());
        peer.setSoTimeout(10_000);
        channel = server.accept();
    }

    @AfterEach
    void close() throws IOException {
        peer.close();
        channel.close();
        server.close();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void readWaitsForBytesThatArriveLater(Kind kind) throws Exception {
        SocketIo io = kind.open(channel);
        CompletableFuture<Void> later = CompletableFuture.runAsync(() -> {
            sleep(200);
            write(peer, "hello".getBytes());
        });
        byte[] buffer = new byte[16];
        int n = io.input().read(buffer, 0, buffer.length);
        assertEquals("hello", new String(buffer, 0, n));
        later.get(5, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void readTimeoutThrowsAndLeavesTheConnectionUsable(Kind kind) throws Exception {
        SocketIo io = kind.open(channel);
        io.readTimeout(Duration.ofMillis(200));
        long start = System.nanoTime();
        assertThrows(SocketTimeoutException.class, () -> io.input().read(new byte[8], 0, 8));
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(waitedMillis >= 190 && waitedMillis < 5_000, "waited " + waitedMillis + " ms");

        write(peer, "still here".getBytes());
        byte[] buffer = new byte[32];
        int n = io.input().read(buffer, 0, buffer.length);
        assertEquals("still here", new String(buffer, 0, n));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void largeWriteToASlowReaderArrivesIntact(Kind kind) throws Exception {
        SocketIo io = kind.open(channel);
        byte[] data = random(8 << 20); // far more than the socket buffers hold: the writer must wait
        CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> readAll(peer, data.length, true));
        io.output().write(data, 0, data.length);
        assertArrayEquals(data, received.get(30, TimeUnit.SECONDS));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void fileTransferToASlowReaderArrivesIntact(Kind kind, @TempDir Path dir) throws Exception {
        SocketIo io = kind.open(channel);
        byte[] data = random(6 << 20);
        Path file = Files.write(dir.resolve("big.bin"), data);
        CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> readAll(peer, data.length - 1000, true));
        try (FileChannel source = FileChannel.open(file)) {
            long position = 1000;
            while (position < data.length) {
                long n = io.transfer(source, position, data.length - position);
                assertTrue(n > 0, "transfer returned " + n + " before the end of the file");
                position += n;
            }
            assertEquals(0, io.transfer(source, data.length, 10), "nothing to send past the end of the file");
        }
        byte[] expected = java.util.Arrays.copyOfRange(data, 1000, data.length);
        assertArrayEquals(expected, received.get(30, TimeUnit.SECONDS));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void readSeesTheEndWhenThePeerCloses(Kind kind) throws Exception {
        SocketIo io = kind.open(channel);
        write(peer, "bye".getBytes());
        peer.shutdownOutput();
        InputStream in = io.input();
        byte[] buffer = new byte[8];
        assertEquals(3, in.read(buffer, 0, 8));
        assertEquals(-1, in.read(buffer, 0, 8));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void closingWakesAWaitingReaderAndReleasesTheSocket(Kind kind) throws Exception {
        SocketIo io = kind.open(channel);
        CompletableFuture<Throwable> reader = CompletableFuture.supplyAsync(() -> {
            try {
                io.input().read(new byte[8], 0, 8);
                return null;
            } catch (IOException e) {
                return e;
            }
        });
        sleep(200); // let the reader block
        assertFalse(reader.isDone(), "nothing was sent, so the reader must still wait");
        channel.close();
        io.close();
        Throwable failure = reader.get(5, TimeUnit.SECONDS);
        assertTrue(failure instanceof IOException, "the reader ended with " + failure);
        // The peer sees the end of the stream only once the socket's descriptor is really closed.
        assertEquals(-1, peer.getInputStream().read());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void interruptingAWaitingReaderClosesTheConnection(Kind kind) throws Exception {
        SocketIo io = kind.open(channel);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                io.input().read(new byte[8], 0, 8);
                outcome.complete(null);
            } catch (IOException e) {
                outcome.complete(e);
            }
        });
        reader.start();
        sleep(200);
        reader.interrupt();
        Throwable failure = outcome.get(5, TimeUnit.SECONDS);
        assertTrue(failure instanceof IOException, "the reader ended with " + failure);
        assertFalse(channel.isOpen(), "an interrupted read closes the channel");
        io.close();
        assertEquals(-1, peer.getInputStream().read());
    }

    private static byte[] random(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    private static void write(Socket socket, byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads exactly {@code length} bytes, slowly if asked (small reads with pauses). */
    private static byte[] readAll(Socket socket, int length, boolean slowly) {
        try {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream(length);
            byte[] chunk = new byte[slowly ? 64 * 1024 : 1 << 20];
            int reads = 0;
            while (out.size() < length) {
                int n = in.read(chunk, 0, Math.min(chunk.length, length - out.size()));
                if (n < 0) {
                    break;
                }
                out.write(chunk, 0, n);
                if (slowly && ++reads % 16 == 0) {
                    sleep(5);
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
