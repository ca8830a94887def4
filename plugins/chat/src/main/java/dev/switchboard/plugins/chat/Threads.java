package dev.switchboard.plugins.chat;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the making of the plugin's own threads (each client's writer): virtual threads where the JVM
 * has them (Java 21+), so that ten thousand idle clients cost kilobytes each, and platform daemon
 * threads on Java 17. Reached by reflection because the plugin is compiled for Java 17.
 */
final class Threads {

    private static final Logger LOG = LoggerFactory.getLogger(Threads.class);
    private static final ThreadFactory FACTORY = factory();
    private static final AtomicLong COUNT = new AtomicLong();

    private Threads() {
    }

    /** Starts {@code task} on a new thread named {@code name}. */
    static Thread start(String name, Runnable task) {
        Thread thread = FACTORY.newThread(task);
        thread.setName(name + "-" + COUNT.incrementAndGet());
        thread.start();
        return thread;
    }

    /** @return true when writer threads are virtual */
    static boolean virtual() {
        return !(FACTORY instanceof PlatformFactory);
    }

    private static ThreadFactory factory() {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            return (ThreadFactory) builderType.getMethod("factory").invoke(builder);
        } catch (ReflectiveOperationException e) {
            LOG.debug("no virtual threads on this JVM, chat writers use platform threads", e);
            return new PlatformFactory();
        }
    }

    private static final class PlatformFactory implements ThreadFactory {
        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task);
            thread.setDaemon(true);
            return thread;
        }
    }
}
