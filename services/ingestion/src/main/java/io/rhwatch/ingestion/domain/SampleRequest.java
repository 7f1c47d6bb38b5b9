package io.rhwatch.ingestion.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One VQA sample as clients send it. {@code image} is base64 in {@code POST /v1/samples} and a path
 * relative to the dataset file in an import; everything else means the same in both.
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
        @JsonProperty("image_media_type") String imageMediaType) {

    public SampleRequest withDefaults(String defaultTask, String defaultSource) {
        return new SampleRequest(id,
                source == null || source.isBlank() ? defaultSource : source,
                task == null || task.isBlank() ? defaultTask : task,
                questionType, question, choices, answer, image, imageMediaType);
    }
}
