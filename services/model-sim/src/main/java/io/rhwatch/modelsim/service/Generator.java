package io.rhwatch.modelsim.service;

import java.util.List;

/** What the simulator serves under a model name: a simulated reasoning model, or the simulated judge. */
public interface Generator {

    /** Whether a request must carry an image; the judge reads text only. */
    boolean readsImage();

    /**
     * @param image the image the request carried, read; null when the generator does not read images
     * @param seed  the request's sampling seed
     * @param stops stop strings: output ends before the first one, with finish reason {@code stop}
     */
    Generation generate(String prompt, SeenImage image, int maxTokens, long seed, List<String> stops);
}
