package io.rhwatch.deploycheck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where a service's Dockerfile.jvm disagrees with its code or with the Quarkus JVM-image conventions. */
final class DockerfileChecks {

    static final String BASE_IMAGE = "registry.access.redhat.com/ubi9/openjdk-17-runtime";
    private static final List<String> FAST_JAR_PARTS = List.of("lib/", "*.jar", "app/", "quarkus/");
    private static final Pattern INSTRUCTION = Pattern.compile("(?m)^\\s*(FROM|EXPOSE|USER|ENV|COPY)\\s+(.*)$");
    private static final Pattern ENV_NAME = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)[= ]");

    private DockerfileChecks() {
    }

    static List<String> problems(ServiceModule module, String dockerfile) {
        String where = module.path() + "/" + ComposeChecks.DOCKERFILE;
        List<String> problems = new ArrayList<>();
        Set<Integer> exposed = new TreeSet<>();
        List<String> from = new ArrayList<>();
        List<String> users = new ArrayList<>();
        List<String> copies = new ArrayList<>();
        List<String> variables = new ArrayList<>();
        Matcher instruction = INSTRUCTION.matcher(dockerfile);
        while (instruction.find()) {
            String arguments = instruction.group(2).trim();
            switch (instruction.group(1)) {
                case "FROM" -> from.add(arguments);
                case "EXPOSE" -> Arrays.stream(arguments.split("\\s+"))
                        .forEach(port -> exposed.add(Integer.parseInt(port.replaceFirst("/(tcp|udp)$", ""))));
                case "USER" -> users.add(arguments);
                case "COPY" -> copies.add(arguments);
                case "ENV" -> {
                    Matcher name = ENV_NAME.matcher(arguments);
                    if (name.find()) {
                        variables.add(name.group(1));
                    }
                }
                default -> throw new IllegalStateException(instruction.group(1));
            }
        }
        if (from.size() != 1 || !from.get(0).startsWith(BASE_IMAGE + ":")) {
            problems.add(where + " is not FROM " + BASE_IMAGE + ":<tag> (found " + from + ")");
        }
        if (!exposed.equals(module.listeningPorts())) {
            problems.add(where + " exposes " + exposed + " but " + module.path() + " listens on " + module.listeningPorts());
        }
        if (users.isEmpty() || !users.get(users.size() - 1).equals("185")) {
            problems.add(where + " does not run as user 185 (the runtime image's user)");
        }
        for (String part : FAST_JAR_PARTS) {
            if (copies.stream().noneMatch(copy -> copy.contains("target/quarkus-app/" + part))) {
                problems.add(where + " does not copy target/quarkus-app/" + part);
            }
        }
        problems.addAll(Environment.problems(where, module,
                variables.stream().filter(variable -> !Environment.IMAGE_VARIABLES.contains(variable)).toList()));
        return problems;
    }
}
