package dev.isolates.cli;

import java.util.List;

/** The {@code HOST:PORT} lists of {@code isolatectl member --join} and {@code isolatectl json --cluster}. */
final class ClusterAddresses {
    private ClusterAddresses() {
    }

    /**
     * Checks every address.
     *
     * @param option the option that gave them, for the message
     * @throws IllegalArgumentException naming the first address that is not {@code HOST:PORT}
     */
    static List<String> check(String option, List<String> addresses) {
        for (String address : addresses) {
            int colon = address.lastIndexOf(':');
            int port = colon > 0 ? port(address.substring(colon + 1)) : -1;
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(option + " takes HOST:PORT addresses, such as 127.0.0.1:5701, was '"
                        + address + "'");
            }
        }
        return List.copyOf(addresses);
    }

    private static int port(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
