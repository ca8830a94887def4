package dev.switchboard.daemon.net;

import dev.switchboard.api.TlsInfo;
import dev.switchboard.daemon.net.tls.TlsChannel;
import dev.switchboard.daemon.net.tls.TlsEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;

/**
 * TLS over another {@link SocketIo}: the handler's plaintext is encrypted on the way out and decrypted
 * on the way in. {@link #transfer} cannot be zero-copy (the bytes must pass through the cipher), so it
 * reads the file in record-sized pieces and writes them like any other output.
 */
final class TlsSocketIo implements SocketIo {

    /** One TLS record's worth of plaintext: each piece becomes one record. */
    private static final int FILE_CHUNK = 16 * 1024;

    private final SocketIo raw;
    private final TlsChannel channel;
    private ByteBuffer fileBuffer; // only the serving thread sends files

    private TlsSocketIo(SocketIo raw, TlsChannel channel) {
        this.raw = raw;
        this.channel = channel;
    }

    /**
     * Runs the handshake on the calling (serving) thread.
     *
     * @throws IOException when it fails or takes longer than the endpoint's handshake timeout
     */
    static TlsSocketIo handshake(SocketIo raw, TlsEndpoint endpoint, InetSocketAddress peer) throws IOException {
        TlsChannel channel = new TlsChannel(endpoint.engine(peer), raw.input(), raw.output(), raw::readTimeout);
        channel.handshake(endpoint.handshakeTimeout());
        return new TlsSocketIo(raw, channel);
    }

    TlsInfo info() {
        return channel.info();
    }

    @Override
    public InputStream input() {
        return channel.input();
    }

    @Override
    public OutputStream output() {
        return channel.output();
    }

    @Override
    public void readTimeout(Duration timeout) throws IOException {
        raw.readTimeout(timeout);
    }

    @Override
    public long transfer(FileChannel file, long position, long count) throws IOException {
        if (fileBuffer == null) {
            fileBuffer = ByteBuffer.allocate(FILE_CHUNK);
        }
        fileBuffer.clear().limit((int) Math.min(FILE_CHUNK, count));
        int n = file.read(fileBuffer, position);
        if (n > 0) {
            channel.output().write(fileBuffer.array(), 0, n);
        }
        return Math.max(n, 0);
    }

    @Override
    public void finish() {
        channel.closeOutbound();
    }

    @Override
    public void close() {
        raw.close();
    }
}
