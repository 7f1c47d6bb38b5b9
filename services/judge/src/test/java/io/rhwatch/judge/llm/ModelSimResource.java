package io.rhwatch.judge.llm;

import io.rhwatch.testsupport.AbstractModelSimResource;

import java.util.Map;

/** Runs the simulator as a process and points the judge's "judge-triton" gRPC client at it. */
public class ModelSimResource extends AbstractModelSimResource {

    public ModelSimResource() {
        super("judge-triton", Map.of());
    }
}
