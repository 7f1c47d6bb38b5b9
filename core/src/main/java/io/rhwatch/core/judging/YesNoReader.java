package io.rhwatch.core.judging;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A yes or a no: said outright ("Yes.", "Based on the image, yes, there is a cat.", "Not that I can see."),
 * or stated as a sentence that affirms or denies what the question asks about ("There is no dog in the
 * image." is a no to "Is there a dog?"; see {@link QuestionTopic}). A hedge is neither.
 */
final class YesNoReader {

    // "Not that I can see.", "Not really.": a no said without the word
    private static final Pattern LEADING = Pattern.compile("^[^\\p{L}]*(yes|no|yeah|yep|nope|correct|incorrect|true|false"
                    + "|not(?=\\s*[.!]|\\s+(?:at\\s+all|really|that\\s+I\\s+(?:can|could)\\s+(?:see|tell))\\b))\\b",
            Pattern.CASE_INSENSITIVE);
    // a yes or no standing alone between punctuation, not "there is no dog" nor "yes or no"
    private static final Pattern TOKEN = Pattern.compile(
            "(?<![\\p{L}/])(?<!\\bor\\s)(yes|no)(?=\\s*[,.!;:\u2014)]|\\s*$)(?!\\s*/)", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEDGE = Pattern.compile(
            "\\b(?:might|may|could|possibly|perhaps|maybe|unclear|not\\s+sure|uncertain|hard\\s+to\\s+(?:say|tell)|"
                    + "difficult\\s+to|can't\\s+be\\s+sure|cannot\\s+be\\s+sure|not\\s+clear|ambiguous|either)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NEGATION = Pattern.compile(
            "\\b(?:no|not|none|nothing|nobody|neither|nor|never|without|absent|lacks?)\\b|n't\\b|n\u2019t\\b",
            Pattern.CASE_INSENSITIVE);
    // "I can't see a dog" denies the dog; "I can't see the image" refuses
    private static final Pattern UNSEEN_OBJECT = Pattern.compile(
            "\\b(?:can\\s*not|can't|cannot|don't|do\\s+not|does\\s+not|doesn't)\\s+(?:see|find|spot|detect|identify|notice)\\s+"
                    + "(?:any|a|an|some)\\s", Pattern.CASE_INSENSITIVE);
    // "There is no dog present.": an answer about what is absent, wherever it stands among the description
    private static final Pattern ABSENCE = Pattern.compile(
            "\\bthere\\s+(?:is|are|was|were)\\s+no\\b|\\bthere\\s+(?:isn't|aren't|is\\s+not|are\\s+not)\\b"
                    + "|\\b(?:does|do)\\s*(?:not|n't)\\s+(?:show|contain|have|include|appear)\\b"
                    + "|\\b(?:can\\s*not|can't|cannot|don't|do\\s+not)\\s+see\\s+any\\b|\\bno\\s+\\w+\\s+(?:is\\s+|are\\s+)?(?:present|visible)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CONCLUSION = Pattern.compile(
            "^(?:so|therefore|thus|hence|in\\s+conclusion|overall|in\\s+summary|to\\s+summari[sz]e|finally)\\b",
            Pattern.CASE_INSENSITIVE);

    private YesNoReader() {
    }

    static Optional<String> inSpan(String span, QuestionTopic topic) {
        Optional<String> leading = leading(span);
        if (leading.isPresent()) {
            return leading;
        }
        String sentence = AnswerText.firstSentence(span);
        Matcher token = TOKEN.matcher(sentence);
        if (token.find()) {
            return Optional.of(token.group(1).toLowerCase(Locale.ROOT));
        }
        return polarity(sentence, topic);
    }

    static Optional<String> inText(String text, boolean cutOff, QuestionTopic topic) {
        Optional<String> leading = leading(text);
        if (leading.isPresent()) {
            return leading;
        }
        List<String> sentences = AnswerText.sentences(text);
        if (sentences.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> said = token(sentences.get(sentences.size() - 1)).or(() -> leading(sentences.get(sentences.size() - 1)));
        if (said.isPresent()) {
            return said;
        }
        String lastSaid = null;
        for (String sentence : sentences) {
            Optional<String> token = token(sentence);
            if (token.isPresent()) {
                lastSaid = token.get();
            }
        }
        if (lastSaid != null) {
            return Optional.of(lastSaid);
        }
        if (cutOff) {
            return Optional.empty();
        }
        List<String> onTopic = sentences.stream().filter(topic::mentionedIn).toList();
        return onTopic.stream().filter(s -> CONCLUSION.matcher(s).find())
                .reduce((first, second) -> second)
                .or(() -> onTopic.stream().filter(s -> ABSENCE.matcher(s).find()).findFirst())
                .or(() -> onTopic.stream().findFirst())
                .flatMap(sentence -> polarity(sentence, topic));
    }

    private static Optional<String> leading(String text) {
        Matcher m = LEADING.matcher(AnswerText.clean(text));
        if (!m.find()) {
            return Optional.empty();
        }
        String word = m.group(1).toLowerCase(Locale.ROOT);
        boolean yes = word.equals("yes") || word.equals("yeah") || word.equals("yep") || word.equals("correct")
                || word.equals("true");
        return Optional.of(yes ? "yes" : "no");
    }

    private static Optional<String> token(String sentence) {
        Matcher token = TOKEN.matcher(sentence);
        String found = null;
        while (token.find()) {
            String word = token.group(1).toLowerCase(Locale.ROOT);
            if (found != null && !found.equals(word)) {
                return Optional.empty();
            }
            found = word;
        }
        return Optional.ofNullable(found);
    }

    /**
     * A statement's sense about what the question asks: denied → no, affirmed → yes; a hedge, a refusal or a
     * statement about something else → neither. The clauses that mention the question's words decide, so "a knife
     * but no fork" affirms the knife and denies the fork.
     */
    private static Optional<String> polarity(String sentence, QuestionTopic topic) {
        boolean unseen = UNSEEN_OBJECT.matcher(sentence).find();
        if (!topic.mentionedIn(sentence) || HEDGE.matcher(sentence).find() || (!unseen && AnswerText.refuses(sentence))
                || sentence.endsWith("?")) {
            return Optional.empty();
        }
        boolean denied = topic.clausesMentioning(sentence).stream()
                .anyMatch(clause -> UNSEEN_OBJECT.matcher(clause).find() || NEGATION.matcher(clause).find());
        return Optional.of(denied ? "no" : "yes");
    }
}
