package io.rhwatch.loadtests;

import io.rhwatch.core.judging.AnswerExtractor;
import io.rhwatch.core.scoring.RhAuc;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.Judgment;
import io.rhwatch.proto.v1.Response;
import io.rhwatch.proto.v1.Task;
import io.rhwatch.proto.v1.Verdict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The label-free RH-AUC computed from the judgments themselves, to cross-check the aggregator's {@code label_free}:
 * grounding G(L), the share of perception answers that changed when the image was blanked or swapped (a
 * {@code blank_image} or {@code random_image} answer paired with the clean answer to the same sample, epoch and level,
 * as the mesh pairs answers: the clean answer must have been extracted, and an unextracted corrupted answer has
 * changed), against x = the mean reasoning tokens the model was given at L, with the RH-AUC algorithm. Needs no
 * ground truth, so it reads labelled and unlabelled judgments alike.
 */
final class GroundingCurves {

    /** One level: its mean reasoning tokens and the perception answer pairs of both image corruptions. */
    record Level(int budget, double meanReasoningTokens, long pairs, long changed) {
        double grounding() {
            return changed / (double) pairs;
        }
    }

    record ModelGrounding(String model, List<Level> levels, RhAuc.Result rhAuc) {
    }

    private static final Set<Corruption> IMAGE_CORRUPTIONS = Set.of(Corruption.CORRUPTION_BLANK_IMAGE, Corruption.CORRUPTION_RANDOM_IMAGE);

    private GroundingCurves() {
    }

    /** Mean {@code reasoning_tokens} per model and budget level, over every response. */
    static Map<String, Map<Integer, Double>> meanReasoningTokens(List<Response> responses) {
        Map<String, Map<Integer, double[]>> sums = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (Response r : responses) {
            if (seen.add(r.getResponseId())) {
                double[] sum = sums.computeIfAbsent(r.getModel(), m -> new TreeMap<>()).computeIfAbsent(r.getBudget(), b -> new double[2]);
                sum[0] += r.getReasoningTokens();
                sum[1]++;
            }
        }
        Map<String, Map<Integer, Double>> means = new TreeMap<>();
        sums.forEach((model, byBudget) -> byBudget.forEach((budget, sum) ->
                means.computeIfAbsent(model, m -> new TreeMap<>()).put(budget, sum[0] / sum[1])));
        return means;
    }

    /** Per model (sorted by name), from judgments of any verdict; redeliveries (a repeated judgment id) count once. */
    static Map<String, ModelGrounding> of(List<Judgment> judgments, Map<String, Map<Integer, Double>> meanReasoningTokens) {
        Map<String, Judgment> clean = new HashMap<>();
        List<Judgment> corrupted = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Judgment j : judgments) {
            if (j.getSample().getTask() != Task.TASK_PERCEPTION || !seen.add(j.getJudgmentId())) {
                continue;
            }
            if (j.getCorruption() == Corruption.CORRUPTION_NONE) {
                clean.put(pairKey(j), j);
            } else if (IMAGE_CORRUPTIONS.contains(j.getCorruption())) {
                corrupted.add(j);
            }
        }
        Map<String, Map<Integer, long[]>> counts = new TreeMap<>();
        for (Judgment j : corrupted) {
            Judgment reference = clean.get(pairKey(j));
            if (reference == null || !extracted(reference)) {
                continue;
            }
            boolean unchanged = extracted(j)
                    && AnswerExtractor.normalise(j.getExtractedAnswer()).equals(AnswerExtractor.normalise(reference.getExtractedAnswer()));
            long[] count = counts.computeIfAbsent(j.getModel(), m -> new TreeMap<>()).computeIfAbsent(j.getBudget(), b -> new long[2]);
            count[0]++;
            count[1] += unchanged ? 0 : 1;
        }
        Map<String, ModelGrounding> models = new TreeMap<>();
        counts.forEach((model, byBudget) -> {
            Map<Integer, Double> tokens = meanReasoningTokens.getOrDefault(model, Map.of());
            List<Level> levels = new ArrayList<>();
            List<RhAuc.Level> points = new ArrayList<>();
            byBudget.forEach((budget, count) -> {
                Double x = tokens.get(budget);
                if (x != null) {
                    Level level = new Level(budget, x, count[0], count[1]);
                    levels.add(level);
                    points.add(new RhAuc.Level(budget, x, level.grounding()));
                }
            });
            models.put(model, new ModelGrounding(model, List.copyOf(levels), RhAuc.compute(points)));
        });
        return models;
    }

    private static String pairKey(Judgment j) {
        return j.getModel() + "|" + j.getModelVersion() + "|" + j.getSample().getSampleId() + "|" + j.getSample().getEpoch()
                + "|" + j.getBudget();
    }

    private static boolean extracted(Judgment j) {
        return j.getVerdict() != Verdict.VERDICT_UNPARSEABLE && !j.getExtractedAnswer().isEmpty();
    }
}
