package dev.switchboard.daemon.net.tls;

import dev.switchboard.api.TlsInfo;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.StandardConstants;

/**
 * Plaintext streams over a socket's raw streams, through an {@link SSLEngine}. The handshake runs on the
 * serving thread before the handler, under one deadline for the whole of it (a client that drips one
 * byte at a time gets no more time). A TLS 1.2 client asking to renegotiate is cut off: renegotiation
 * buys an attacker handshakes at the server's expense and nothing for anyone else.
 *
 * <p>Threads: reads from the serving thread; writes from one thread at a time, possibly another one.
 * {@link SSLEngine} allows a wrap and an unwrap at once; every wrap, including those a read needs for
 * a TLS 1.3 key update, goes through one lock so records leave in order.
 */
public final class TlsChannel {

    /** How a read of the raw socket is bounded: the socket's own read timeout. */
    @FunctionalInterface
    public interface ReadTimeout {
        /** @param timeout zero for none */
        void set(Duration timeout) throws IOException;
    }

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private final InputStream rawIn;
    private final OutputStream rawOut;
    private final ReadTimeout rawTimeout;
    private final Object writeLock = new Object();
    private final InputStream input = new Plain();
    private final OutputStream output = new Cipher();
    private ByteBuffer netIn; // read mode: unconsumed bytes from the socket
    private ByteBuffer appIn; // read mode: plaintext not yet read by the handler
    private ByteBuffer netOut; // guarded by writeLock
    private volatile String serverName = "";
    private volatile boolean established;
    private boolean inboundDone;

    public TlsChannel(SSLEngine engine, InputStream rawIn, OutputStream rawOut, ReadTimeout rawTimeout) {
        this.engine = engine;
        this.rawIn = rawIn;
        this.rawOut = rawOut;
        this.rawTimeout = rawTimeout;
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet).flip();
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()).flip();
        this.netOut = ByteBuffer.allocate(packet);
        SSLParameters p = engine.getSSLParameters();
        p.setSNIMatchers(List.of(new SniRecorder()));
        engine.setSSLParameters(p);
    }

    /**
     * Completes the handshake, or fails with an {@link IOException} saying why.
     *
     * @param timeout the longest the whole handshake may take
     */
    public void handshake(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        engine.beginHandshake();
        while (true) {
            HandshakeStatus status = engine.getHandshakeStatus();
            switch (status) {
                case NEED_TASK -> runTasks();
                case NEED_WRAP -> wrap(EMPTY);
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    SSLEngineResult r = unwrap();
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SSLHandshakeException("the client closed the TLS session during the handshake");
                    }
                    if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW
                            || r.bytesConsumed() == 0 && r.getHandshakeStatus() == HandshakeStatus.NEED_UNWRAP) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            throw new SocketTimeoutException("the TLS handshake took longer than " + timeout.toMillis() + " ms");
                        }
                        rawTimeout.set(Duration.ofNanos(Math.max(left, 1_000_000)));
                        if (!readNet()) {
                            throw new EOFException("the client closed the connection during the TLS handshake");
                        }
                    }
                }
                default -> {
                    established = true;
                    rawTimeout.set(Duration.ZERO);
                    return;
                }
            }
        }
    }

    /** @return what the handshake agreed on */
    public TlsInfo info() {
        String alpn = engine.getApplicationProtocol();
        return new TlsInfo(engine.getSession().getProtocol(), engine.getSession().getCipherSuite(),
                serverName.isEmpty() ? Optional.empty() : Optional.of(serverName),
                alpn == null || alpn.isEmpty() ? Optional.empty() : Optional.of(alpn));
    }

    /** @return plaintext from the client */
    public InputStream input() {
        return input;
    }

    /** @return plaintext to the client, encrypted record by record: unbuffered */
    public OutputStream output() {
        return output;
    }

    /** Sends close_notify, so the client knows the end is the end; the client may already be gone. */
    public void closeOutbound() {
        synchronized (writeLock) {
            engine.closeOutbound();
            try {
                while (!engine.isOutboundDone()) {
                    if (wrap(EMPTY).getStatus() == SSLEngineResult.Status.CLOSED && !engine.isOutboundDone()) {
                        break;
                    }
                }
            } catch (IOException e) {
                // the client left first: nothing to tell it
            }
        }
    }

    private SSLEngineResult unwrap() throws SSLException {
        appIn.compact();
        try {
            SSLEngineResult r = engine.unwrap(netIn, appIn);
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
            }
            return r;
        } finally {
            appIn.flip();
        }
    }

    /** Reads more of the socket into {@code netIn}. @return false at the end of the stream */
    private boolean readNet() throws IOException {
        if (netIn.position() == 0 && netIn.limit() == netIn.capacity()) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(netIn.capacity() * 2, engine.getSession().getPacketBufferSize()));
            netIn = bigger.put(netIn).flip();
        }
        netIn.compact();
        try {
            int n = rawIn.read(netIn.array(), netIn.arrayOffset() + netIn.position(), netIn.remaining());
            if (n < 0) {
                return false;
            }
            netIn.position(netIn.position() + n);
            return true;
        } finally {
            netIn.flip();
        }
    }

    /** Fills {@code appIn} with plaintext. @return false at the end of the client's data */
    private boolean fill() throws IOException {
        while (!appIn.hasRemaining()) {
            if (inboundDone) {
                return false;
            }
            SSLEngineResult r = unwrap();
            afterUnwrap(r);
            switch (r.getStatus()) {
                case CLOSED -> {
                    inboundDone = true;
                    return appIn.hasRemaining();
                }
                case BUFFER_UNDERFLOW -> {
                    if (!readNet()) {
                        return end();
                    }
                }
                case OK -> {
                    boolean stalled = r.bytesConsumed() == 0 || !netIn.hasRemaining();
                    if (!appIn.hasRemaining() && stalled && !readNet()) {
                        return end();
                    }
                }
                default -> {
                    // BUFFER_OVERFLOW: unwrap() grew the buffer; go again
                }
            }
        }
        return true;
    }

    /** The socket ended without close_notify: to the handler it is the end of the stream all the same. */
    private boolean end() {
        inboundDone = true;
        try {
            engine.closeInbound();
        } catch (SSLException e) {
            // "possible truncation attack": the client closed without close_notify, as many do
        }
        return false;
    }

    /** Handshake messages after the handshake: TLS 1.3 key updates are answered, renegotiation is refused. */
    private void afterUnwrap(SSLEngineResult r) throws IOException {
        HandshakeStatus status = r.getHandshakeStatus();
        if (status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED) {
            return;
        }
        if (established && !"TLSv1.3".equals(engine.getSession().getProtocol())) {
            inboundDone = true;
            throw new SSLHandshakeException("the client asked to renegotiate TLS: refused, connection closed");
        }
        while (true) {
            status = engine.getHandshakeStatus();
            if (status == HandshakeStatus.NEED_TASK) {
                runTasks();
            } else if (status == HandshakeStatus.NEED_WRAP) {
                wrap(EMPTY);
            } else {
                return;
            }
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** Encrypts what {@code src} holds (or a handshake message) and sends it. */
    private SSLEngineResult wrap(ByteBuffer src) throws IOException {
        synchronized (writeLock) {
            while (true) {
                netOut.clear();
                SSLEngineResult r = engine.wrap(src, netOut);
                switch (r.getStatus()) {
                    case BUFFER_OVERFLOW -> netOut = ByteBuffer.allocate(
                            Math.max(netOut.capacity() * 2, engine.getSession().getPacketBufferSize()));
                    case CLOSED -> {
                        send();
                        return r;
                    }
                    default -> {
                        send();
                        if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                            runTasks();
                        }
                        return r;
                    }
                }
            }
        }
    }

    private void send() throws IOException {
        if (netOut.position() > 0) {
            rawOut.write(netOut.array(), netOut.arrayOffset(), netOut.position());
        }
    }

    private static ByteBuffer grow(ByteBuffer readMode, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(readMode.capacity() * 2, atLeast));
        readMode.flip();
        bigger.put(readMode);
        bigger.flip();
        return bigger;
    }

    private final class Plain extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, appIn.remaining());
            appIn.get(b, off, n);
            return n;
        }

        @Override
        public int available() {
            return appIn.remaining();
        }
    }

    private final class Cipher extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer src = ByteBuffer.wrap(b, off, len);
            while (src.hasRemaining()) {
                if (wrap(src).getStatus() == SSLEngineResult.Status.CLOSED) {
                    throw new SocketException("the TLS session is closed");
                }
            }
        }
    }

    /** Accepts every name (one certificate serves them all) and remembers the one the client sent. */
    private final class SniRecorder extends SNIMatcher {
        SniRecorder() {
            super(StandardConstants.SNI_HOST_NAME);
        }

        @Override
        public boolean matches(SNIServerName name) {
            serverName = name instanceof SNIHostName host ? host.getAsciiName() : "";
            return true;
        }
    }
}
