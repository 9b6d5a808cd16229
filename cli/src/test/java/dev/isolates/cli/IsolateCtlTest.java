package dev.isolates.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class IsolateCtlTest {
    private static final Set<String> ALL = Set.of("run", "spawn", "json", "member", "daemon", "classpath", "jvm-options",
            "completion", "help");

    @Test
    void shouldBuildOnlyTheSubcommandALineNames() {
        assertEquals(Set.of("json"), subcommands("json", "--workers", "2", "data/"));
        assertEquals(Set.of("daemon"), subcommands("--no-daemon", "daemon", "status"));
        assertEquals(Set.of("run"), subcommands("run", "--classpath", "plugin.jar", "com.example.Task", "json"));
    }

    @Test
    void shouldBuildEverySubcommandForHelpCompletionATypoOrNone() {
        assertEquals(ALL, subcommands());
        assertEquals(ALL, subcommands("--help"));
        assertEquals(ALL, subcommands("help", "json"));
        assertEquals(ALL, subcommands("completion"));
        assertEquals(ALL, subcommands("jsno", "data/"));
    }

    @Test
    void shouldParseALineBuiltForItsSubcommandAsTheWholeTreeDoes() {
        String[] line = {"json", "--workers", "3", "--select", "/id", "a.json"};
        CommandLine.ParseResult parsed = IsolateCtl.commandLine(line).parseArgs(line);
        JsonCommand json = (JsonCommand) parsed.subcommand().commandSpec().userObject();
        assertEquals(3, json.workers);
        assertEquals(java.util.List.of("/id"), json.select);
    }

    private static Set<String> subcommands(String... args) {
        return IsolateCtl.commandLine(args).getSubcommands().keySet();
    }
}
