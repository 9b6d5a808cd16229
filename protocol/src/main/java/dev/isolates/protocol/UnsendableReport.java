package dev.isolates.protocol;

/**
 * Sent instead of a result that could not be encoded on the worker's side.
 *
 * @param path     where the unsendable object sits, e.g. {@code result -> socket}
 * @param typeName its class name
 * @param message  the whole explanation
 */
public record UnsendableReport(String path, String typeName, String message) {

    /** The report for {@code e}, its path under {@code root} (e.g. "result"). */
    public static UnsendableReport of(String root, UnsendableObjectException e) {
        String path = e.path().isEmpty() ? root : root + " -> " + e.path();
        return new UnsendableReport(path, e.typeName(), e.getMessage());
    }
}
