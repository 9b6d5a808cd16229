package dev.isolates.json;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A document whose tape would pass the most one TransferableBuffer holds fails with Jackson's limit error, naming it. */
class TapeLimitTest {
    @Test
    void aDocumentLargerThanATapeHoldsFailsNamingTheLimit() throws Exception {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 2000; i++) {
            json.append(i == 0 ? "" : ",").append("\"a string longer than seven bytes ").append(i).append('"');
        }
        byte[] bytes = json.append(']').toString().getBytes(StandardCharsets.UTF_8);
        try (JsonParser parser = JsonDocument.FACTORY.createParser(bytes)) {
            parser.nextToken();
            StreamConstraintsException e = assertThrows(StreamConstraintsException.class,
                    () -> new TapeWriter(16_384).write(parser));
            assertTrue(e.getMessage().contains("more than 16384 bytes"), e.getMessage());
            assertTrue(e.getMessage().contains("split the input"), e.getMessage());
            assertTrue(e.getLocation() != null && e.getLocation().getLineNr() == 1, String.valueOf(e.getLocation()));
        }
    }
}
