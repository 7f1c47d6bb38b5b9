package io.rhwatch.ingestion.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One VQA sample as clients send it. {@code image} is base64 in {@code POST /v1/samples} and a path
 * relative to the dataset file in an import; everything else means the same in both. {@code epoch} (default 0)
 * names the evaluation: the same sample at a higher epoch is evaluated, and counted, again.
 */
public record SampleRequest(
        String id,
        String source,
        String task,
        @JsonProperty("question_type") String questionType,
        String question,
        List<String> choices,
        String answer,
        String image,
        @JsonProperty("image_media_type") String imageMediaType,
        Integer epoch) {

    public SampleRequest withDefaults(String defaultTask, String defaultSource, Integer defaultEpoch) {
        return new SampleRequest(id,
                source == null || source.isBlank() ? defaultSource : source,
                task == null || task.isBlank() ? defaultTask : task,
                questionType, question, choices, answer, image, imageMediaType,
                epoch == null ? defaultEpoch : epoch);
    }
}
