package dev.switchboard.plugins.chat;

import dev.switchboard.api.Connection;
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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What waits to be sent to one client, and the writer that sends it.
 *
 * <p>Anyone may {@link #offer} a line from any thread without ever blocking: the queue is bounded,
 * and a full queue is reported to the caller (the client is too slow and is to be cut off) instead of
 * waiting for it. The writer runs on its own thread ({@link #run}), the only one that touches the
 * connection's output; it sends what has queued up in batches and flushes when the queue is empty.
 *
 * <p>It uses a lock and condition rather than {@code synchronized}: a virtual thread waiting inside a
 * monitor pins its carrier on Java 21, and there is one waiting writer per idle client.
 */
final class Outbox implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("'['HH:mm:ss'] '");

    /**
     * One item for the client.
     *
     * @param at when it happened, in epoch milliseconds (for the client's optional time stamp)
     * @param bytes what to send, line ending included
     * @param stamped whether it is a chat line that may carry a time stamp (telnet replies are not)
     */
    record Line(long at, byte[] bytes, boolean stamped) {

        static Line text(long at, String text) {
            return new Line(at, (text + "\r\n").getBytes(StandardCharsets.UTF_8), true);
        }

        static Line raw(byte[] bytes) {
            return new Line(0, bytes, false);
        }
    }

    private enum State { OPEN, ENDING, CLOSING }

    private final Connection connection;
    private final int capacity;
    private final Clock clock;
    private final ScheduledExecutorService closer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final Condition drained = lock.newCondition();
    private final ArrayDeque<Line> queue = new ArrayDeque<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private State state = State.OPEN;
    private volatile boolean timestamps;
    /** When the writer entered the socket write it is in, or 0: a long one means the client is not reading. */
    private volatile long writingSince;

    /**
     * @param connection the client; only this outbox's writer writes to it
     * @param capacity how many lines may wait before {@link #offer} reports the client as too slow
     * @param clock the time (and zone) of time stamps
     * @param closer runs the forced close of a client that does not take its last line in time
     */
    Outbox(Connection connection, int capacity, Clock clock, ScheduledExecutorService closer) {
        this.connection = connection;
        this.capacity = capacity;
        this.clock = clock;
        this.closer = closer;
    }

    /**
     * Queues a line without blocking. Lines offered after the outbox has begun to close are dropped.
     *
     * @return false when the queue is full: the client is not keeping up
     */
    boolean offer(Line line) {
        lock.lock();
        try {
            if (state != State.OPEN) {
                return true;
            }
            if (queue.size() >= capacity) {
                return false;
            }
            queue.add(line);
            if (queue.size() == 1) {
                ready.signal(); // the writer only ever waits on an empty queue: wake it once, not per line
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The conversation is over (called by the thread serving the client): the writer sends what is
     * queued and {@code last} (if not null), then stops. The connection is left for the daemon to close.
     */
    void end(String last) {
        finish(last == null ? null : Line.text(clock.millis(), last), State.ENDING, false);
    }

    /**
     * Cuts the client off from any thread: the writer sends {@code notice} (after the queued lines
     * unless {@code dropBacklog}) and closes the connection. If it cannot within {@code grace} (the
     * client is not reading), the connection is closed anyway.
     */
    void cutOff(Line notice, boolean dropBacklog, Duration grace) {
        if (finish(notice, State.CLOSING, dropBacklog)) {
            try {
                closer.schedule(connection::close, grace.toMillis(), TimeUnit.MILLISECONDS);
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
            ready.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** @return how many lines wait to be sent */
    int backlog() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** @return the most lines that may wait */
    int capacity() {
        return capacity;
    }

    /**
     * @return true when the writer has been stuck in one socket write for longer than {@code nanos}: the
     *     client is not reading, as opposed to a writer that is merely waiting for a processor
     */
    boolean stalled(long nanos) {
        long since = writingSince;
        return since != 0 && System.nanoTime() - since > nanos;
    }

    /**
     * Waits until fewer than {@code lines} lines are queued, the outbox closes, or {@code nanos} pass.
     * Used by a fast sender to let busy writers catch up; never called with a lock held.
     */
    void awaitBacklogBelow(int lines, long nanos) throws InterruptedException {
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
    boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Turns time stamps on this client's chat lines on or off. */
    void timestamps(boolean on) {
        timestamps = on;
    }

    /** The writer: sends batches until the outbox is closed and empty, or the client is gone. */
    @Override
    public void run() {
        OutputStream out = connection.output();
        List<Line> batch = new ArrayList<>();
        boolean close = false;
        try {
            while (true) {
                State after = takeBatch(batch);
                writingSince = System.nanoTime();
                for (Line line : batch) {
                    write(out, line);
                }
                out.flush();
                writingSince = 0;
                batch.clear();
                if (after != State.OPEN) {
                    close = after == State.CLOSING;
                    return;
                }
            }
        } catch (IOException e) {
            LOG.debug("chat client {} gone while writing: {}", connection.remoteAddress(), e.toString());
            close = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close = true;
        } finally {
            stopAccepting();
            if (close) {
                connection.close(); // also ends the serving thread's blocked read
            }
            finished.countDown();
        }
    }

    /** Waits for lines, moves all queued ones into {@code batch}; returns the state seen when empty. */
    private State takeBatch(List<Line> batch) throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty() && state == State.OPEN) {
                ready.await();
            }
            batch.addAll(queue);
            queue.clear();
            drained.signalAll();
            return state;
        } finally {
            lock.unlock();
        }
    }

    private void write(OutputStream out, Line line) throws IOException {
        if (line.stamped() && timestamps) {
            out.write(STAMP.format(Instant.ofEpochMilli(line.at()).atZone(clock.getZone()))
                    .getBytes(StandardCharsets.US_ASCII));
        }
        out.write(line.bytes());
    }

    private void stopAccepting() {
        lock.lock();
        try {
            if (state == State.OPEN) {
                state = State.CLOSING;
            }
            queue.clear();
        } finally {
            lock.unlock();
        }
    }
}
