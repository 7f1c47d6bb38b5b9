package io.rhwatch.inference.service;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.rhwatch.core.SampleRefs;
import io.rhwatch.core.ids.RecordIds;
import io.rhwatch.inference.client.ContractCheck;
import io.rhwatch.inference.client.TritonModel;
import io.rhwatch.inference.config.InferenceConfig;
import io.rhwatch.inference.domain.PromptTemplate;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Image;
import io.rhwatch.proto.v1.Origin;
import io.rhwatch.proto.v1.Probe;
import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.Response;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.TrafficMode;
import io.rhwatch.support.rejection.RecordRejectedException;
import io.rhwatch.triton.Generation;
import io.rhwatch.triton.GenerationRequest;
import io.rhwatch.triton.ModelImage;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Budget forcing: the thinking is generated once, at the largest budget; for each level it is cut to
 * that many tokens, closed, and the model is asked once more for the final answer only. K levels cost
 * one long generation plus K short ones. Levels are counted in the tokens the backend reports (see
 * {@link ThinkingCut}). The model's contract and prompt come from its configuration ({@link TritonModel}).
 */
@ApplicationScoped
public class ProbeService {

    private final ContractCheck contracts;
    private final int answerMaxTokens;
    private final int maxBudget;
    private final int thumbnailSize;
    private final boolean imageForJudge;

    ProbeService(ContractCheck contracts, InferenceConfig config) {
        this.contracts = contracts;
        this.answerMaxTokens = config.answerMaxTokens();
        this.maxBudget = config.maxBudget();
        this.thumbnailSize = config.thumbnailSize();
        this.imageForJudge = config.imageForJudge();
    }

    /** One Response per distinct budget level of the probe, in ascending budget order. */
    public Uni<List<Response>> respond(Probe probe) {
        List<Integer> levels = levelsOf(probe);
        // off the Kafka and gRPC threads: the image work below takes milliseconds per probe
        return contracts.ensureUsable(probe.getModel()).emitOn(Infrastructure.getDefaultWorkerPool())
                .chain(model -> respond(probe, model, levels));
    }

    private Uni<List<Response>> respond(Probe probe, TritonModel model, List<Integer> levels) {
        PromptTemplate template = model.prompt();
        String thinkingPrompt = template.thinkingPrompt(probe.getQuestion(), probe.getSample().getChoicesList());
        ModelImage image = new ModelImage(probe.getImage().getData());
        ByteString thumbnail = UnsafeByteOperations.unsafeWrap(Thumbnail.png(image.encoded(), thumbnailSize));
        int longest = levels.get(levels.size() - 1);
        Uni<Generation> thinking = longest == 0
                ? Uni.createFrom().item(Generation.NONE)
                : model.generate(new GenerationRequest(probe.getModel(), probe.getProbeId() + "|thinking", thinkingPrompt,
                        image, longest, template.thinkingStop(), true));
        return thinking.chain(generated -> Uni.join().all(levels.stream()
                        .map(level -> answer(probe, model, thinkingPrompt, image, thumbnail, level,
                                longest == 0 ? ThinkingCut.NONE_ALLOWED : ThinkingCut.of(generated, level)))
                        .toList())
                .andFailFast());
    }

    private Uni<Response> answer(Probe probe, TritonModel model, String thinkingPrompt, ModelImage image, ByteString thumbnail,
                                 int level, ThinkingCut thinking) {
        GenerationRequest request = new GenerationRequest(probe.getModel(), probe.getProbeId() + "|" + level,
                model.prompt().answerPromptFor(thinkingPrompt, thinking.text()), image, answerMaxTokens,
                model.prompt().answerStop(), false);
        Optional<Image> judgeImage = judgeImage(probe, imageForJudge);
        return model.generate(request).map(answer -> {
            Response.Builder response = Response.newBuilder()
                    .setResponseId(RecordIds.response(probe.getProbeId(), level))
                    .setProbeId(probe.getProbeId())
                    .setSample(probe.getSample())
                    .setModel(probe.getModel())
                    // The probe's version where the traffic named one, else the one configured for this model.
                    .setModelVersion(probe.getModelVersion().isEmpty() ? model.version() : probe.getModelVersion())
                    .setCorruption(probe.getCorruption())
                    .setQuestion(probe.getQuestion())
                    .setBudget(level)
                    .setReasoning(thinking.text())
                    .setReasoningTokens(thinking.tokens())
                    .setReasoningCut(thinking.cut())
                    .setOutput(answer.text())
                    .setOutputTokens(answer.tokens())
                    .setOutputTruncated(answer.hitTokenLimit())
                    .setLatencyMs(TimeUnit.NANOSECONDS.toMillis(thinking.elapsedNanos() + answer.elapsedNanos()))
                    .setCreatedAtMs(System.currentTimeMillis())
                    .setThumbnail(thumbnail)
                    .setTrafficMode(trafficMode(probe));
            judgeImage.ifPresent(response::setJudgeImage);
            return response.build();
        });
    }

    /** A probe of production traffic is active monitoring: rhwatch asked, at a GPU cost. Nothing else is traffic. */
    static TrafficMode trafficMode(Probe probe) {
        return probe.getSample().getOrigin() == Origin.ORIGIN_TRAFFIC
                ? TrafficMode.TRAFFIC_MODE_ACTIVE : TrafficMode.TRAFFIC_MODE_UNSPECIFIED;
    }

    /**
     * The sample's own image for an LLM judge that sees images: only on open-ended perception responses (the ones it
     * rates), and only when configured, since it adds the image's bytes to each. A corrupted probe carries the
     * sample's image apart ({@code sample_image}) when the corruption service is configured for it.
     */
    static Optional<Image> judgeImage(Probe probe, boolean imageForJudge) {
        if (!imageForJudge || probe.getSample().getTask() != Task.TASK_PERCEPTION
                || probe.getSample().getQuestionType() != QuestionType.QUESTION_TYPE_FREE_FORM) {
            return Optional.empty();
        }
        if (probe.getCorruption() == Corruption.CORRUPTION_NONE) {
            return Optional.of(probe.getImage());
        }
        return probe.hasSampleImage() ? Optional.of(probe.getSampleImage()) : Optional.empty();
    }

    /** The probe's distinct budget levels, ascending, after checking what a generation needs. */
    List<Integer> levelsOf(Probe probe) {
        if (probe.getProbeId().isBlank()) {
            throw new RecordRejectedException("probe_id", "is empty");
        }
        if (probe.getModel().isBlank()) {
            throw new RecordRejectedException("model", "is empty: no model to ask");
        }
        if (!probe.hasSample()) {
            throw new RecordRejectedException("sample", SampleRefs.MISSING);
        }
        if (probe.getImage().getData().isEmpty()) {
            throw new RecordRejectedException("image.data", "is empty: the model is sent the image with every question");
        }
        if (probe.getBudgetsCount() == 0) {
            throw new RecordRejectedException("budgets", "is empty: at least one thinking budget level is needed");
        }
        for (int budget : probe.getBudgetsList()) {
            if (budget < 0 || budget > maxBudget) {
                throw new RecordRejectedException("budgets", "has " + budget + "; each level must be between 0 and "
                        + maxBudget + " tokens (rhwatch.inference.max-budget)");
            }
        }
        return probe.getBudgetsList().stream().distinct().sorted().toList();
    }
}
