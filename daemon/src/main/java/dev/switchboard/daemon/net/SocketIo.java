package dev.switchboard.daemon.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.time.Duration;

/**
 * How a connection's threads read, write and wait on its socket: {@link BlockingSocketIo} for virtual
 * threads, {@link PolledSocketIo} for platform threads.
 */
interface SocketIo {

    /** @return unbuffered input; reads block until bytes arrive, the read timeout passes, or the end */
    InputStream input();

    /** @return unbuffered output; writes block until every byte is handed to the socket */
    OutputStream output();

    /** @param timeout how long a read may wait; zero waits forever */
    void readTimeout(Duration timeout) throws IOException;

    /**
     * Sends part of a file with {@link FileChannel#transferTo} (zero-copy), waiting for room if needed.
     *
     * @return the bytes sent: more than zero unless {@code position} is at or past the end of the file
     */
    long transfer(FileChannel file, long position, long count) throws IOException;

    /** The handler is done and its output flushed: say goodbye where the protocol has a way (TLS's close_notify). */
    default void finish() {
    }

    /** Releases what waiting needed; called after the channel is closed. */
    void close();
}
