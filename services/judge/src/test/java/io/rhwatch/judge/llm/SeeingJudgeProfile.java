package io.rhwatch.judge.llm;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/** The LLM judge on as a vision-language judge: the simulator's judge model is sent the sample's image. */
public class SeeingJudgeProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("rhwatch.judge.llm.enabled", "true", "rhwatch.judge.llm.model", LlmJudgeProfile.JUDGE_MODEL,
                "rhwatch.judge.llm.sees-image", "true");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ModelSimResource.class));
    }
}
