package dev.isolates.supervisor;

/** Slots and tasks for the unit tests of a pool's parts: no JVM, nothing is ever sent. */
final class Slots {
    private Slots() {
    }

    /** A slot whose isolate has started (it has none: these tests never send). */
    static WorkerSlot ready(String name) {
        WorkerSlot w = new WorkerSlot(name);
        w.connected(null);
        return w;
    }

    /** A task of an eight-byte body. */
    static PoolTask<Object> task(long id, boolean bulk) {
        return new PoolTask<>(id, new byte[8], bulk, t -> { });
    }
}
