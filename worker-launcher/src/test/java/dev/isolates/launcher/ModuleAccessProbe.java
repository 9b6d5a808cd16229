package dev.isolates.launcher;

/**
 * A child JVM's main: prints, one a line after {@value #PREFIX}, the module flags its own class
 * loader's unnamed module lacks, as {@link ModuleAccess#missingFor(Class)} sees them.
 */
public final class ModuleAccessProbe {
    static final String PREFIX = "missing: ";

    private ModuleAccessProbe() {
    }

    public static void main(String[] args) {
        System.out.println("feature: " + Runtime.version().feature());
        for (String flag : ModuleAccess.missingFor(ModuleAccessProbe.class)) {
            System.out.println(PREFIX + flag);
        }
    }
}
