package dev.isolates.worker;

/**
 * How a worker's isolate ends once it has told the supervisor why: a worker JVM halts
 * ({@link JvmEnding}); an in-process isolate unwinds its event loop thread ({@link ThreadEnding}).
 *
 * <p>Safe from any thread; {@link #halt} and {@link #exitInOrder} do not return.
 */
interface IsolateEnding {
    /** Ends the isolate at once with {@code code}, running nothing more of it. */
    void halt(int code);

    /** Ends the isolate in order with {@code code}: a JVM runs its shutdown hooks first. */
    void exitInOrder(int code);

    /** True when the isolate has a JVM of its own, whose shutdown hooks and {@code System.exit} are its own. */
    boolean ownsJvm();

    /** Ends the calling thread too if the isolate has ended; called by the event loop between events. */
    void checkEnded();

    /** True once the isolate has ended while code of it still runs (in-process, as its thread unwinds). */
    boolean ended();
}
