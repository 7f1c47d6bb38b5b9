package io.rhwatch.aggregator.readmodel;

import io.rhwatch.proto.v1.RegressionAlert;
import io.rhwatch.proto.v1.RegressionBaselineKind;
import io.rhwatch.proto.v1.RegressionState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** /v1/models names the baseline a raised regression was found against; a cleared one is no regression. */
class RegressionViewTest {

    @Test
    void theBaselineARegressionWasRaisedAgainstIsNamed() {
        RegressionAlert raised = RegressionAlert.newBuilder().setModel("m").setState(RegressionState.REGRESSION_RAISED)
                .setBaselineStartMs(1_000).setCurrentStartMs(3_000)
                .setBaselineKind(RegressionBaselineKind.REGRESSION_BASELINE_BEFORE_PREVIOUS_WINDOW).build();

        RegressionView view = RegressionView.of(raised);

        assertThat(view.baseline()).isEqualTo("before_previous_window");
        assertThat(view.baselineStartMs()).isEqualTo(1_000);
        assertThat(view.baselineModel()).isNull();
        assertThat(RegressionView.of(raised.toBuilder().setBaselineKind(RegressionBaselineKind.REGRESSION_BASELINE_PREVIOUS_WINDOW).build())
                .baseline()).isEqualTo("previous_window");
        assertThat(RegressionView.of(raised.toBuilder().setBaselineModel("m@v1")
                .setBaselineKind(RegressionBaselineKind.REGRESSION_BASELINE_PINNED_VERSION).build()).baseline()).isEqualTo("pinned_version");
        assertThat(RegressionView.of(raised.toBuilder().setState(RegressionState.REGRESSION_CLEARED).build())).isNull();
    }
}
