package dev.switchboard.daemon.net.udp;

import dev.switchboard.api.DatagramHandler;
import dev.switchboard.daemon.config.AccessPolicy;
import dev.switchboard.daemon.config.AddressText;
import dev.switchboard.daemon.config.DatagramLimits;
import dev.switchboard.daemon.net.IncidentLog;
import dev.switchboard.daemon.net.TrafficStats;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UDP service's socket and its datagram thread: receives a datagram, drops it if its source is
 * denied or is one of the classic UDP services' ports, asks the handler for the answer, and sends it
 * unless it is larger than the request and over the {@link AnswerLimiter}'s limits. What was dropped or
 * withheld is counted and logged at most every {@link #REPORT_EVERY_NANOS}.
 */
public final class DatagramListener {

    private static final Logger log = LoggerFactory.getLogger(DatagramListener.class);
    /** The largest UDP payload over IPv4 (65,535 less the IP and UDP headers). */
    public static final int MAX_PAYLOAD = 65_507;
    /**
     * Source ports of echo, daytime, chargen and time, and port 0, which no real client sends from:
     * answering them would start or feed a loop between two such services (CVE-1999-0103).
     */
    static final Set<Integer> REFLECTING_PORTS = Set.of(0, 7, 13, 19, 37);
    private static final long REPORT_EVERY_NANOS = 10_000_000_000L;

    private final String serviceName;
    private final DatagramChannel channel;
    private final InetSocketAddress boundAddress;
    private final AccessPolicy policy;
    private final DatagramLimits limits;
    private final DatagramHandler handler;
    private final TrafficStats stats;
    private final IncidentLog failures;
    private final Counts counts = new Counts();
    private Thread receiver;
    /** The listener whose socket this one took over (see {@link #takeOver}). */
    private final DatagramListener predecessor;
    /** Set once this listener's socket belongs to a successor. */
    private volatile DatagramListener successor;

    /** What a UDP service dropped or withheld, since it started. */
    public static final class Counts {
        final LongAdder denied = new LongAdder();
        final LongAdder reflecting = new LongAdder();
        final LongAdder sourceLimited = new LongAdder();
        final LongAdder totalLimited = new LongAdder();
        final LongAdder answered = new LongAdder();

        /** @return datagrams refused by allow/deny */
        public long denied() {
            return denied.sum();
        }

        /** @return datagrams dropped for their source port */
        public long reflecting() {
            return reflecting.sum();
        }

        /** @return answers withheld by the per-source limit */
        public long sourceLimited() {
            return sourceLimited.sum();
        }

        /** @return answers withheld by the service's total limit */
        public long totalLimited() {
            return totalLimited.sum();
        }

        /** @return answers sent */
        public long answered() {
            return answered.sum();
        }
    }

    private DatagramListener(String serviceName, DatagramChannel channel, AccessPolicy policy, DatagramLimits limits,
                             DatagramHandler handler, TrafficStats stats, DatagramListener predecessor)
            throws IOException {
        this.serviceName = serviceName;
        this.predecessor = predecessor;
        this.channel = channel;
        this.boundAddress = (InetSocketAddress) channel.getLocalAddress();
        this.policy = policy;
        this.limits = limits;
        this.handler = handler;
        this.stats = stats;
        this.failures = new IncidentLog(LoggerFactory.getLogger("switchboard.client"), serviceName + " (udp): handler failures");
    }

    /**
     * Binds the service's UDP socket; call {@link #start()} to answer.
     *
     * @throws IOException when the address cannot be bound
     */
    public static DatagramListener bind(String serviceName, InetSocketAddress address, AccessPolicy policy,
                                        DatagramLimits limits, DatagramHandler handler, TrafficStats stats)
            throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            // No SO_REUSEADDR: on Linux it lets two UDP sockets share a port, the later one silently taking
            // the datagrams. A reload on the same port takes the socket over instead of binding again.
            channel.bind(address);
            return new DatagramListener(serviceName, channel, policy, limits, handler, stats, null);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * A listener for a replacement service on the socket {@code old} holds, as a reload on the same port
     * needs: nothing changes for {@code old} until this one starts. A datagram {@code old} was already
     * waiting for when it handed over is answered by it, the rest by this one.
     */
    public static DatagramListener takeOver(DatagramListener old, String serviceName, AccessPolicy policy,
                                            DatagramLimits limits, DatagramHandler handler, TrafficStats stats)
            throws IOException {
        return new DatagramListener(serviceName, old.channel, policy, limits, handler, stats, old);
    }

    /** @return true while the socket is open and no successor has taken it over */
    public boolean canBeTakenOver() {
        return channel.isOpen() && successor == null;
    }

    /** Drops a listener that never started: closes its socket unless it was taken over from another. */
    public void discard() {
        if (predecessor == null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a socket we are discarding
            }
        }
    }

    /** @return the bound address, with the real port when 0 was asked for */
    public InetSocketAddress boundAddress() {
        return boundAddress;
    }

    /** @return what was dropped and withheld so far */
    public Counts counts() {
        return counts;
    }

    /** Starts the datagram thread. */
    public synchronized void start() {
        if (predecessor != null) {
            predecessor.successor = this;
        }
        receiver = new Thread(this::receiveLoop, "udp-" + serviceName);
        receiver.setDaemon(true);
        receiver.start();
    }

    private void receiveLoop() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_PAYLOAD + 1);
        AnswerLimiter limiter = new AnswerLimiter(limits, System.nanoTime());
        Report report = new Report(System.nanoTime());
        while (channel.isOpen() && successor == null) {
            InetSocketAddress source;
            try {
                buffer.clear();
                source = (InetSocketAddress) channel.receive(buffer);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // An ICMP error for an earlier answer, on some systems: the next datagram is unaffected.
                log.debug("{} (udp): receive failed: {}", serviceName, e.toString());
                continue;
            }
            long now = System.nanoTime();
            serve(buffer.flip(), source, limiter, now);
            report.maybeLog(now);
            failures.flush(now); // so a summary waits at most for the next datagram
        }
    }

    private void serve(ByteBuffer datagram, InetSocketAddress source, AnswerLimiter limiter, long now) {
        if (REFLECTING_PORTS.contains(source.getPort())) {
            counts.reflecting.increment();
            stats.datagramRefused();
            return;
        }
        if (!policy.permits(source.getAddress())) {
            counts.denied.increment();
            stats.datagramRefused();
            return;
        }
        byte[] request = new byte[datagram.remaining()];
        datagram.get(request);
        stats.datagramIn(request.length);
        Optional<byte[]> answer;
        try {
            answer = handler.answer(request, source);
        } catch (IOException e) {
            log.debug("{} (udp): no answer for {}: {}", serviceName, source, e.toString());
            return;
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            // Counted, and logged within bounds: any source can send the datagram that reaches the bug.
            stats.datagramFailed();
            failures.report(serviceName + " (udp): handler failed on a datagram from " + AddressText.of(source.getAddress())
                    + " (a bug in the plugin; report it to its author); the service answers on", e,
                    AddressText.of(source.getAddress()) + ": " + e);
            return;
        }
        if (answer == null || answer.isEmpty()) {
            return;
        }
        byte[] payload = answer.get();
        if (payload.length > MAX_PAYLOAD) {
            log.warn("{} (udp): handler answered {} bytes, more than a datagram holds: not sent", serviceName,
                    payload.length);
            return;
        }
        if (payload.length > request.length) {
            AnswerLimiter.Outcome outcome = limiter.take(source.getAddress(), now);
            if (outcome != AnswerLimiter.Outcome.SENT) {
                (outcome == AnswerLimiter.Outcome.SOURCE_LIMIT ? counts.sourceLimited : counts.totalLimited).increment();
                stats.datagramRefused();
                return;
            }
        }
        try {
            channel.send(ByteBuffer.wrap(payload), source);
            counts.answered.increment();
            stats.datagramOut(payload.length);
        } catch (IOException e) {
            log.debug("{} (udp): answer to {} not sent: {}", serviceName, source, e.toString());
        }
    }

    /** Logs what the last interval dropped and withheld, if anything. */
    private final class Report {
        private long last;
        private long denied;
        private long reflecting;
        private long sourceLimited;
        private long totalLimited;

        Report(long now) {
            this.last = now - REPORT_EVERY_NANOS;
        }

        /** The first drop after a quiet interval is logged at once, the rest as one line per interval. */
        void maybeLog(long now) {
            long d = counts.denied() - denied;
            long r = counts.reflecting() - reflecting;
            long s = counts.sourceLimited() - sourceLimited;
            long t = counts.totalLimited() - totalLimited;
            if (d + r + s + t == 0 || now - last < REPORT_EVERY_NANOS) {
                return;
            }
            last = now;
            denied += d;
            reflecting += r;
            sourceLimited += s;
            totalLimited += t;
            log.warn("{} (udp): withheld {} answers over max-answers-per-second-per-ip ({}) and {} over "
                    + "max-answers-per-second ({}); dropped {} datagrams from reflecting source ports (0, 7, 13, 19, 37) "
                    + "and {} denied by allow/deny (counted since the last such line; the next comes in {} s at the "
                    + "earliest)", serviceName, s, limits.perSourcePerSecond(), t, limits.perSecond(), r, d,
                    REPORT_EVERY_NANOS / 1_000_000_000L);
        }
    }

    /** Closes the socket, unless a successor took it over: no more datagrams are answered here. */
    public void stop() {
        if (successor != null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // closing a socket we are discarding
        }
        Thread t;
        synchronized (this) {
            t = receiver;
        }
        if (t != null) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
