package io.rhwatch.deploycheck;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The topics a topic-creating shell script creates (docker-compose.yml's topic-init): a function
 * {@code create} around {@code kafka-topics.sh --create}, then one {@code create TOPIC options} line per
 * topic. Options in the function apply to every topic; a line's own options come after them.
 */
final class TopicInitScript {

    private static final Pattern CREATE_LINE = Pattern.compile("^\\s*create\\s+(\\S+)(.*)$", Pattern.MULTILINE);
    private static final Pattern FUNCTION = Pattern.compile("create\\s*\\(\\)\\s*\\{([^}]*)}");
    private static final Pattern OPTION = Pattern.compile("--(partitions|replication-factor|config)[ =](\\S+)");

    private TopicInitScript() {
    }

    /** Whether this is such a script at all. */
    static boolean createsTopics(String script) {
        return script.contains("kafka-topics.sh") && script.contains("--create");
    }

    static Map<String, DeclaredTopic> topics(String script) {
        Matcher function = FUNCTION.matcher(script);
        String shared = function.find() ? function.group(1) : "";
        Map<String, DeclaredTopic> topics = new LinkedHashMap<>();
        Matcher line = CREATE_LINE.matcher(script);
        while (line.find()) {
            topics.put(line.group(1), declared(line.group(1), List.of(shared, line.group(2))));
        }
        return topics;
    }

    private static DeclaredTopic declared(String name, List<String> optionTexts) {
        int partitions = 0;
        int replicas = 0;
        Map<String, String> config = new LinkedHashMap<>();
        for (String text : optionTexts) {
            Matcher option = OPTION.matcher(text);
            while (option.find()) {
                String value = option.group(2);
                switch (option.group(1)) {
                    case "partitions" -> partitions = Integer.parseInt(value);
                    case "replication-factor" -> replicas = Integer.parseInt(value);
                    default -> {
                        String[] setting = value.split("=", 2);
                        config.put(setting[0], setting.length > 1 ? setting[1] : "");
                    }
                }
            }
        }
        return new DeclaredTopic(name, partitions, replicas, config);
    }
}
