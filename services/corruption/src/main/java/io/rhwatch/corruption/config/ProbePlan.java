package io.rhwatch.corruption.config;

import io.quarkus.runtime.Startup;
import io.rhwatch.core.Labels;
import io.rhwatch.proto.v1.Corruption;
import jakarta.inject.Singleton;

import java.util.HashSet;
import java.util.List;

/** The checked configuration: built at start-up, so a bad budget list or model name stops the service with a clear message. */
@Startup
@Singleton
public class ProbePlan {

    private final List<String> models;
    private final List<Integer> budgets;
    private final List<Corruption> corruptions;

    public ProbePlan(CorruptionConfig config) {
        this.models = checkModels(config.models());
        this.budgets = checkBudgets(config.budgets());
        this.corruptions = checkCorruptions(config.corruptions());
    }

    public List<String> models() {
        return models;
    }

    public List<Integer> budgets() {
        return budgets;
    }

    public List<Corruption> corruptions() {
        return corruptions;
    }

    public boolean needsDonors() {
        return corruptions.contains(Corruption.CORRUPTION_RANDOM_IMAGE);
    }

    private static List<String> checkModels(List<String> models) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("rhwatch.corruption.models: name at least one model");
        }
        var seen = new HashSet<String>();
        for (String model : models) {
            if (model.isBlank() || model.indexOf('|') >= 0) {
                throw new IllegalArgumentException("rhwatch.corruption.models: '" + model
                        + "' is not a model name (empty, or contains '|', which separates the parts of probe ids)");
            }
            if (!seen.add(model)) {
                throw new IllegalArgumentException("rhwatch.corruption.models: '" + model + "' is listed twice");
            }
        }
        return List.copyOf(models);
    }

    private static List<Corruption> checkCorruptions(List<Corruption> corruptions) {
        if (new HashSet<>(corruptions).size() < corruptions.size()) {
            throw new IllegalArgumentException("rhwatch.corruption.corruptions: a corruption is listed twice in "
                    + corruptions.stream().map(Labels::of).toList());
        }
        return List.copyOf(corruptions);
    }

    private static List<Integer> checkBudgets(List<Integer> budgets) {
        if (budgets.isEmpty()) {
            throw new IllegalArgumentException("rhwatch.corruption.budgets: give at least one budget level");
        }
        for (int i = 0; i < budgets.size(); i++) {
            if (budgets.get(i) < 0) {
                throw new IllegalArgumentException("rhwatch.corruption.budgets: " + budgets.get(i)
                        + " is negative; budgets are thinking-token counts >= 0, got " + budgets);
            }
            if (i > 0 && budgets.get(i) <= budgets.get(i - 1)) {
                throw new IllegalArgumentException("rhwatch.corruption.budgets: must be strictly ascending, got " + budgets);
            }
        }
        return List.copyOf(budgets);
    }
}
