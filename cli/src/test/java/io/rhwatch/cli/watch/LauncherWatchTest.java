package io.rhwatch.cli.watch;

import io.rhwatch.cli.process.Launch;
import io.rhwatch.cli.process.Supervisor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Children never outlive the launcher: with real JVMs, the agent built as the cli module builds
 * rhwatch-cli-watch.jar (only this package, {@code Premain-Class}), and a launcher killed by SIGKILL.
 */
class LauncherWatchTest {

    static final Path CLASSES = Path.of("target", "classes").toAbsolutePath();
    static final Path TEST_CLASSES = Path.of("target", "test-classes").toAbsolutePath();
    /** A JVM's shutdown plus the agent's halt deadline, with room for a busy machine. */
    static final Duration EXIT_WITHIN = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void aChildExitsOnceItsStdinPipeCloses() throws Exception {
        Path agent = agentJar();
        Process child = new ProcessBuilder(java(agent, Child.class)).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        awaitLine(dir.resolve("child.log"), Child.READY);
        assertThat(child.isAlive()).isTrue();

        try (OutputStream stdin = child.getOutputStream()) {
            stdin.write("ignored\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            Thread.sleep(500);
            assertThat(child.isAlive()).as("input that arrives is ignored").isTrue();
        }

        assertThat(child.waitFor(EXIT_WITHIN.toSeconds(), TimeUnit.SECONDS)).as("exited after its stdin closed").isTrue();
        assertThat(child.exitValue()).isEqualTo(LauncherWatch.EXIT_STATUS);
        assertThat(Files.readString(dir.resolve("child.log"))).contains("the launcher that started this process is gone");
    }

    @Test
    void noChildOfALauncherKilledWithSigkillOutlivesIt() throws Exception {
        Path agent = agentJar();
        List<String> command = new ArrayList<>(java(null, Launcher.class));
        command.add(agent.toString());
        command.add(dir.toString());
        Process launcher = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<ProcessHandle> descendants;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.equals(Launcher.STARTED)) {
                System.out.println("launcher: " + line);
            }
            assertThat(line).as("the launcher started its children").isEqualTo(Launcher.STARTED);
            awaitLine(dir.resolve("child-1.log"), Child.READY);
            awaitLine(dir.resolve("child-2.log"), Child.READY);
            // captured before the kill: once the launcher is gone its children are reparented and no longer its descendants
            descendants = launcher.descendants().toList();
            assertThat(descendants).as("two child JVMs").hasSize(2).allMatch(ProcessHandle::isAlive);
        } finally {
            launcher.destroyForcibly(); // SIGKILL: no shutdown hook runs, the supervisor cannot stop anything
        }
        assertThat(launcher.waitFor(10, TimeUnit.SECONDS)).isTrue();

        long deadline = System.nanoTime() + EXIT_WITHIN.toNanos();
        while (descendants.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(descendants).as("children alive %s after the launcher was killed", EXIT_WITHIN).noneMatch(ProcessHandle::isAlive);
        assertThat(Files.readString(dir.resolve("child-1.log"))).contains("the launcher that started this process is gone");
    }

    /** The agent jar as the cli module's pom builds it: this package's classes and Premain-Class, no Class-Path. */
    private Path agentJar() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", LauncherWatch.class.getName());
        Path jar = dir.resolve(LauncherWatch.JAR_NAME);
        Path pkg = CLASSES.resolve("io/rhwatch/cli/watch");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             Stream<Path> classes = Files.list(pkg)) {
            for (Path file : classes.toList()) {
                out.putNextEntry(new JarEntry(CLASSES.relativize(file).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static List<String> java(Path agent, Class<?> main) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx64m");
        if (agent != null) {
            command.add("-javaagent:" + agent);
        }
        command.add("-cp");
        command.add(CLASSES + java.io.File.pathSeparator + TEST_CLASSES);
        command.add(main.getName());
        return command;
    }

    private static void awaitLine(Path log, String line) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!(Files.exists(log) && Files.readString(log).contains(line))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + line + "' in " + log + " within 30 s");
            }
            Thread.sleep(50);
        }
    }

    /** A child JVM that would run forever. */
    public static final class Child {

        static final String READY = "child ready";

        public static void main(String[] args) throws InterruptedException {
            System.out.println(READY);
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** A launcher: the real supervisor starting two child JVMs with the agent, as `rhwatch up` starts the mesh. */
    public static final class Launcher {

        static final String STARTED = "children started";

        public static void main(String[] args) throws InterruptedException {
            Path agent = Path.of(args[0]);
            Path dir = Path.of(args[1]);
            Supervisor supervisor = new Supervisor(System.out::println);
            supervisor.startAll(List.of(
                    new Launch("child-1", java(agent, Child.class), Map.of(), dir, dir.resolve("child-1.log"), Launch.NO_HTTP),
                    new Launch("child-2", java(agent, Child.class), Map.of(), dir, dir.resolve("child-2.log"), Launch.NO_HTTP)));
            System.out.println(STARTED);
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
