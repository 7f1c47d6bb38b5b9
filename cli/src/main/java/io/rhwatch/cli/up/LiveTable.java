package io.rhwatch.cli.up;

import io.rhwatch.cli.client.AggregatorClient;
import io.rhwatch.cli.process.Supervisor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Renders a {@link RunView} as text: the full table (per model a progress bar, clean-probe accuracy per
 * budget level, RH-AUC and rh_auc_raw) and a one-line summary for output that is not a terminal.
 * Pure: no I/O, no clock. Lines stay within 80 columns so an in-place redraw never wraps.
 */
public final class LiveTable {

    static final int WIDTH = 80;
    static final int BAR_WIDTH = 24;
    private static final int LABEL_WIDTH = 18;
    private static final int COLUMN_WIDTH = 6;
    private static final int MODEL_WIDTH = 22;
    private static final String ESC = "\u001b[";

    private final boolean unicode;

    /** @param unicode draw with block characters and a dash; otherwise ASCII only */
    public LiveTable(boolean unicode) {
        this.unicode = unicode;
    }

    public List<String> render(RunView view) {
        List<String> lines = new ArrayList<>();
        lines.add("rhwatch up " + dot() + " aggregator API " + view.aggregatorUrl() + " " + dot() + " " + elapsed(view.elapsed()));
        lines.add(view.samples() + " samples " + times() + " " + view.probeKinds().size() + " probes "
                + times() + " " + view.budgets().size() + " budget levels, per model");
        lines.add("  probes: " + String.join(", ", view.probeKinds()));
        lines.add("  accuracy below: clean probes, by thinking budget in tokens");
        for (RunView.ModelView model : view.models()) {
            lines.add("");
            lines.addAll(model(model, view.budgets()));
        }
        lines.add("");
        if (view.deadLetterTotal() > 0) {
            lines.addAll(wrap("dead letters: ", deadLetters(view.deadLetters()), "  "));
        }
        if (!view.restarted().isEmpty()) {
            lines.addAll(wrap("restarts: ", restarts(view.restarted()), "  "));
        }
        if (view.notice() != null) {
            lines.addAll(wrap("note: ", view.notice(), "  "));
        }
        return lines;
    }

    private List<String> model(RunView.ModelView model, List<Integer> budgets) {
        List<String> lines = new ArrayList<>();
        lines.add(pad(truncate(model.model(), MODEL_WIDTH), MODEL_WIDTH) + " " + bar(model.judged(), model.total())
                + " " + model.judged() + "/" + model.total() + " " + percent(model.judged(), model.total()) + status(model));
        lines.add("  RH-AUC " + value(model.rhAuc()) + "   rh_auc_raw " + value(model.rhAucRaw()));
        if (model.reason() != null && !model.reason().isEmpty()) {
            lines.addAll(wrap("  why: ", model.reason(), "       "));
        }

        Map<Integer, AggregatorClient.Point> points = new TreeMap<>();
        model.points().forEach(p -> points.put(p.budget(), p));
        StringBuilder header = new StringBuilder(pad("  budget", LABEL_WIDTH));
        StringBuilder reasoning = new StringBuilder(pad("  reasoning", LABEL_WIDTH));
        StringBuilder perception = new StringBuilder(pad("  perception", LABEL_WIDTH));
        for (int budget : budgets) {
            AggregatorClient.Point point = points.get(budget);
            header.append(left(String.valueOf(budget)));
            reasoning.append(left(point == null ? dash() : percent(point.reasoningAccuracy())));
            perception.append(left(point == null ? dash() : percent(point.perceptionAccuracy())));
        }
        lines.add(header.toString());
        lines.add(reasoning.toString());
        lines.add(perception.toString());
        return lines;
    }

    /** One line per refresh when the output is not a terminal: progress and RH-AUC of every model. */
    public String summaryLine(RunView view) {
        String models = view.models().stream()
                .map(m -> m.model() + " " + m.judged() + "/" + m.total() + " " + percent(m.judged(), m.total())
                        + " RH-AUC " + value(m.rhAuc()))
                .collect(Collectors.joining(" | "));
        String line = "[" + elapsed(view.elapsed()) + "] " + models;
        if (view.deadLetterTotal() > 0) {
            line += " | dead letters " + view.deadLetterTotal();
        }
        if (!view.restarted().isEmpty()) {
            line += " | restarts: " + restarts(view.restarted());
        }
        if (view.notice() != null) {
            line += " | note: " + view.notice();
        }
        return line;
    }

    /**
     * The characters that replace the previously drawn {@code previousLines} lines with {@code lines}:
     * move the cursor up to the table's first line, clear to the end of the screen, draw.
     */
    public static String redraw(int previousLines, List<String> lines) {
        StringBuilder out = new StringBuilder();
        if (previousLines > 0) {
            out.append(ESC).append(previousLines).append('A').append('\r').append(ESC).append('J');
        }
        lines.forEach(line -> out.append(line).append(System.lineSeparator()));
        return out.toString();
    }

    String bar(long done, long total) {
        int filled = total <= 0 ? 0 : (int) Math.min(BAR_WIDTH, done * BAR_WIDTH / total);
        String full = unicode ? "\u2588" : "#";
        String empty = unicode ? "\u2591" : ".";
        return "[" + full.repeat(filled) + empty.repeat(BAR_WIDTH - filled) + "]";
    }

    private String status(RunView.ModelView model) {
        if (model.beyondTotal() > 0) {
            return " WARNING +" + model.beyondTotal() + " duplicates";
        }
        return model.done() ? " done" : "";
    }

    private String value(Double value) {
        return value == null ? dash() : String.format(Locale.ROOT, "%.3f", value);
    }

    private String deadLetters(Map<String, Long> counts) {
        return new TreeMap<>(counts).entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")) + " (see the logs)";
    }

    /** e.g. "judge 2 (last exit 137), aggregator 1 (last exit 137, restarting)". */
    private static String restarts(List<Supervisor.Restarts> restarted) {
        return restarted.stream()
                .map(r -> r.name() + " " + r.count() + " (last exit " + r.lastExitStatus() + (r.running() ? ")" : ", restarting)"))
                .collect(Collectors.joining(", "));
    }

    private static String percent(long done, long total) {
        return total <= 0 ? "0%" : (done * 100 / total) + "%";
    }

    private static String percent(double accuracy) {
        return Math.round(accuracy * 100) + "%";
    }

    static String elapsed(Duration elapsed) {
        long seconds = elapsed.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, seconds % 3600 / 60);
    }

    private String dot() {
        return unicode ? "\u00b7" : "-";
    }

    private String times() {
        return unicode ? "\u00d7" : "x";
    }

    private String dash() {
        return unicode ? "\u2013" : "-";
    }

    /**
     * {@code prefix} and then {@code text}, broken at spaces into lines of at most {@link #WIDTH} columns,
     * continued with {@code indent}. A word longer than a line stays whole.
     */
    static List<String> wrap(String prefix, String text, String indent) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(prefix);
        boolean lineHasWord = false;
        for (String word : text.strip().split("\\s+")) {
            if (lineHasWord && line.length() + 1 + word.length() > WIDTH) {
                lines.add(line.toString());
                line = new StringBuilder(indent);
                lineHasWord = false;
            }
            if (lineHasWord) {
                line.append(' ');
            }
            line.append(word);
            lineHasWord = true;
        }
        lines.add(line.toString());
        return lines;
    }

    private static String left(String text) {
        return " ".repeat(Math.max(1, COLUMN_WIDTH - text.length())) + text;
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    private static String truncate(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "~";
    }
}
