package dev.isolates.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The Jackson tree of a {@link JsonValue}, built as {@code ObjectMapper.readTree} builds it from
 * text: integers as int, long or BigInteger nodes by magnitude, other numbers as doubles, the last
 * of duplicate members winning at the first one's place. Stateless.
 */
final class TreeFromTape {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TreeFromTape() {
    }

    static JsonNode of(JsonValue value) {
        return switch (value.type()) {
            case OBJECT -> {
                ObjectNode o = NODES.objectNode();
                for (Map.Entry<String, JsonValue> member : value.fields()) {
                    o.set(member.getKey(), of(member.getValue()));
                }
                yield o;
            }
            case ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                for (JsonValue element : value.elements()) {
                    a.add(of(element));
                }
                yield a;
            }
            case STRING -> NODES.textNode(value.asText());
            case NUMBER -> number(value);
            case BOOLEAN -> NODES.booleanNode(value.asBoolean());
            case NULL -> NODES.nullNode();
        };
    }

    private static JsonNode number(JsonValue value) {
        if (!value.isIntegral()) {
            return NODES.numberNode(value.asDouble());
        }
        BigInteger v = value.asBigInteger();
        if (v.bitLength() < 32) {
            return NODES.numberNode(value.asInt());
        }
        if (v.bitLength() < 64) {
            return NODES.numberNode(value.asLong());
        }
        return NODES.numberNode(v);
    }

    /** Adds the numbers under {@code value} to {@code out}, in document order. */
    static void numbers(JsonValue value, List<JsonValue> out) {
        switch (value.type()) {
            case OBJECT, ARRAY -> {
                for (JsonValue child : value.elements()) {
                    numbers(child, out);
                }
            }
            case NUMBER -> out.add(value);
            default -> { }
        }
    }
}
