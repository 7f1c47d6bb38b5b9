package io.rhwatch.judge.service;

import io.rhwatch.judge.config.JudgeConfig;
import io.rhwatch.proto.v1.ExampleDetail;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * What of a response's audit trail a judgment carries (issue 14: not the whole reasoning and a thumbnail on every
 * judgment): every judgment the reasoning's tail; the judgments of every n-th sample, chosen by a hash of the sample
 * id so that all of a sample's levels and corruptions are examples or none is, in any judge instance, also the
 * thumbnail, as an {@link ExampleDetail} that makes them the aggregator's examples.
 */
@ApplicationScoped
public class ExamplePicker {

    private final int everyNthSample;
    private final int reasoningTailChars;

    @Inject
    ExamplePicker(JudgeConfig config) {
        this(config.examples().everyNthSample(), config.examples().reasoningTailChars());
    }

    ExamplePicker(int everyNthSample, int reasoningTailChars) {
        this.everyNthSample = everyNthSample;
        this.reasoningTailChars = reasoningTailChars;
    }

    /** Sets the reasoning's tail and, for a sample picked as an example, the example's detail. */
    public Judgment.Builder addTo(Judgment.Builder judgment, Response response) {
        judgment.setReasoningTail(tail(response.getReasoning()));
        if (isExample(response.getSample().getSampleId())) {
            judgment.setExample(ExampleDetail.newBuilder().setThumbnail(response.getThumbnail()));
        }
        return judgment;
    }

    /** Whether this sample's judgments are examples; the same answer in every judge instance and after a restart. */
    public boolean isExample(String sampleId) {
        if (sampleId.isEmpty()) {
            return false;
        }
        CRC32 hash = new CRC32();
        hash.update(sampleId.getBytes(StandardCharsets.UTF_8));
        return hash.getValue() % everyNthSample == 0;
    }

    String tail(String reasoning) {
        if (reasoning.length() <= reasoningTailChars) {
            return reasoning;
        }
        int start = reasoning.length() - reasoningTailChars;
        // never half of a surrogate pair: the tail is then one character shorter
        if (start < reasoning.length() && Character.isLowSurrogate(reasoning.charAt(start))) {
            start++;
        }
        return reasoning.substring(start);
    }
}
