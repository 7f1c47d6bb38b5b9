package io.rhwatch.modelsim.language;

/**
 * What the simulator takes from a chat prompt (Qwen2.5-VL template): the user's question and where the assistant's
 * turn stands. An open {@code <think>} asks for thinking; a closed one ({@code </think>}) asks for the final answer,
 * conditioned on the number of thinking tokens between the last {@code <think>} and {@code </think>}.
 *
 * @param question       the user's text after the image, choices included
 * @param thinkingTokens ANSWER mode only: the thinking tokens the answer follows (0 when there was no thinking)
 */
public record Prompt(Mode mode, String question, int thinkingTokens) {

    public enum Mode {
        THINKING,
        ANSWER
    }

    public static final String THINK_OPEN = "<think>";
    public static final String THINK_CLOSE = "</think>";
    private static final String VISION_END = "<|vision_end|>";
    private static final String USER_TURN = "<|im_start|>user";
    private static final String TURN_END = "<|im_end|>";

    public static Prompt parse(String prompt) {
        int close = prompt.lastIndexOf(THINK_CLOSE);
        int open = prompt.lastIndexOf(THINK_OPEN);
        String question = question(prompt);
        if (open >= 0 && open > close) {
            return new Prompt(Mode.THINKING, question, 0);
        }
        if (close < 0) {
            return new Prompt(Mode.ANSWER, question, 0);
        }
        int thinkingStart = prompt.lastIndexOf(THINK_OPEN, close);
        int thinking = thinkingStart < 0 ? 0 : Tokenizer.count(prompt.substring(thinkingStart + THINK_OPEN.length(), close));
        return new Prompt(Mode.ANSWER, question, thinking);
    }

    /** After the last image up to the end of the turn; failing that, the user's turn; failing that, everything before any thinking. */
    private static String question(String prompt) {
        int start;
        int vision = prompt.lastIndexOf(VISION_END);
        if (vision >= 0) {
            start = vision + VISION_END.length();
        } else {
            int user = prompt.lastIndexOf(USER_TURN);
            start = user >= 0 ? user + USER_TURN.length() : 0;
        }
        int end = prompt.indexOf(TURN_END, start);
        int think = prompt.indexOf(THINK_OPEN, start);
        if (end < 0 || think >= 0 && think < end) {
            end = think < 0 ? prompt.length() : think;
        }
        return prompt.substring(start, end).strip();
    }
}
