package io.rhwatch.benchmark;

import java.util.List;

/** A question about a scene with its ground truth, before it gets an id and an image. */
record Question(String task, String questionType, String text, List<String> choices, String answer) {

    Question {
        choices = List.copyOf(choices);
    }
}
