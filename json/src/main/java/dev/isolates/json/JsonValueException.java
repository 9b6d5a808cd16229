package dev.isolates.json;

/**
 * A {@link JsonValue} was asked for what it does not hold: a member or element that is not there,
 * or a value of another type (a string read as a number, say). It names the value by its JSON
 * Pointer and says what was found there.
 */
public final class JsonValueException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String pointer;
    private final JsonType found;

    JsonValueException(String pointer, JsonType found, String message) {
        super(message);
        this.pointer = pointer;
        this.found = found;
    }

    /**
     * Where in the document: an RFC 6901 JSON Pointer, {@code ""} for the root.
     *
     * @return the pointer of the value asked for
     */
    public String pointer() {
        return pointer;
    }

    /**
     * What the document holds there.
     *
     * @return the type found, or null when nothing is there
     */
    public JsonType found() {
        return found;
    }
}
