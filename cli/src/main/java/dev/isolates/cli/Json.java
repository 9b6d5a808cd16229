package dev.isolates.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;

/**
 * The command line's one JSON writer: plain values ({@link PlainJson}) without Jackson, everything
 * else with Jackson's default {@code ObjectMapper}, made on first use. Thread-safe.
 */
final class Json {
    private Json() {
    }

    /**
     * {@code value} as one line of JSON text.
     *
     * @throws UnwritableResultException if it cannot be written as JSON
     */
    static String write(Object value) {
        String plain = PlainJson.write(value);
        return plain != null ? plain : Jackson.write(value);
    }

    /** A JSON string literal. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        PlainJson.quote(s, out);
        return out.toString();
    }

    /** Jackson's side, a class of its own so that a JVM that writes only plain values never loads Jackson. */
    private static final class Jackson {
        /** Fails on an object with no properties: printing {@code {}} for it would hide that nothing was written. */
        static final ObjectMapper MAPPER = new ObjectMapper();

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
            return new UnwritableResultException("the result, a " + value.getClass().getName()
                    + ", cannot be written as JSON: " + e.getOriginalMessage().split("\n", 2)[0], e);
        }
    }
}
