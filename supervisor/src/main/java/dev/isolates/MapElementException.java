package dev.isolates;

/**
 * An {@link IsolatePool#map} failed because its function threw for one input. The cause is that
 * exception, rebuilt as {@link IsolatePool#submit} rebuilds a task's exception.
 */
public final class MapElementException extends IsolateException {
    private static final long serialVersionUID = 1L;

    private final int index;
    private final int inputs;

    public MapElementException(int index, int inputs, Throwable cause) {
        super("map: the function threw for input " + index + " (of " + inputs + "): " + cause, cause);
        this.index = index;
        this.inputs = inputs;
    }

    /** The position, in the map's input list, of the input the function threw for. */
    public int index() {
        return index;
    }

    /** How many inputs the map had. */
    public int inputs() {
        return inputs;
    }
}
