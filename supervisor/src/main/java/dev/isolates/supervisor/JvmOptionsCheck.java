package dev.isolates.supervisor;

import dev.isolates.MissingJvmOptionsException;
import dev.isolates.launcher.JdkFlags;
import dev.isolates.launcher.ModuleAccess;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether this supervisor JVM was started with the module options the library needs, asked once:
 * without them Chronicle cannot map a queue here, no isolate ever connects, and calls would wait
 * for ever. So every call fails at once instead, saying which options to pass and how.
 *
 * <p>Safe from any thread.
 */
final class JvmOptionsCheck {
    private static final List<String> MISSING = ModuleAccess.missingFor(JvmOptionsCheck.class);

    private JvmOptionsCheck() {
    }

    /** The failure every call gets in this JVM, or null when the options are in effect. */
    static MissingJvmOptionsException failure() {
        if (MISSING.isEmpty()) {
            return null;
        }
        return new MissingJvmOptionsException(message(MISSING, JdkFlags.moduleFlags(Runtime.version().feature())),
                MISSING);
    }

    static String message(List<String> missing, List<String> all) {
        List<String> opens = new ArrayList<>();
        List<String> exports = new ArrayList<>();
        boolean nativeAccess = false;
        for (String flag : all) {
            if (flag.startsWith("--add-opens=")) {
                opens.add(target(flag));
            } else if (flag.startsWith("--add-exports=")) {
                exports.add(target(flag));
            } else if (flag.startsWith("--enable-native-access=")) {
                nativeAccess = true;
            }
        }
        return "this JVM (pid " + ProcessHandle.current().pid() + ") was started without options isolates need: "
                + String.join(" ", missing) + ". Without them Chronicle Queue cannot map its files and no isolate can "
                + "connect. Pass them to java: java $(isolatectl jvm-options) -cp ... App (or these: "
                + String.join(" ", all) + "); under Maven Surefire or Failsafe, in <argLine>; under mvn exec:java, in "
                + "Maven's own JVM (.mvn/jvm.config or MAVEN_OPTS); for java -jar, in "
                + "the jar's manifest: Add-Opens: " + String.join(" ", opens) + " and Add-Exports: "
                + String.join(" ", exports) + (nativeAccess ? " and Enable-Native-Access: ALL-UNNAMED" : "")
                + ". See the README, \"Using the library in your program\".";
    }

    /** {@code --add-opens=java.base/java.lang.reflect=ALL-UNNAMED} -> {@code java.base/java.lang.reflect}. */
    private static String target(String flag) {
        return flag.substring(flag.indexOf('=') + 1, flag.lastIndexOf('='));
    }
}
