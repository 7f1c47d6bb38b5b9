package io.rhwatch.judge.service;

import com.google.protobuf.ByteString;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.Response;
import io.rhwatch.proto.v1.SampleRef;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ExamplePickerTest {

    @Test
    void picksAboutEveryNthSampleAndAlwaysTheSameOnes() {
        ExamplePicker picker = new ExamplePicker(10, 1000);
        long picked = IntStream.range(0, 10_000).filter(i -> picker.isExample("sample-" + i)).count();
        assertThat(picked).isBetween(900L, 1100L);
        ExamplePicker another = new ExamplePicker(10, 1000);
        assertThat(IntStream.range(0, 1000).allMatch(i -> picker.isExample("sample-" + i) == another.isExample("sample-" + i)))
                .isTrue();
        assertThat(picker.isExample("")).isFalse();
    }

    @Test
    void everySampleIsAnExampleWhenNIsOne() {
        ExamplePicker picker = new ExamplePicker(1, 1000);
        assertThat(IntStream.range(0, 100).allMatch(i -> picker.isExample("sample-" + i))).isTrue();
    }

    @Test
    void keepsTheLastCharactersOfTheReasoning() {
        ExamplePicker picker = new ExamplePicker(10, 5);
        assertThat(picker.tail("abc")).isEqualTo("abc");
        assertThat(picker.tail("abcde")).isEqualTo("abcde");
        assertThat(picker.tail("I think so. Yes")).isEqualTo(". Yes");
        assertThat(new ExamplePicker(10, 0).tail("anything")).isEmpty();
    }

    @Test
    void neverCutsASurrogatePairInHalf() {
        String reasoning = "ab\uD83D\uDE00cdef"; // a, b, an emoji (two chars), c, d, e, f
        assertThat(new ExamplePicker(10, 5).tail(reasoning)).isEqualTo("cdef");
        assertThat(new ExamplePicker(10, 6).tail(reasoning)).isEqualTo("\uD83D\uDE00cdef");
    }

    @Test
    void addsTheThumbnailOnlyToExamples() {
        ExamplePicker picker = new ExamplePicker(10, 4);
        ByteString png = ByteString.copyFrom(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        String example = IntStream.range(0, 1000).mapToObj(i -> "s" + i).filter(picker::isExample).findFirst().orElseThrow();
        String other = IntStream.range(0, 1000).mapToObj(i -> "s" + i).filter(id -> !picker.isExample(id)).findFirst().orElseThrow();

        Judgment picked = picker.addTo(Judgment.newBuilder(), response(example, png)).build();
        Judgment notPicked = picker.addTo(Judgment.newBuilder(), response(other, png)).build();

        assertThat(picked.getReasoningTail()).isEqualTo("yes.");
        assertThat(picked.getExample().getThumbnail()).isEqualTo(png);
        assertThat(notPicked.getReasoningTail()).isEqualTo("yes.");
        assertThat(notPicked.hasExample()).isFalse();
    }

    private static Response response(String sampleId, ByteString thumbnail) {
        return Response.newBuilder()
                .setSample(SampleRef.newBuilder()
                        .setSampleId(sampleId)).setReasoning("I would say yes.").setThumbnail(thumbnail).build();
    }
}
