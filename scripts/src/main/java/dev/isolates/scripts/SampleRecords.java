package dev.isolates.scripts;

import java.math.BigDecimal;
import java.util.List;

/** Records matching the documents {@link SampleBatch} writes, for the binding benchmark. */
final class SampleRecords {
    private SampleRecords() {
    }

    /** The record type of a file of the batch, by the folder {@link SampleBatch} puts it in. */
    static Class<?> typeOf(java.nio.file.Path file) {
        String kind = file.getParent().getFileName().toString();
        return switch (kind) {
            case "orders" -> Orders.class;
            case "geometry" -> Geometry.class;
            case "posts" -> Posts.class;
            default -> throw new IllegalArgumentException("not a file of the generated batch: " + file);
        };
    }

    record Orders(String kind, List<Order> orders) {
    }

    record Order(long id, Customer customer, boolean paid, String coupon, List<Item> items) {
    }

    record Customer(String name, String email, Address address) {
    }

    record Address(String street, String city, String zip) {
    }

    record Item(String sku, int quantity, BigDecimal price) {
    }

    record Geometry(String kind, String type, List<Feature> features) {
    }

    record Feature(String type, Properties properties, Shape geometry) {
    }

    record Properties(String name) {
    }

    record Shape(String type, double[][][] coordinates) {
    }

    record Posts(String kind, List<Post> posts) {
    }

    record Post(long id, User user, String text, List<String> tags, Long reply_to) {
    }

    record User(String handle, int followers, boolean verified) {
    }
}
