package io.rhwatch.modelsim.service;

import io.rhwatch.benchmark.BenchmarkGenerator;
import io.rhwatch.benchmark.BenchmarkSample;
import io.rhwatch.core.judging.Decision;
import io.rhwatch.core.scoring.RhAuc;
import io.rhwatch.modelsim.testing.ConfiguredProfiles;
import io.rhwatch.modelsim.testing.MeshJudge;
import io.rhwatch.modelsim.testing.Prompts;
import io.rhwatch.proto.v1.Verdict;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The text-prior profiles (application.properties: rh-sim-grounded to rh-sim-prior) differ in how they lose the image
 * as they think longer. Budget forcing as the inference service runs it, the mesh's rule judge, and the corruptions as
 * the corruption service makes them (a white image of the same size; the next sample's image): grounding G(L), the
 * share of perception answers that change when the image is blanked or swapped, must fall with thinking for a
 * prior-driven profile and stay high for a grounded one, and the label-free RH-AUC (G over thinking tokens) must rank
 * the profiles as the labelled one (perception over reasoning accuracy) does.
 */
class TextPriorProfilesTest {

    static final List<String> GROUNDED_TO_PRIOR = List.of("rh-sim-grounded", "rh-sim-prior-late", "rh-sim-prior-gradual",
            "rh-sim-prior-early", "rh-sim-prior-heavy", "rh-sim-prior");
    private static final int[] LEVELS = {0, 50, 100, 150, 200, 300, 400, 600};

    @Test
    void aPriorDrivenModelKeepsItsAnswerUnderABlankImageMoreOftenTheLongerItThinksAGroundedOneRarely() {
        List<BenchmarkSample> samples = BenchmarkGenerator.generate(200, 7);
        Run prior = Run.of(model("rh-sim-prior"), samples);
        Run grounded = Run.of(model("rh-sim-grounded"), samples);
        double[] priorUnchanged = prior.unchangedUnderBlank();
        double[] groundedUnchanged = grounded.unchangedUnderBlank();
        System.out.printf("unchanged under blank_image by level: prior %s, grounded %s%n",
                java.util.Arrays.toString(priorUnchanged), java.util.Arrays.toString(groundedUnchanged));
        for (int i = 1; i < LEVELS.length; i++) {
            assertThat(priorUnchanged[i]).as("prior, level " + LEVELS[i]).isGreaterThanOrEqualTo(priorUnchanged[i - 1]);
        }
        assertThat(priorUnchanged[LEVELS.length - 1] - priorUnchanged[0]).isGreaterThan(0.5);
        assertThat(groundedUnchanged[LEVELS.length - 1] - groundedUnchanged[0]).isLessThan(0.25);
        assertThat(priorUnchanged[0]).isCloseTo(groundedUnchanged[0], org.assertj.core.api.Assertions.within(0.15));
    }

    @Test
    void anAnswerFromTheTextPriorIsTheSameWhateverTheImageShowsAndReasoningStillReadsIt() {
        AccuracyCurve always = new AccuracyCurve(1, 1, 1, 600);
        SimulatedModel blind = new SimulatedModel(new ModelProfile("blind", 9, 0, always, always, always));
        List<BenchmarkSample> samples = BenchmarkGenerator.generate(80, 3);
        SceneCache scenes = new SceneCache(0);
        int reasoningChanged = 0;
        for (int i = 0; i < samples.size(); i++) {
            BenchmarkSample s = samples.get(i);
            String prompt = Prompts.answer(Prompts.thinking(s), List.of());
            List<String> answers = new ArrayList<>();
            for (byte[] image : List.of(s.png(), blankImage(s.png()), samples.get((i + 1) % samples.size()).png())) {
                answers.add(MeshJudge.judge(s, blind.generate(prompt, scenes.see(image), 64, 0, List.of()).text()).extractedAnswer());
            }
            if (s.task().equals("perception")) {
                assertThat(answers).as(s.id() + " " + s.question()).containsOnly(answers.get(0));
            } else if (!answers.get(0).equals(answers.get(1))) {
                reasoningChanged++;
            }
        }
        assertThat(reasoningChanged).as("reasoning answers change with the image").isGreaterThan(20);
    }

    @Test
    void theLabelFreeRhAucRanksTheProfilesAsTheLabelledOneDoes() {
        List<BenchmarkSample> samples = BenchmarkGenerator.generate(200, 7);
        double previousLabelled = Double.POSITIVE_INFINITY, previousLabelFree = Double.POSITIVE_INFINITY;
        for (String name : GROUNDED_TO_PRIOR) {
            Run run = Run.of(model(name), samples);
            RhAuc.Result labelled = run.labelled();
            RhAuc.Result labelFree = run.labelFree();
            System.out.printf("%-22s labelled RH-AUC %.3f, label-free %.3f, grounding %.3f -> %.3f, perception %.3f -> %.3f%n", name,
                    labelled.rhAuc(), labelFree.rhAuc(), run.grounding()[0], run.grounding()[LEVELS.length - 1],
                    run.perception()[0], run.perception()[LEVELS.length - 1]);
            assertThat(labelled.rhAuc()).as(name + " labelled").isLessThan(previousLabelled);
            assertThat(labelFree.rhAuc()).as(name + " label-free").isLessThan(previousLabelFree);
            previousLabelled = labelled.rhAuc();
            previousLabelFree = labelFree.rhAuc();
        }
    }

    private static SimulatedModel model(String name) {
        return new SimulatedModel(ConfiguredProfiles.profile(name));
    }

    /** One model's extracted answers at every level: clean, blank_image and random_image (the next sample's image). */
    private record Run(List<BenchmarkSample> samples, Decision[][] clean, Decision[][] blank, Decision[][] swapped) {

        static Run of(SimulatedModel model, List<BenchmarkSample> samples) {
            SceneCache scenes = new SceneCache(0);
            int n = samples.size();
            Decision[][] clean = new Decision[n][], blank = new Decision[n][], swapped = new Decision[n][];
            for (int i = 0; i < n; i++) {
                BenchmarkSample s = samples.get(i);
                clean[i] = answers(model, s, scenes.see(s.png()));
                blank[i] = answers(model, s, scenes.see(blankImage(s.png())));
                swapped[i] = answers(model, s, scenes.see(samples.get((i + 1) % n).png()));
            }
            return new Run(samples, clean, blank, swapped);
        }

        private static Decision[] answers(SimulatedModel model, BenchmarkSample s, SeenImage image) {
            String opened = Prompts.thinking(s);
            List<String> thinking = model.generate(opened, image, LEVELS[LEVELS.length - 1], 0, List.of("</think>")).tokens();
            Decision[] decisions = new Decision[LEVELS.length];
            for (int l = 0; l < LEVELS.length; l++) {
                decisions[l] = MeshJudge.judge(s, model.generate(Prompts.answer(opened, thinking.subList(0, LEVELS[l])), image, 64, 0, List.of()).text());
            }
            return decisions;
        }

        double[] unchangedUnderBlank() {
            double[] unchanged = new double[LEVELS.length];
            for (int l = 0; l < LEVELS.length; l++) {
                int pairs = 0, same = 0;
                for (int i = 0; i < samples.size(); i++) {
                    if (perception(i) && parsed(clean[i][l])) {
                        pairs++;
                        same += parsed(blank[i][l]) && blank[i][l].extractedAnswer().equals(clean[i][l].extractedAnswer()) ? 1 : 0;
                    }
                }
                unchanged[l] = same / (double) pairs;
            }
            return unchanged;
        }

        /** G(L): the share of perception answers that changed under blank_image or random_image, as the mesh pairs them. */
        double[] grounding() {
            double[] grounding = new double[LEVELS.length];
            for (int l = 0; l < LEVELS.length; l++) {
                int pairs = 0, changed = 0;
                for (int i = 0; i < samples.size(); i++) {
                    if (perception(i) && parsed(clean[i][l])) {
                        for (Decision corrupted : List.of(blank[i][l], swapped[i][l])) {
                            pairs++;
                            changed += parsed(corrupted) && corrupted.extractedAnswer().equals(clean[i][l].extractedAnswer()) ? 0 : 1;
                        }
                    }
                }
                grounding[l] = changed / (double) pairs;
            }
            return grounding;
        }

        double[] perception() {
            return accuracy(true);
        }

        RhAuc.Result labelled() {
            double[] reasoning = accuracy(false), perception = accuracy(true);
            List<RhAuc.Level> levels = new ArrayList<>();
            for (int l = 0; l < LEVELS.length; l++) {
                levels.add(new RhAuc.Level(LEVELS[l], reasoning[l], perception[l]));
            }
            return RhAuc.compute(levels);
        }

        /** Grounding over thinking tokens (the simulator thinks exactly the budget). */
        RhAuc.Result labelFree() {
            double[] grounding = grounding();
            List<RhAuc.Level> levels = new ArrayList<>();
            for (int l = 0; l < LEVELS.length; l++) {
                levels.add(new RhAuc.Level(LEVELS[l], LEVELS[l], grounding[l]));
            }
            return RhAuc.compute(levels);
        }

        private double[] accuracy(boolean perception) {
            double[] accuracy = new double[LEVELS.length];
            for (int l = 0; l < LEVELS.length; l++) {
                int judged = 0, correct = 0;
                for (int i = 0; i < samples.size(); i++) {
                    if (perception(i) == perception) {
                        judged++;
                        correct += clean[i][l].verdict() == Verdict.VERDICT_CORRECT ? 1 : 0;
                    }
                }
                accuracy[l] = correct / (double) judged;
            }
            return accuracy;
        }

        private boolean perception(int i) {
            return samples.get(i).task().equals("perception");
        }

        private static boolean parsed(Decision decision) {
            return decision.verdict() != Verdict.VERDICT_UNPARSEABLE;
        }
    }

    /** The blank_image corruption as the corruption service draws it: a white PNG of the image's size. */
    static byte[] blankImage(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            BufferedImage white = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = white.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, white.getWidth(), white.getHeight());
            g.dispose();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(white, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
