package io.rhwatch.inference.client;

import java.util.Set;

/**
 * What the last contract check found for one model.
 *
 * @param offered the optional inputs (token counts, finish reason) the model's metadata offers
 */
public record ModelStatus(State state, String detail, Set<String> offered) {

    public enum State {
        /** Not checked yet. */
        UNCHECKED,
        /** Ready, and its metadata fits its contract. */
        READY,
        /** Triton does not serve it (ModelReady false, or unknown). */
        NOT_SERVED,
        /** Served, but its inputs or outputs do not fit the configured contract. */
        CONTRACT_MISMATCH,
        /** Triton could not be asked. */
        UNREACHABLE
    }

    public static final ModelStatus UNCHECKED = new ModelStatus(State.UNCHECKED, "not checked yet", Set.of());

    public ModelStatus {
        offered = Set.copyOf(offered);
    }

    public boolean ready() {
        return state == State.READY;
    }
}
