package io.rhwatch.modelsim.judge;

/** A prompt sent to the judge model that does not have the judge prompt's sections; the message names what is missing. */
public class UnreadableJudgePromptException extends RuntimeException {

    public UnreadableJudgePromptException(String message) {
        super(message);
    }
}
