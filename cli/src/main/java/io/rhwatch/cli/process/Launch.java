package io.rhwatch.cli.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One process to start: what runs, with which environment, where its output goes.
 *
 * @param name     how messages and the log file name it
 * @param command  the command line
 * @param env      added to this process's environment
 * @param workDir  its working directory
 * @param log      its output (stdout and stderr), appended
 * @param httpPort the port it answers {@code /q/health/ready} on, or -1 when it has none
 */
public record Launch(String name, List<String> command, Map<String, String> env, Path workDir, Path log, int httpPort) {

    public static final int NO_HTTP = -1;

    public Launch {
        command = List.copyOf(command);
        env = Map.copyOf(env);
    }
}
