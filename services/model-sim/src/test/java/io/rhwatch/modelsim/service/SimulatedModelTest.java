package io.rhwatch.modelsim.service;

import io.rhwatch.benchmark.BenchmarkGenerator;
import io.rhwatch.benchmark.BenchmarkSample;
import io.rhwatch.core.judging.AnswerExtractor;
import io.rhwatch.modelsim.language.Tokenizer;
import io.rhwatch.modelsim.testing.ConfiguredProfiles;
import io.rhwatch.modelsim.testing.MeshJudge;
import io.rhwatch.modelsim.testing.Prompts;
import io.rhwatch.proto.v1.QuestionType;
import io.rhwatch.proto.v1.Verdict;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatedModelTest {

    private static final List<BenchmarkSample> SAMPLES = BenchmarkGenerator.generate(400, 7);
    private static final AccuracyCurve ALWAYS = new AccuracyCurve(1, 1, 1, 600);
    private static final SimulatedModel ORACLE = new SimulatedModel(new ModelProfile("oracle", 5, 0, ALWAYS, ALWAYS));
    private static final SimulatedModel STEADY = new SimulatedModel(ConfiguredProfiles.profile("rh-sim-steady"));
    private final SceneCache scenes = new SceneCache(16);

    @Test
    void anAlwaysRightProfileAnswersEveryBenchmarkQuestionFromThePixels() {
        for (BenchmarkSample s : SAMPLES) {
            Generation g = ORACLE.generate(Prompts.answer(Prompts.thinking(s), List.of()), scenes.see(s.png()), 64, 0, List.of());
            assertThat(g.finishReason()).isEqualTo(Generation.STOP);
            assertThat(MeshJudge.judge(s, g.text()).verdict()).as(s.id() + " " + s.question() + " -> " + g.text()).isEqualTo(Verdict.VERDICT_CORRECT);
        }
    }

    @Test
    void thinksForExactlyMaxTokensAboutWhatItSeesAndNeverClosesTheThinking() {
        BenchmarkSample s = SAMPLES.get(0);
        for (int maxTokens : new int[] {1, 7, 600, 2000}) {
            Generation g = STEADY.generate(Prompts.thinking(s), scenes.see(s.png()), maxTokens, 42, List.of("</think>"));
            assertThat(g.tokens()).hasSize(maxTokens);
            assertThat(Tokenizer.count(g.text())).isEqualTo(maxTokens);
            assertThat(g.finishReason()).isEqualTo(Generation.LENGTH);
            assertThat(g.text()).doesNotContain("</think>").startsWith("Okay,");
        }
        String thinking = STEADY.generate(Prompts.thinking(s), scenes.see(s.png()), 600, 42, List.of()).text();
        assertThat(thinking).contains("I can see ").contains("The question is: " + s.question());
    }

    @Test
    void thinkingIsDeterministicPerRequestAndSeed() {
        BenchmarkSample s = SAMPLES.get(3);
        String prompt = Prompts.thinking(s);
        Generation first = STEADY.generate(prompt, scenes.see(s.png()), 600, 1, List.of());
        assertThat(STEADY.generate(prompt, new SceneCache(0).see(s.png()), 600, 1, List.of())).isEqualTo(first);
        Generation otherSeed = STEADY.generate(prompt, scenes.see(s.png()), 600, 2, List.of());
        assertThat(otherSeed.text()).isNotEqualTo(first.text());
        assertThat(otherSeed.tokens()).hasSize(600);
    }

    @Test
    void aBlankImageIsDescribedAsBlankAndAnsweredAsEmpty() throws IOException {
        SeenImage blank = scenes.see(whitePng());
        String count = Prompts.thinking("How many blue circles are in the image? Answer with a number.", List.of());
        assertThat(ORACLE.generate(count, blank, 300, 0, List.of()).text()).contains("The image looks blank");
        assertThat(MeshJudge.judge(QuestionType.QUESTION_TYPE_NUMERIC, ORACLE.generate(Prompts.answer(count, List.of()), blank, 64, 0, List.of()).text(), "0")
                .verdict()).isEqualTo(Verdict.VERDICT_CORRECT);
        String exists = Prompts.thinking("Is there a red square in the image? Answer yes or no.", List.of());
        assertThat(MeshJudge.judge(QuestionType.QUESTION_TYPE_YES_NO, ORACLE.generate(Prompts.answer(exists, List.of()), blank, 64, 0, List.of()).text(), "no")
                .verdict()).isEqualTo(Verdict.VERDICT_CORRECT);
    }

    @Test
    void withoutConditionsItGuessesButStaysDeterministic() {
        BenchmarkSample s = SAMPLES.get(1);
        String prompt = Prompts.answer(Prompts.thinking("Answer with a number.", List.of()), List.of());
        Generation g = ORACLE.generate(prompt, scenes.see(s.png()), 64, 0, List.of());
        assertThat(AnswerExtractor.extract(QuestionType.QUESTION_TYPE_NUMERIC, g.text(), List.of())).get()
                .extracting(AnswerExtractor.Extraction::answer).asString().matches("\\d+");
        assertThat(ORACLE.generate(prompt, scenes.see(s.png()), 64, 9, List.of())).isEqualTo(g);
    }

    @Test
    void aLongAnswerIsCutAtMaxTokens() {
        for (BenchmarkSample s : SAMPLES) {
            String prompt = Prompts.answer(Prompts.thinking(s), List.of());
            Generation full = ORACLE.generate(prompt, scenes.see(s.png()), 64, 0, List.of());
            if (full.tokens().size() > 1) {
                Generation cut = ORACLE.generate(prompt, scenes.see(s.png()), 1, 0, List.of());
                assertThat(cut.tokens()).containsExactly(full.tokens().get(0));
                assertThat(cut.finishReason()).isEqualTo(Generation.LENGTH);
                return;
            }
        }
        throw new AssertionError("no answer longer than one token among the samples");
    }

    @Test
    void outputEndsBeforeAStopString() {
        BenchmarkSample s = SAMPLES.get(0);
        Generation g = STEADY.generate(Prompts.thinking(s), scenes.see(s.png()), 600, 0, List.of("carefully", "look"));
        assertThat(g.text()).isEqualTo("Okay, let me ");
        assertThat(g.finishReason()).isEqualTo(Generation.STOP);
    }

    @Test
    void correctnessIsMonotoneInThinkingBecauseTheDrawsDoNotDependOnIt() {
        for (BenchmarkSample s : SAMPLES.subList(0, 200)) {
            String opened = Prompts.thinking(s);
            List<String> thinking = STEADY.generate(opened, scenes.see(s.png()), 600, 0, List.of()).tokens();
            boolean previous = s.task().equals("perception");
            for (int budget : new int[] {0, 100, 200, 400, 600}) {
                String answer = STEADY.generate(Prompts.answer(opened, thinking.subList(0, budget)), scenes.see(s.png()), 64, 0, List.of()).text();
                boolean correct = MeshJudge.correct(s, answer);
                if (s.task().equals("perception")) {
                    assertThat(!correct || previous).as(s.id() + " perception can only get worse with thinking").isTrue();
                } else {
                    assertThat(correct || !previous).as(s.id() + " reasoning can only get better with thinking").isTrue();
                }
                previous = correct;
            }
        }
    }

    @Test
    void refusesTheConfiguredShareOfQuestions() {
        SimulatedModel reluctant = new SimulatedModel(new ModelProfile("reluctant", 3, 0.5, ALWAYS, ALWAYS));
        int refusals = 0;
        Set<String> styles = new HashSet<>();
        for (BenchmarkSample s : SAMPLES) {
            String text = reluctant.generate(Prompts.answer(Prompts.thinking(s), List.of()), scenes.see(s.png()), 64, 0, List.of()).text();
            if (text.equals(Answerer.REFUSAL)) {
                refusals++;
                assertThat(MeshJudge.judge(s, text).verdict()).isEqualTo(Verdict.VERDICT_UNPARSEABLE);
            } else {
                styles.add(text.replaceAll("[0-9A-Za-z]+", "X").replace("XX", "X"));
            }
        }
        assertThat(refusals).isBetween(150, 250);
        assertThat(styles).as("answers come in several styles").hasSizeGreaterThanOrEqualTo(5);
    }

    private static byte[] whitePng() throws IOException {
        BufferedImage white = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = white.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 320, 240);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(white, "png", out);
        return out.toByteArray();
    }
}
