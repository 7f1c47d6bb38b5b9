package io.rhwatch.judge.llm;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.List;
import java.util.Map;

/** The LLM judge on, calling the simulator's judge model. */
public class LlmJudgeProfile implements QuarkusTestProfile {

    public static final String JUDGE_MODEL = "rh-sim-judge";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("rhwatch.judge.llm.enabled", "true", "rhwatch.judge.llm.model", JUDGE_MODEL);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ModelSimResource.class));
    }
}
