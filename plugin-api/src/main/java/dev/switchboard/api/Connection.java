package dev.switchboard.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Optional;

/**
 * One client's TCP connection, as handed to {@link Handler#serve(Connection)}.
 *
 * <p>The streams are buffered and counted (the counts feed the daemon's status and metrics). Writes
 * are buffered: call {@code output().flush()} when the client should see what was written. Reads belong
 * to the thread running {@code serve}. Writes may come from another thread (a protocol that pushes to
 * its clients, like a chat, may give each client a writer task), but from one thread at a time, with a
 * hand-over that orders them (a lock or a queue). {@link #close()} and the getters may be called from
 * any thread.
 *
 * <p>The daemon closes a connection on which nothing was read or written for {@link #idleTimeout()};
 * a blocked read or write then fails with an {@link IOException}.
 *
 * <pre>{@code
 * client.readTimeout(Duration.ofSeconds(5));          // finger-style: one request, then answer
 * Optional<String> request = client.lines(256).readLine();
 * client.output().write(answer(request).getBytes(StandardCharsets.US_ASCII));
 * }</pre>
 */
public interface Connection extends AutoCloseable {

    /**
     * The client's bytes, buffered. A read blocks until data arrives, the client closes (-1), the
     * {@link #readTimeout read timeout} expires ({@link java.net.SocketTimeoutException}) or the
     * connection is closed.
     *
     * @return the input stream, the same instance on every call
     */
    InputStream input();

    /**
     * Bytes to the client, buffered: {@code flush()} sends them.
     *
     * @return the output stream, the same instance on every call
     */
    OutputStream output();

    /**
     * Reads lines from {@link #input()} with a bound on their length, decoded as UTF-8.
     *
     * @param maxBytes the longest line accepted, in bytes, not counting its line ending
     * @return a new reader over this connection's input
     */
    default LineReader lines(int maxBytes) {
        return new LineReader(input(), maxBytes);
    }

    /**
     * Reads lines from {@link #input()} with a bound on their length, in the given charset.
     *
     * @param maxBytes the longest line accepted, in bytes, not counting its line ending
     * @param charset how the bytes of a line are decoded
     * @return a new reader over this connection's input
     */
    default LineReader lines(int maxBytes, Charset charset) {
        return new LineReader(input(), maxBytes, charset);
    }

    /**
     * Reads a binary protocol's frames from {@link #input()}: exactly N bytes, length prefixes, CRLF-
     * or LF-terminated frames, and whether more input is already buffered. Like {@link #lines(int)} it
     * holds nothing back, so both may be used on one connection.
     *
     * @return a new reader over this connection's input
     * @since 0.2.0
     */
    default FrameReader frames() {
        return new FrameReader(input());
    }

    /**
     * Sends part of a file straight from the page cache to the socket (zero-copy where the OS supports
     * it), after flushing what {@link #output()} holds. Counted like any other output.
     *
     * @param file an open, readable file
     * @param position where in the file to start
     * @param count how many bytes to send
     * @throws IOException when the file cannot be read or the client has gone
     */
    void sendFile(FileChannel file, long position, long count) throws IOException;

    /**
     * @return the client's address and port; for a service behind a proxy ({@code proxy-protocol}), the
     *     real client's, from the proxy's PROXY protocol header
     */
    InetSocketAddress remoteAddress();

    /**
     * @return for a service behind a proxy ({@code proxy-protocol}), the proxy's own address and port;
     *     empty for a client that connected directly
     * @since 0.2.0
     */
    default Optional<InetSocketAddress> proxyAddress() {
        return Optional.empty();
    }

    /** @return the address and port the client connected to */
    InetSocketAddress localAddress();

    /**
     * Whether the client came over TLS, and what it agreed on. The streams are plaintext either way:
     * the daemon has done the handshake before {@link Handler#serve} is called.
     *
     * @return the TLS version, cipher suite, SNI name and ALPN protocol; empty for a plain TCP client
     * @since 0.2.0
     */
    default Optional<TlsInfo> tls() {
        return Optional.empty();
    }

    /** @return the name of the service this client connected to, e.g. {@code "echo"} */
    String serviceName();

    /**
     * @return how long the connection may stay silent (nothing read, nothing written) before the daemon
     *     closes it: the service's {@code idle-timeout} unless changed with {@link #idleTimeout(Duration)}
     */
    Duration idleTimeout();

    /**
     * Changes how long this connection may stay silent before the daemon closes it.
     *
     * @param timeout a positive duration; the daemon checks about once a second
     */
    void idleTimeout(Duration timeout);

    /**
     * Makes a single read of {@link #input()} that waits longer than {@code timeout} fail with
     * {@link java.net.SocketTimeoutException}, leaving the connection open.
     *
     * @param timeout the longest wait for data, or {@link Duration#ZERO} to wait indefinitely (subject
     *     to the idle timeout)
     * @throws IOException if the connection is already closed
     */
    void readTimeout(Duration timeout) throws IOException;

    /** @return true once the service has begun shutting down: finish up and close soon */
    boolean isDraining();

    /** @return bytes read from the client so far */
    long bytesIn();

    /** @return bytes sent to the client so far */
    long bytesOut();

    /**
     * Closes the connection now, from any thread; blocked reads and writes fail. Closing twice is
     * harmless. Normally unnecessary: the daemon closes the connection when {@code serve} returns.
     */
    @Override
    void close();
}
