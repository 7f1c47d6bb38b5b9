package io.rhwatch.aggregator.readmodel;

import java.util.List;

/** No judgment of this model has been counted. */
public class UnknownModelException extends RuntimeException {

    private final List<String> knownModels;

    public UnknownModelException(String model, List<String> knownModels) {
        super("unknown model '" + model + "': no judgments counted for it; "
                + (knownModels.isEmpty() ? "no models counted yet" : "known models: " + String.join(", ", knownModels)));
        this.knownModels = List.copyOf(knownModels);
    }

    public List<String> knownModels() {
        return knownModels;
    }
}
