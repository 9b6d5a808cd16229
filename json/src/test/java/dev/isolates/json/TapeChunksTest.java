package dev.isolates.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A document whose words and strings fill many of the writer's chunks reads back whole: nothing is lost at a chunk's edge. */
class TapeChunksTest {
    @Test
    void aDocumentSpanningManyChunksReadsBackAsJacksonReadsIt() throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 200_000; i++) {
            json.append(i == 0 ? "" : ",");
            switch (random.nextInt(4)) {
                case 0 -> json.append(random.nextLong());
                case 1 -> json.append("{\"k").append(random.nextInt(50)).append("\":").append(random.nextInt(1000)).append('}');
                default -> {
                    json.append('"');
                    int length = random.nextInt(random.nextInt(20) == 0 ? 3000 : 40);
                    for (int c = 0; c < length; c++) {
                        json.append(random.nextInt(10) == 0 ? 'é' : random.nextInt(30) == 0 ? "\\ud83d\\ude00" : (char) ('a' + random.nextInt(26)));
                    }
                    json.append('"');
                }
            }
        }
        byte[] bytes = json.append(']').toString().getBytes(StandardCharsets.UTF_8);
        ObjectMapper mapper = new ObjectMapper();
        try (JsonDocument doc = JsonDocument.parse(bytes)) {
            assertEquals(mapper.readTree(bytes), mapper.readTree(doc.root().toString()));
            assertEquals(200_000, doc.root().size());
        }
    }
}
