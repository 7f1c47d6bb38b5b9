package io.rhwatch.corruption.config;

import io.rhwatch.core.Labels;
import io.rhwatch.proto.v1.Corruption;
import org.eclipse.microprofile.config.spi.Converter;

/** Reads a corruption label; an unknown one (or "clean", which is always sent) fails start-up naming the choices. */
public class CorruptionConverter implements Converter<Corruption> {

    @Override
    public Corruption convert(String value) {
        return Labels.corruption(value)
                .filter(corruption -> corruption != Corruption.CORRUPTION_NONE)
                .orElseThrow(() -> new IllegalArgumentException("rhwatch.corruption.corruptions: unknown corruption '"
                        + value.strip() + "'; use any of blank_image, random_image, text_removal"
                        + " (the clean probe is always sent)"));
    }
}
