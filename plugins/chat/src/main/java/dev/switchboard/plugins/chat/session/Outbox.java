package dev.switchboard.plugins.chat.session;

import dev.switchboard.api.Connection;
import dev.switchboard.api.ServiceContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What waits to be sent to one client, and the writing of it.
 *
 * <p>Anyone may {@link #offer} a line from any thread without ever blocking: the queue is bounded,
 * and a full queue is reported to the caller (the client is too slow and is to be cut off) instead of
 * waiting for it. A writer task, started on {@link Writers#executor()} only while there is something
 * to send, is the only one that touches the connection's output: it sends what has queued up in
 * batches, flushes, and ends when the queue is empty. An idle client therefore costs no thread.
 *
 * <p>It uses a lock and conditions rather than {@code synchronized}: a virtual thread waiting inside a
 * monitor pins its carrier on Java 21.
 */
public final class Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("'['HH:mm:ss'] '");

    /**
     * One item for the client.
     *
     * @param at when it happened, in epoch milliseconds (for the client's optional time stamp)
     * @param bytes what to send, line ending included
     * @param stamped whether it is a chat line that may carry a time stamp (telnet replies are not)
     */
    public record Line(long at, byte[] bytes, boolean stamped) {

        public static Line text(long at, String text) {
            return new Line(at, (text + "\r\n").getBytes(StandardCharsets.UTF_8), true);
        }

        public static Line raw(byte[] bytes) {
            return new Line(0, bytes, false);
        }
    }

    private enum State { OPEN, ENDING, CLOSING }

    /** How long a writer may sit in one socket write before its client counts as not reading. */
    public static final long STALLED_NANOS = Duration.ofMillis(250).toNanos();
    /**
     * While its socket still takes bytes a client may fall this many times {@code capacity} behind: then
     * the daemon is what is slow (a burst of joins on a busy machine), not the client.
     */
    static final int HEADROOM = 4;

    private final Connection connection;
    private final int capacity;
    private final Clock clock;
    private final ServiceContext background;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition drained = lock.newCondition();
    private final ArrayDeque<Line> queue = new ArrayDeque<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private State state = State.OPEN;
    /** A writer task has been started and has not yet found the queue empty. */
    private boolean writing;
    private volatile boolean timestamps;
    /** When the writer entered the socket write it is in, or 0: a long one means the client is not reading. */
    private volatile long writingSince;

    /**
     * @param connection the client; only this outbox's writer writes to it
     * @param capacity how many lines may wait for a client that is not reading before {@link #offer} reports
     *     it as too slow
     * @param clock the time (and zone) of time stamps
     * @param background the service's background work: where the writer runs, and the forced close of
     *     a client that does not take its last line in time
     */
    public Outbox(Connection connection, int capacity, Clock clock, ServiceContext background) {
        this.connection = connection;
        this.capacity = capacity;
        this.clock = clock;
        this.background = background;
    }

    /**
     * Queues a line without blocking. Lines offered after the outbox has begun to close are dropped.
     *
     * @return false when the queue is full and the writer is stuck on the socket (or the queue is past
     *     its headroom): the client is not keeping up
     */
    public boolean offer(Line line) {
        lock.lock();
        try {
            if (state != State.OPEN) {
                return true;
            }
            if (queue.size() >= capacity && (stalled(STALLED_NANOS) || queue.size() >= capacity * HEADROOM)) {
                return false;
            }
            queue.add(line);
            startWriter();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The conversation is over (called by the thread serving the client): the writer sends what is
     * queued and {@code last} (if not null), then stops. The connection is left for the daemon to close.
     */
    public void end(String last) {
        finish(last == null ? null : Line.text(clock.millis(), last), State.ENDING, false);
    }

    /**
     * Cuts the client off from any thread: the writer sends {@code notice} (after the queued lines
     * unless {@code dropBacklog}) and closes the connection. If it cannot within {@code grace} (the
     * client is not reading), the connection is closed anyway.
     */
    public void cutOff(Line notice, boolean dropBacklog, Duration grace) {
        if (finish(notice, State.CLOSING, dropBacklog)) {
            try {
                background.schedule(connection::close, grace);
            } catch (RejectedExecutionException e) {
                connection.close(); // the service has stopped: nobody is left to wait for
            }
        }
    }

    /** @return whether this call closed the outbox (false if it was already closing) */
    private boolean finish(Line last, State next, boolean dropBacklog) {
        lock.lock();
        try {
            if (state != State.OPEN) {
                return false;
            }
            if (dropBacklog) {
                queue.clear();
            }
            if (last != null) {
                queue.add(last);
            }
            state = next;
            startWriter(); // even with nothing to send: the writer is what finishes the outbox
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** @return how many lines wait to be sent */
    public int backlog() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** @return the most lines that may wait */
    public int capacity() {
        return capacity;
    }

    /**
     * @return true when the writer has been stuck in one socket write for longer than {@code nanos}: the
     *     client is not reading, as opposed to a writer that is merely waiting for a processor
     */
    public boolean stalled(long nanos) {
        long since = writingSince;
        return since != 0 && System.nanoTime() - since > nanos;
    }

    /**
     * Waits until fewer than {@code lines} lines are queued, the outbox closes, or {@code nanos} pass.
     * Used by a fast sender to let busy writers catch up; never called with a lock held.
     */
    public void awaitBacklogBelow(int lines, long nanos) throws InterruptedException {
        lock.lock();
        try {
            while (queue.size() >= lines && state == State.OPEN && nanos > 0) {
                nanos = drained.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    /** @return true if the writer finished within {@code timeout} */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Turns time stamps on this client's chat lines on or off. */
    public void timestamps(boolean on) {
        timestamps = on;
    }

    /** Starts a writer unless one is already going; called with the lock held, never blocks. */
    private void startWriter() {
        if (!writing) {
            writing = true;
            try {
                background.executor().execute(this::drain);
            } catch (RejectedExecutionException stopped) {
                writing = false;
                connection.close(); // the service is gone: nobody is left to write for
            }
        }
    }

    /** The writer task: sends batches until the queue is empty, or the outbox is finished. */
    private void drain() {
        OutputStream out = connection.output();
        List<Line> batch = new ArrayList<>();
        try {
            while (true) {
                State seen = takeBatch(batch);
                if (batch.isEmpty()) {
                    if (seen != State.OPEN) {
                        done(seen == State.CLOSING);
                    }
                    return; // idle: the next offer starts another writer
                }
                writingSince = System.nanoTime();
                for (Line line : batch) {
                    write(out, line);
                }
                out.flush();
                writingSince = 0;
                batch.clear();
            }
        } catch (IOException e) {
            LOG.debug("chat client {} gone while writing: {}", connection.remoteAddress(), e.toString());
            done(true);
        } catch (RuntimeException | Error e) {
            done(true);
            throw e;
        }
    }

    /**
     * Moves every queued line into {@code batch}; when there are none, marks the writer as stopped.
     *
     * @return the state seen
     */
    private State takeBatch(List<Line> batch) {
        lock.lock();
        try {
            batch.addAll(queue);
            queue.clear();
            drained.signalAll();
            if (batch.isEmpty()) {
                writing = false;
            }
            return state;
        } finally {
            lock.unlock();
        }
    }

    /** The last writer is done: no more lines are taken; the connection closes if asked to. */
    private void done(boolean close) {
        lock.lock();
        try {
            state = State.CLOSING;
            queue.clear();
            writing = true; // nothing may start another writer now
        } finally {
            lock.unlock();
        }
        writingSince = 0;
        if (close) {
            connection.close(); // also ends the serving thread's blocked read
        }
        finished.countDown();
    }

    private void write(OutputStream out, Line line) throws IOException {
        if (line.stamped() && timestamps) {
            out.write(STAMP.format(Instant.ofEpochMilli(line.at()).atZone(clock.getZone()))
                    .getBytes(StandardCharsets.US_ASCII));
        }
        out.write(line.bytes());
    }
}
