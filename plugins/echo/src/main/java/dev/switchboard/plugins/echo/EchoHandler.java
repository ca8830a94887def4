package dev.switchboard.plugins.echo;

import dev.switchboard.api.Connection;
import dev.switchboard.api.DatagramHandler;
import dev.switchboard.api.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Streams each client's bytes back as they arrive: binary-safe, no line buffering. Over UDP, each
 * datagram comes back as it was: never a byte more than was received.
 */
final class EchoHandler implements Handler, DatagramHandler {

    private final int bufferSize;

    EchoHandler(int bufferSize) {
        this.bufferSize = bufferSize;
    }

    @Override
    public void serve(Connection client) throws IOException {
        InputStream in = client.input();
        OutputStream out = client.output();
        byte[] buffer = new byte[bufferSize];
        int n;
        while ((n = in.read(buffer)) != -1) {
            out.write(buffer, 0, n);
            // Flush per read, not per buffer-full: an interactive client sees its echo at once.
            out.flush();
        }
    }

    @Override
    public Optional<byte[]> answer(byte[] request, InetSocketAddress source) {
        return Optional.of(request);
    }
}
