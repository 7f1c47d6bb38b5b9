package io.rhwatch.ingestion.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One production request as a client sends it to {@code POST /v1/traffic}: what was asked of which model, and
 * optionally what it served. The JSON form of {@code TrafficRecord} (events.proto); {@code image} is base64 as in
 * {@code POST /v1/samples}. Whole numbers are {@code Long} so that a value past a limit is refused naming the limit.
 */
public record TrafficRequest(
        @JsonProperty("request_id") String requestId,
        @JsonProperty("timestamp_ms") Long timestampMs,
        String model,
        @JsonProperty("model_version") String modelVersion,
        String question,
        String image,
        @JsonProperty("image_media_type") String imageMediaType,
        List<String> choices,
        String task,
        @JsonProperty("question_type") String questionType,
        String answer,
        @JsonProperty("served_output") String servedOutput,
        @JsonProperty("served_reasoning_tokens") Long servedReasoningTokens,
        String source) {
}
