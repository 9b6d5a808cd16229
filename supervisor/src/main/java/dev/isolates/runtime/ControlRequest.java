package dev.isolates.runtime;

/**
 * A worker's lifecycle request. The correlation of its envelope pairs it with the answer; requests
 * sent with correlation 0 get none.
 *
 * @param op       what to do
 * @param target   the isolate it concerns
 * @param argument the op's argument (a port, a flag, a {@link SpawnSpec}), may be null
 * @param response a second argument (an exit listener's response), may be null
 * @param payload  an already encoded body to pass on unread (a spawn's START), may be null
 */
public record ControlRequest(ControlOp op, int target, Object argument, Object response, byte[] payload) {
}
