package dev.isolates.runtime;

/** The lifecycle requests a worker sends to the supervisor, which alone starts and watches JVMs. */
public enum ControlOp {
    /** Start an isolate; answered with {@link SpawnedInfo}. */
    SPAWN,
    KILL,
    KILL_BEFORE_NEXT_EVENT,
    PAUSE,
    RESUME,
    /** Answered with the round trip as a {@link java.time.Duration}. */
    PING,
    ADD_EXIT_LISTENER,
    REMOVE_EXIT_LISTENER,
    ADD_ERROR_LISTENER,
    REMOVE_ERROR_LISTENER,
    SET_ERRORS_FATAL,
    /** Answered with the {@link dev.isolates.IsolateExit} once the target has ended. */
    WATCH_EXIT
}
