package dev.isolates.scripts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.isolates.json.JsonValue;
import java.util.Iterator;
import java.util.Map;

/**
 * The walk both sides of the json-tree benchmark do over every value of a document: count values
 * and keys, sum string lengths and numbers. Its result is printed so no JIT can drop the work.
 */
final class TreeWalk {
    long values;
    long keys;
    long stringChars;
    double numbers;

    void walk(JsonValue v) {
        values++;
        switch (v.type()) {
            case OBJECT -> {
                for (Map.Entry<String, JsonValue> member : v.fields()) {
                    keys++;
                    walk(member.getValue());
                }
            }
            case ARRAY -> {
                for (JsonValue e : v.elements()) {
                    walk(e);
                }
            }
            case STRING -> stringChars += v.asText().length();
            case NUMBER -> numbers += v.asDouble();
            default -> { }
        }
    }

    void walk(JsonNode v) {
        values++;
        switch (v.getNodeType()) {
            case OBJECT -> {
                for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                    keys++;
                    walk(it.next().getValue());
                }
            }
            case ARRAY -> {
                for (JsonNode e : v) {
                    walk(e);
                }
            }
            case STRING -> stringChars += v.textValue().length();
            case NUMBER -> numbers += v.doubleValue();
            default -> { }
        }
    }

    String summary() {
        return values + " values, " + keys + " keys, " + stringChars + " string chars";
    }
}
