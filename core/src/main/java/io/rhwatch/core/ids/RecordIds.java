package io.rhwatch.core.ids;

import io.rhwatch.core.Labels;
import io.rhwatch.proto.v1.Corruption;
import io.rhwatch.proto.v1.SampleRef;

/**
 * The ids of the records one sample becomes. Each id extends its parent's, so every redelivery within one
 * evaluation carries the same ids (the aggregator drops a judgment_id it has counted), while another epoch of
 * the same sample, a deliberate re-evaluation, carries other ids and counts. Epoch 0 keeps the ids the mesh had
 * before epochs existed. Sample ids and model names never contain {@value #SEPARATOR}.
 */
public final class RecordIds {

    public static final char SEPARATOR = '|';

    private RecordIds() {
    }

    /** One evaluation of a sample: {@code sample_id} at epoch 0, {@code sample_id|e<epoch>} after. */
    public static String evaluation(String sampleId, int epoch) {
        return epoch == 0 ? sampleId : sampleId + SEPARATOR + "e" + epoch;
    }

    /** The evaluation a probe, response or judgment belongs to. */
    public static String evaluation(SampleRef sample) {
        return evaluation(sample.getSampleId(), sample.getEpoch());
    }

    /** A probe: what one model is asked about one evaluation of a sample, clean or under a corruption. */
    public static String probe(String sampleId, int epoch, String model, Corruption corruption) {
        return evaluation(sampleId, epoch) + SEPARATOR + model + SEPARATOR + Labels.of(corruption);
    }

    /** A probe's answer at one budget level; its judgment carries the same id. */
    public static String response(String probeId, int budget) {
        return probeId + SEPARATOR + budget;
    }
}
