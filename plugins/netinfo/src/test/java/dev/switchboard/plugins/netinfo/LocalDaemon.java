package dev.switchboard.plugins.netinfo;

import dev.switchboard.daemon.Switchboard;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A daemon serving netinfo on a loopback port, and a client that asks it one request. */
final class LocalDaemon implements AutoCloseable {

    private final Switchboard switchboard;

    /** @param settings extra lines for the netinfo service's section, each indented by four spaces */
    LocalDaemon(Path dir, String settings) throws Exception {
        Path config = dir.resolve("switchboard.yml");
        Files.writeString(config, """
                daemon:
                  bind: 127.0.0.1
                  plugins: %s
                  shutdown-grace: 2s
                services:
                  netinfo:
                    port: 0
                """.formatted(Files.createDirectories(dir.resolve("plugins"))) + settings);
        switchboard = Switchboard.builder().config(config).start();
    }

    Switchboard switchboard() {
        return switchboard;
    }

    String ask(String request) throws IOException {
        return ask(request.getBytes(StandardCharsets.US_ASCII));
    }

    /** Sends the bytes, then reads until the server closes. */
    String ask(byte[] request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), switchboard.port("netinfo"))) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        switchboard.close();
    }
}
