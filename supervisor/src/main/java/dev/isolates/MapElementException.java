package dev.isolates;

/**
 * An {@link IsolatePool#map} failed because its function threw for one input. The cause is that
 * exception, rebuilt as {@link IsolatePool#submit} rebuilds a task's exception.
 */
public final class MapElementException extends IsolateException {
    private static final long serialVersionUID = 1L;

    /** The position of the input the function threw for. */
    private final int index;
    /** How many inputs the map had. */
    private final int inputs;

    /**
     * Reports the function throwing for one input.
     *
     * @param index  the position, from 0, of the input in the map's input list
     * @param inputs how many inputs the map had
     * @param cause  what the function threw, rebuilt in this JVM
     */
    public MapElementException(int index, int inputs, Throwable cause) {
        super("map: the function threw for input " + index + " (of " + inputs + "): " + cause, cause);
        this.index = index;
        this.inputs = inputs;
    }

    /**
     * The position, in the map's input list, of the input the function threw for.
     *
     * @return the index, from 0 to {@link #inputs()} - 1
     */
    public int index() {
        return index;
    }

    /**
     * How many inputs the map had.
     *
     * @return the size of the map's input list
     */
    public int inputs() {
        return inputs;
    }
}
