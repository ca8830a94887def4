package com.example.frames;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.Connection;
import dev.switchboard.api.FrameReader;
import dev.switchboard.api.Handler;
import dev.switchboard.api.Protocol;
import dev.switchboard.api.ServiceContext;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import org.pf4j.Extension;

/**
 * A length-prefixed binary protocol. A request is a frame: a two-byte big-endian length, then that many
 * bytes. The answer is a frame of the same bytes reversed. A frame longer than {@code max-frame} ends
 * the session with an empty frame (the client cannot be resynchronised after a length it should not
 * have sent). Pipelined requests are answered in one write.
 *
 * <pre>{@code
 * services:
 *   frames:
 *     port: 7002
 *     max-frame: 4096    # the default, at most 65535
 * }</pre>
 */
@Extension
public final class FramesProtocol implements Protocol {

    @Override
    public String name() {
        return "frames";
    }

    @Override
    public Handler open(ServiceContext context) throws ConfigException {
        int maxFrame = context.settings().integer("max-frame", 4096, 1, 65535);
        return client -> serve(client, maxFrame);
    }

    static void serve(Connection client, int maxFrame) throws IOException {
        FrameReader frames = client.frames();
        OutputStream out = client.output();
        byte[] request = new byte[maxFrame];
        while (true) {
            int length;
            try {
                length = frames.readUnsignedShort();
            } catch (EOFException end) {
                return; // the client closed between frames: a normal end
            }
            if (length > maxFrame) {
                out.write(new byte[] {0, 0});
                out.flush();
                return;
            }
            frames.readExactly(request, 0, length);
            out.write(length >>> 8);
            out.write(length);
            for (int i = length - 1; i >= 0; i--) {
                out.write(request[i]);
            }
            // Flush only when no further request has arrived: a pipelined batch goes out in one write.
            if (!frames.hasBuffered()) {
                out.flush();
            }
        }
    }
}
