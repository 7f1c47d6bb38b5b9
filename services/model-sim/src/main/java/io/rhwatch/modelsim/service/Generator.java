package io.rhwatch.modelsim.service;

import java.util.List;

/** What the simulator serves under a model name: a simulated reasoning model, or the simulated judge. */
public interface Generator {

    /** Whether a request must carry an image; the judge's need not. */
    boolean readsImage();

    /** Whether an image a request carries is read; a judge that sees images reads it when it is sent one. */
    default boolean acceptsImage() {
        return readsImage();
    }

    /**
     * @param image the image the request carried, read; null when it carried none the generator reads
     * @param seed  the request's sampling seed
     * @param stops stop strings: output ends before the first one, with finish reason {@code stop}
     */
    Generation generate(String prompt, SeenImage image, int maxTokens, long seed, List<String> stops);
}
