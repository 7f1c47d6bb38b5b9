package io.rhwatch.judge.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "rhwatch.judge")
public interface JudgeConfig {

    /** How far apart two numeric answers may be, relative to the larger, and still count as equal. */
    @WithDefault("1e-6")
    double numericRelativeTolerance();
}
