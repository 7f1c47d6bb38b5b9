package io.rhwatch.inference.service;

import com.google.protobuf.ByteString;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Image;
import io.rhwatch.proto.v1.Probe;
import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.SampleRef;
import io.rhwatch.proto.v1.Task;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which responses carry the sample's image for a judge that sees images (rhwatch.inference.image-for-judge). */
class JudgeImageTest {

    private static final Image SAMPLE = Image.newBuilder().setData(ByteString.copyFromUtf8("sample")).build();
    private static final Image BLANK = Image.newBuilder().setData(ByteString.copyFromUtf8("blank")).build();
    private static final Probe OPEN_ENDED = Probe.newBuilder()
            .setSample(SampleRef.newBuilder()
                    .setTask(Task.TASK_PERCEPTION)
                    .setQuestionType(QuestionType.QUESTION_TYPE_FREE_FORM))
            .setImage(SAMPLE).build();

    @Test
    void openEndedPerceptionResponsesCarryTheSamplesOwnImageWhenConfigured() {
        assertThat(ProbeService.judgeImage(OPEN_ENDED, true)).contains(SAMPLE);
        Probe blanked = OPEN_ENDED.toBuilder().setCorruption(Corruption.CORRUPTION_BLANK_IMAGE).setImage(BLANK)
                .setSampleImage(SAMPLE).build();
        assertThat(ProbeService.judgeImage(blanked, true)).as("the sample's, not the blank one the model saw").contains(SAMPLE);
        assertThat(ProbeService.judgeImage(blanked.toBuilder().clearSampleImage().build(), true))
                .as("without sample_image from the corruption service, none: the judge then names what is missing").isEmpty();
    }

    @Test
    void noOtherResponseCarriesIt() {
        assertThat(ProbeService.judgeImage(OPEN_ENDED, false)).as("off by default").isEmpty();
        Probe.Builder reasoning = OPEN_ENDED.toBuilder();
        reasoning.getSampleBuilder().setTask(Task.TASK_REASONING);
        assertThat(ProbeService.judgeImage(reasoning.build(), true)).isEmpty();
        Probe.Builder multiChoice = OPEN_ENDED.toBuilder();
        multiChoice.getSampleBuilder().setQuestionType(QuestionType.QUESTION_TYPE_MULTI_CHOICE);
        assertThat(ProbeService.judgeImage(multiChoice.build(), true)).isEmpty();
    }
}
