package dev.switchboard.daemon.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * A blocking channel through its socket adaptor, which honours read timeouts. Right for virtual threads:
 * the JDK keeps their sockets non-blocking underneath and parks a waiting thread on its own poller.
 */
final class BlockingSocketIo implements SocketIo {

    private final SocketChannel channel;
    private final Socket socket;
    private final InputStream input;
    private final OutputStream output;

    BlockingSocketIo(SocketChannel channel) throws IOException {
        this.channel = channel;
        this.socket = channel.socket();
        this.input = socket.getInputStream();
        this.output = socket.getOutputStream();
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public void readTimeout(Duration timeout) throws IOException {
        // Socket timeouts are whole milliseconds and 0 means none: round a positive timeout up to 1 ms.
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(timeout.isZero() ? 0 : 1, timeout.toMillis())));
    }

    @Override
    public long transfer(FileChannel file, long position, long count) throws IOException {
        return file.transferTo(position, count, channel);
    }

    @Override
    public void close() {
        // nothing beyond the channel
    }
}
