package io.rhwatch.deploycheck;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The topics a topic-creating shell script (compose's topic-init, the k8s Job) creates, and with what settings. */
record TopicScript(String script) {

    private static final Pattern TOPIC = Pattern.compile("(?<![\\w.])rh\\.[a-z0-9][a-z0-9._-]*");
    private static final Pattern MAX_MESSAGE_BYTES = Pattern.compile("max\\.message\\.bytes=(\\d+)");

    /** Whether this is such a script at all. */
    static boolean createsTopics(String script) {
        return script.contains("kafka-topics.sh") && script.contains("--create");
    }

    /** Topic names on the script's lines, except comments and --describe/--list lines that only name them. */
    Set<String> topics() {
        return topicsOnLines(false);
    }

    Set<String> compactedTopics() {
        return topicsOnLines(true);
    }

    /** The smallest max.message.bytes the script sets (a topic without one inherits the broker's). */
    long maxMessageBytes() {
        Matcher setting = MAX_MESSAGE_BYTES.matcher(script);
        long smallest = Long.MAX_VALUE;
        while (setting.find()) {
            smallest = Math.min(smallest, Long.parseLong(setting.group(1)));
        }
        return smallest;
    }

    private Set<String> topicsOnLines(boolean compactedOnly) {
        Set<String> topics = new TreeSet<>();
        for (String line : script.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("#") || trimmed.contains("--describe") || trimmed.contains("--list")
                    || compactedOnly && !trimmed.contains("cleanup.policy=compact")) {
                continue;
            }
            Matcher topic = TOPIC.matcher(trimmed);
            while (topic.find()) {
                topics.add(topic.group());
            }
        }
        return topics;
    }
}
