package io.rhwatch.inference.service;

import io.rhwatch.inference.client.GenerationRequest;
import io.rhwatch.inference.client.TritonClient;
import io.rhwatch.inference.config.InferenceConfig;
import io.rhwatch.inference.domain.Generation;
import io.rhwatch.inference.domain.InvalidProbeException;
import io.rhwatch.proto.v1.Probe;
import io.rhwatch.proto.v1.Response;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Budget forcing: the thinking is generated once, at the largest budget; for each level it is cut to
 * that many tokens, closed, and the model is asked once more for the final answer only. K levels cost
 * one long generation plus K short ones.
 */
@ApplicationScoped
public class ProbeService {

    private final TritonClient triton;
    private final PromptTemplate template;
    private final int answerMaxTokens;
    private final int maxBudget;

    ProbeService(TritonClient triton, InferenceConfig config) {
        if (config.answerMaxTokens() < 1) {
            throw new IllegalArgumentException("rhwatch.inference.answer-max-tokens must be >= 1, was " + config.answerMaxTokens());
        }
        if (config.maxBudget() < 1) {
            throw new IllegalArgumentException("rhwatch.inference.max-budget must be >= 1, was " + config.maxBudget());
        }
        this.triton = triton;
        this.template = new PromptTemplate(config.prompt().template(), config.prompt().system());
        this.answerMaxTokens = config.answerMaxTokens();
        this.maxBudget = config.maxBudget();
    }

    /** One Response per distinct budget level of the probe, in ascending budget order. */
    public Uni<List<Response>> respond(Probe probe) {
        List<Integer> levels = levelsOf(probe);
        String thinkingPrompt = template.thinkingPrompt(probe.getQuestion(), probe.getChoicesList());
        byte[] image = probe.getImage().getData().toByteArray();
        int longest = levels.get(levels.size() - 1);
        Uni<Generation> thinking = longest == 0
                ? Uni.createFrom().item(Generation.NONE)
                : triton.generate(new GenerationRequest(probe.getModel(), probe.getProbeId() + "|thinking", thinkingPrompt,
                        image, longest, List.of(PromptTemplate.THINK_STOP), true));
        return thinking.chain(generated -> Uni.join().all(levels.stream()
                        .map(level -> answer(probe, thinkingPrompt, image, level, ThinkingCut.of(generated, level)))
                        .toList())
                .andFailFast());
    }

    private Uni<Response> answer(Probe probe, String thinkingPrompt, byte[] image, int level, ThinkingCut thinking) {
        GenerationRequest request = new GenerationRequest(probe.getModel(), probe.getProbeId() + "|" + level,
                PromptTemplate.answerPrompt(thinkingPrompt, thinking.text()), image, answerMaxTokens, List.of(), false);
        return triton.generate(request).map(answer -> Response.newBuilder()
                .setResponseId(probe.getProbeId() + "|" + level)
                .setProbeId(probe.getProbeId())
                .setSampleId(probe.getSampleId())
                .setModel(probe.getModel())
                .setCorruption(probe.getCorruption())
                .setTask(probe.getTask())
                .setQuestionType(probe.getQuestionType())
                .setQuestion(probe.getQuestion())
                .addAllChoices(probe.getChoicesList())
                .setAnswer(probe.getAnswer())
                .setBudget(level)
                .setReasoning(thinking.text())
                .setReasoningTokens(thinking.tokens())
                .setReasoningCut(thinking.cut())
                .setOutput(answer.text())
                .setOutputTokens(answer.tokens())
                .setOutputTruncated(answer.hitTokenLimit())
                .setLatencyMs(TimeUnit.NANOSECONDS.toMillis(thinking.elapsedNanos() + answer.elapsedNanos()))
                .setCreatedAtMs(System.currentTimeMillis())
                .build());
    }

    /** The probe's distinct budget levels, ascending, after checking what a generation needs. */
    List<Integer> levelsOf(Probe probe) {
        if (probe.getProbeId().isBlank()) {
            throw new InvalidProbeException("probe.probe_id is empty");
        }
        if (probe.getModel().isBlank()) {
            throw new InvalidProbeException("probe.model is empty: no model to ask");
        }
        if (probe.getImage().getData().isEmpty()) {
            throw new InvalidProbeException("probe.image.data is empty: the model is sent the image with every question");
        }
        if (probe.getBudgetsCount() == 0) {
            throw new InvalidProbeException("probe.budgets is empty: at least one thinking budget level is needed");
        }
        for (int budget : probe.getBudgetsList()) {
            if (budget < 0 || budget > maxBudget) {
                throw new InvalidProbeException("probe.budgets has " + budget + "; each level must be between 0 and "
                        + maxBudget + " tokens (rhwatch.inference.max-budget)");
            }
        }
        return probe.getBudgetsList().stream().distinct().sorted().toList();
    }
}
