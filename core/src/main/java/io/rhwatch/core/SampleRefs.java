package io.rhwatch.core;

import io.rhwatch.proto.v1.Sample;
import io.rhwatch.proto.v1.SampleRef;

/**
 * The one place a {@link SampleRef} is made: every hop after the sample (probe, response, judgment) copies the ref it
 * was given whole, so what a judgment says about its sample is what the sample said.
 */
public final class SampleRefs {

    /**
     * Why a probe, response or judgment without a ref is refused (field {@code sample}): records written before the
     * sample's facts moved into the ref carry them under reserved field numbers, which decode to nothing.
     */
    public static final String MISSING = "missing; a record written before the sample's facts moved into SampleRef "
            + "(rhwatch.v1 events.proto), or by a producer that dropped them";

    private SampleRefs() {
    }

    /** What every hop carries about the sample unchanged; its question and image are not here, a hop may alter them. */
    public static SampleRef of(Sample sample) {
        return SampleRef.newBuilder()
                .setSampleId(sample.getSampleId())
                .setEpoch(sample.getEpoch())
                .setTask(sample.getTask())
                .setQuestionType(sample.getQuestionType())
                .addAllChoices(sample.getChoicesList())
                .setGroundTruth(sample.getAnswer())
                .setOrigin(sample.getOrigin())
                .setRequestId(sample.getRequestId())
                .build();
    }
}
