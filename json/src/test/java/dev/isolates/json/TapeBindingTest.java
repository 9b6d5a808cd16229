package dev.isolates.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** Jackson databind binds from {@link JsonDocument#parser()} what it binds from the document's bytes. */
class TapeBindingTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    enum Status { NEW, PAID, SHIPPED }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Line(String sku, int quantity, double price, BigDecimal exactPrice) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Order(long id, String customer, BigDecimal total, Status status, List<Line> lines, List<List<Integer>> matrix,
                 Map<String, Object> extra, BigInteger big, boolean gift, String note) {
    }

    /** A bean, bound through setters (databind's vanilla path, which reads names with nextFieldName()). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class OrderBean {
        private long id;
        private String customer;
        private BigDecimal total;
        private Status status;
        private List<LineBean> lines;
        private List<List<Integer>> matrix;
        private float ratio;
        private byte[] blob;

        public void setId(long id) {
            this.id = id;
        }

        public void setCustomer(String customer) {
            this.customer = customer;
        }

        public void setTotal(BigDecimal total) {
            this.total = total;
        }

        public void setStatus(Status status) {
            this.status = status;
        }

        public void setLines(List<LineBean> lines) {
            this.lines = lines;
        }

        public void setMatrix(List<List<Integer>> matrix) {
            this.matrix = matrix;
        }

        public void setRatio(float ratio) {
            this.ratio = ratio;
        }

        public void setBlob(byte[] blob) {
            this.blob = blob;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof OrderBean b && id == b.id && Objects.equals(customer, b.customer)
                    && Objects.equals(total, b.total) && status == b.status && Objects.equals(lines, b.lines)
                    && Objects.equals(matrix, b.matrix) && Float.compare(ratio, b.ratio) == 0
                    && java.util.Arrays.equals(blob, b.blob);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(id);
        }

        @Override
        public String toString() {
            return "OrderBean[" + id + ", " + customer + ", " + total + ", " + status + ", " + lines + ", " + matrix
                    + ", " + ratio + ", " + java.util.Arrays.toString(blob) + "]";
        }
    }

    static final class StrictLine {
        public String sku;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    static final class LineBean {
        public String sku;
        public int quantity;
        public double price;

        @Override
        public boolean equals(Object o) {
            return o instanceof LineBean l && Objects.equals(sku, l.sku) && quantity == l.quantity
                    && Double.compare(price, l.price) == 0;
        }

        @Override
        public int hashCode() {
            return Objects.hash(sku, quantity);
        }

        @Override
        public String toString() {
            return "LineBean[" + sku + ", " + quantity + ", " + price + "]";
        }
    }

    static final String ORDER = """
            {"id": 9007199254740993, "customer": "Zo\u00eb \\"Z\\" \uD83D\uDE00", "total": 0.1000000000000000055511151231257827,
             "status": "PAID", "unknown": {"deep": [1, {"x": [2, 3]}], "s": "skipped"},
             "lines": [{"sku": "A-1", "quantity": 2, "price": 12.50, "exactPrice": 12.50, "color": "red"},
                       {"sku": "B-2", "quantity": -7, "price": 1e-3, "exactPrice": 1e-3},
                       {"sku": "C-3", "quantity": 0, "price": -0.0, "exactPrice": 123456789012345678901234567890.5}],
             "matrix": [[1, 2], [], [3]], "extra": {"n": 18446744073709551616, "d": 2.5, "l": [null, true, "x"]},
             "big": 123456789012345678901234567890, "gift": true, "note": null, "ignoredToo": []}
            """;

    static final String BEAN = """
            {"id": 7, "customer": "caf\u00e9", "total": 12.50, "status": "SHIPPED", "extraField": {"a": [1]},
             "lines": [{"sku": "x", "quantity": 1, "price": 2.25, "more": null}], "matrix": [[0]],
             "ratio": 0.1, "blob": "aGVsbG8gdGFwZQ=="}
            """;

    @Test
    void bindsARecordWithNestedListsABigDecimalAnEnumAndIgnoredUnknownFields() throws IOException {
        byte[] bytes = ORDER.getBytes(StandardCharsets.UTF_8);
        Order expected = MAPPER.readValue(bytes, Order.class);
        try (JsonDocument doc = JsonDocument.parse(bytes)) {
            Order order = MAPPER.readValue(doc.parser(), Order.class);
            assertEquals(expected, order);
            assertEquals(new BigDecimal("0.1000000000000000055511151231257827"), order.total());
            assertEquals(new BigDecimal("12.50"), order.lines().get(0).exactPrice());
            assertEquals(9007199254740993L, order.id());
            assertEquals(Status.PAID, order.status());
            assertEquals(List.of(List.of(1, 2), List.of(), List.of(3)), order.matrix());
            assertEquals(new BigInteger("18446744073709551616"), order.extra().get("n"));
        }
    }

    @Test
    void bindsAPojoThroughItsSetters() throws IOException {
        byte[] bytes = BEAN.getBytes(StandardCharsets.UTF_8);
        OrderBean expected = MAPPER.readValue(bytes, OrderBean.class);
        try (JsonDocument doc = JsonDocument.parse(bytes)) {
            OrderBean bean = MAPPER.readValue(doc.parser(), OrderBean.class);
            assertEquals(expected, bean);
            assertEquals("hello tape", new String(bean.blob, StandardCharsets.US_ASCII));
            assertEquals(bean, doc.parser(MAPPER).readValueAs(OrderBean.class));
        }
    }

    @Test
    void bindsWithTheMappersFeaturesAsFromBytes() throws IOException {
        ObjectMapper exact = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
        byte[] bytes = ORDER.getBytes(StandardCharsets.UTF_8);
        try (JsonDocument doc = JsonDocument.parse(bytes)) {
            assertEquals(exact.readValue(bytes, Object.class), exact.readValue(doc.parser(), Object.class));
            assertEquals(exact.readTree(bytes), exact.readTree(doc.parser()));
            assertEquals(MAPPER.readValue(bytes, new TypeReference<Map<String, Object>>() { }),
                    MAPPER.readValue(doc.parser(), new TypeReference<Map<String, Object>>() { }));
        }
        try (JsonDocument doc = JsonDocument.parse("{\"sku\":\"x\",\"color\":\"red\"}".getBytes(StandardCharsets.UTF_8))) {
            UnrecognizedPropertyException e = assertThrows(UnrecognizedPropertyException.class,
                    () -> MAPPER.readValue(doc.parser(), StrictLine.class));
            assertEquals("color", e.getPropertyName());
            assertEquals("color", e.getPath().get(0).getFieldName());
        }
    }

    @Test
    void readValuesBindsTheElementsOfAnArrayRootOneByOne() throws IOException {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 50; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append(ORDER.replace("9007199254740993", Integer.toString(i)));
        }
        byte[] bytes = json.append(']').toString().getBytes(StandardCharsets.UTF_8);
        List<Order> expected = new ArrayList<>();
        try (MappingIterator<Order> it = MAPPER.readerFor(Order.class).readValues(bytes)) {
            it.forEachRemaining(expected::add);
        }
        try (JsonDocument doc = JsonDocument.parse(bytes)) {
            JsonParser p = doc.parser();
            p.nextToken();
            p.clearCurrentToken(); // as Jackson asks of a parser handed to readValues: inside the array
            try (MappingIterator<Order> it = MAPPER.readerFor(Order.class).readValues(p)) {
                List<Order> orders = new ArrayList<>();
                it.forEachRemaining(orders::add);
                assertEquals(50, orders.size());
                assertEquals(expected, orders);
                assertFalse(it.hasNext());
            }
            // Handed the parser at the start, readValues binds the root as one value, as with Jackson's own parser.
            try (JsonParser jackson = MAPPER.getFactory().createParser(bytes)) {
                assertThrows(MismatchedInputException.class, () -> MAPPER.readerFor(Order.class).readValues(jackson).readAll());
            }
            assertThrows(MismatchedInputException.class, () -> MAPPER.readerFor(Order.class).readValues(doc.parser()).readAll());
        }
        try (JsonDocument doc = JsonDocument.parse("[]".getBytes(StandardCharsets.UTF_8))) {
            JsonParser p = doc.parser();
            p.nextToken();
            p.clearCurrentToken();
            assertEquals(List.of(), MAPPER.readerFor(Order.class).readValues(p).readAll());
        }
    }

    @Test
    void bindsSubtreesFromAParserPositionedByHand() throws IOException {
        byte[] bytes = ORDER.getBytes(StandardCharsets.UTF_8);
        try (JsonDocument doc = JsonDocument.parse(bytes); JsonParser p = doc.parser()) {
            assertEquals(JsonToken.START_OBJECT, p.nextToken());
            List<Line> lines = null;
            JsonNode extra = null;
            String name;
            while ((name = p.nextFieldName()) != null) {
                p.nextToken();
                switch (name) {
                    case "lines" -> lines = MAPPER.readValue(p, new TypeReference<List<Line>>() { });
                    case "extra" -> extra = MAPPER.readTree(p);
                    default -> p.skipChildren();
                }
            }
            assertEquals(MAPPER.readValue(bytes, Order.class).lines(), lines);
            assertEquals(MAPPER.readTree(bytes).get("extra"), extra);
            assertTrue(p.currentToken() == JsonToken.END_OBJECT);
        }
    }
}
