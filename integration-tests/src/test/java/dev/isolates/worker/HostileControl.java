package dev.isolates.worker;

import dev.isolates.runtime.ControlOp;
import dev.isolates.runtime.IsolateRuntime;
import java.util.concurrent.TimeUnit;

/**
 * What a hostile plugin can do with the project's own classes in its isolate: ask the supervisor to
 * kill or ping any isolate by its number, as if it held that isolate's handle.
 */
public final class HostileControl {
    private HostileControl() {
    }

    /** Asks for isolate {@code id}'s death and returns the supervisor's answer to a ping of it. */
    public static String killAndPing(int id) throws Exception {
        WorkerRuntime runtime = (WorkerRuntime) IsolateRuntime.current();
        runtime.tell(ControlOp.KILL, id, null, null);
        try {
            return "ping answered: " + runtime.request(ControlOp.PING, id, null, null).get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return "ping refused: " + e.getCause().getMessage();
        }
    }
}
