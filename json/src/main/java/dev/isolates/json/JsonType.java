package dev.isolates.json;

/** The kinds of JSON value, as {@link JsonValue#type()} reports them. */
public enum JsonType {
    /** An object: members, each a name and a value, in document order. */
    OBJECT,
    /** An array: values in document order. */
    ARRAY,
    /** A string. */
    STRING,
    /** A number, integral or not, exactly as written. */
    NUMBER,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** {@code null}. */
    NULL
}
