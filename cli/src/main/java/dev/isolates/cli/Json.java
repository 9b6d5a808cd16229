package dev.isolates.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;

/** The command line's one JSON writer. */
final class Json {
    /** Fails on an object with no properties: printing {@code {}} for it would hide that nothing was written. */
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /**
     * {@code value} as one line of JSON text.
     *
     * @throws UnwritableResultException if it cannot be written as JSON
     */
    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (InvalidDefinitionException e) {
            if (e.getOriginalMessage().startsWith("No serializer found")) {
                throw new UnwritableResultException("the result, a " + value.getClass().getName()
                        + ", cannot be written as JSON: it has no public fields or getters; return a Map, a List,"
                        + " a record, a String, a number or a boolean", e);
            }
            throw unwritable(value, e);
        } catch (JsonProcessingException e) {
            throw unwritable(value, e);
        }
    }

    private static UnwritableResultException unwritable(Object value, JsonProcessingException e) {
        return new UnwritableResultException("the result, a " + value.getClass().getName() + ", cannot be written as JSON: "
                + e.getOriginalMessage().split("\n", 2)[0], e);
    }

    /** A JSON string literal. */
    static String quote(String s) {
        return write(s);
    }
}
