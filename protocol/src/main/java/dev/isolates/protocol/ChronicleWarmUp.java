package dev.isolates.protocol;

/**
 * Chronicle's one-time static set-up (its probes of the JVM and the OS, the queue builder's
 * classes), run on a thread of its own so that a starting worker JVM pays for it while it reads its
 * handover and loads its codec, rather than after. Worth about a tenth of a second of a cold
 * isolate's start on two cores.
 *
 * <p>Thread-safe: started by one thread, awaited by any.
 */
public final class ChronicleWarmUp {
    private static final String QUEUE_BUILDER = "net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder";

    private final Thread thread;
    private volatile Throwable failure;

    private ChronicleWarmUp() {
        thread = new Thread(this::initialise, "isolate-chronicle-warm-up");
        thread.setDaemon(true);
    }

    /**
     * Starts the set-up. Call it only once Chronicle's POSIX binding has been chosen, since the
     * set-up reads that choice.
     */
    public static ChronicleWarmUp start() {
        ChronicleWarmUp warmUp = new ChronicleWarmUp();
        warmUp.thread.start();
        return warmUp;
    }

    private void initialise() {
        try {
            Class.forName(QUEUE_BUILDER, true, ChronicleWarmUp.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            failure = e;
        }
    }

    /**
     * Waits until the set-up has run.
     *
     * @throws IllegalStateException with the set-up's own error as its cause, if it failed: the
     *                               first use of Chronicle would fail anyway, with less to say
     */
    public void await() throws InterruptedException {
        thread.join();
        Throwable f = failure;
        if (f != null) {
            throw new IllegalStateException("Chronicle Queue could not initialise in this JVM: " + f, f);
        }
    }
}
