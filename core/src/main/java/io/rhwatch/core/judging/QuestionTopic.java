package io.rhwatch.core.judging;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a yes/no question asks about: its content words, which a statement must all mention to answer it.
 * "Is there a dog in the image?" asks about {dog}; "Is the cup on the table?" about {cup, on, table}. A
 * statement that mentions them all answers the question, affirmed or denied ("There are no dogs here." is a
 * no); one that does not ("The image shows a cat." to "Is there a dog?") answers nothing, since leaving a
 * thing out of a description is not denying it. Without the question nothing is known to be asked, and no
 * statement answers it.
 *
 * @param words the content words, each as its {@link #lemma}
 */
record QuestionTopic(Set<String> words) {

    static final QuestionTopic UNKNOWN = new QuestionTopic(Set.of());

    // the picture itself is not what is asked about: "in the image", "in this photo"
    private static final Pattern IN_THE_PICTURE = Pattern.compile(
            "\\b(?:in|on|within|inside|of|from)\\s+(?:this|the|that)\\s+(?:image|picture|photo|photograph|figure|scene|diagram|chart|graph)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    // the question's scaffolding: auxiliaries, articles, asking and showing; spatial words ("on", "under") stay
    private static final Set<String> SCAFFOLDING = Set.of("is", "are", "was", "were", "am", "be", "been", "being", "do",
            "does", "did", "there", "here", "a", "an", "the", "any", "some", "this", "that", "these", "those", "it", "its",
            "they", "them", "their", "image", "picture", "photo", "photograph", "figure", "scene", "shown", "show", "shows",
            "depict", "depicts", "depicted", "visible", "present", "see", "seen", "can", "could", "you", "i", "we", "of",
            "to", "for", "with", "by", "from", "at", "have", "has", "had", "contain", "contains", "include", "includes",
            "yes", "no", "or", "and", "please", "answer", "question", "s", "t", "isn", "aren", "don", "doesn");
    private static final Map<String, String> IRREGULAR = Map.ofEntries(Map.entry("people", "person"),
            Map.entry("men", "man"), Map.entry("women", "woman"), Map.entry("children", "child"), Map.entry("mice", "mouse"),
            Map.entry("feet", "foot"), Map.entry("teeth", "tooth"), Map.entry("geese", "goose"), Map.entry("knives", "knife"),
            Map.entry("leaves", "leaf"), Map.entry("shelves", "shelf"), Map.entry("wolves", "wolf"),
            Map.entry("halves", "half"), Map.entry("loaves", "loaf"));
    // a person is mentioned as a man, a child, a skier: POPE asks about "person" most of all
    private static final Set<String> PERSON = Set.of("man", "woman", "boy", "girl", "child", "kid", "baby", "lady", "guy",
            "someone", "somebody", "anyone", "anybody", "nobody", "player", "pedestrian", "rider", "skier", "surfer",
            "skateboarder", "people", "human", "adult", "worker", "driver");
    private static final Pattern NO_ONE = Pattern.compile("\\bno[\\s-]one\\b", Pattern.CASE_INSENSITIVE);
    // where a sentence's clauses part: "a dog but no cat", "I don't see a bicycle; it shows a kitchen"
    private static final Pattern CLAUSE_BREAK = Pattern.compile(
            "[,;:\u2014]\\s*|\\s+(?:but|although|though|while|whereas|except|however)\\s+", Pattern.CASE_INSENSITIVE);

    static QuestionTopic of(String question) {
        if (question == null || question.isBlank()) {
            return UNKNOWN;
        }
        Set<String> words = new LinkedHashSet<>();
        for (String word : words(IN_THE_PICTURE.matcher(question).replaceAll(" "))) {
            if (!SCAFFOLDING.contains(word)) {
                words.add(lemma(word));
            }
        }
        return new QuestionTopic(Set.copyOf(words));
    }

    /** Every content word of the question occurs in {@code text}, in any number (dog, dogs). */
    boolean mentionedIn(String text) {
        if (words.isEmpty()) {
            return false;
        }
        return lemmasOf(text).containsAll(words);
    }

    /** The clauses of {@code sentence} that mention any of the question's content words. */
    List<String> clausesMentioning(String sentence) {
        List<String> clauses = new ArrayList<>();
        for (String clause : CLAUSE_BREAK.split(sentence)) {
            if (lemmasOf(clause).stream().anyMatch(words::contains)) {
                clauses.add(clause);
            }
        }
        return clauses;
    }

    /** The lemmas of a text's words, and "person" when it names one ("a man", "no one"). */
    private static Set<String> lemmasOf(String text) {
        Set<String> lemmas = new LinkedHashSet<>();
        words(NO_ONE.matcher(text).replaceAll("nobody")).forEach(word -> lemmas.add(lemma(word)));
        if (lemmas.stream().anyMatch(PERSON::contains)) {
            lemmas.add("person");
        }
        return lemmas;
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text.replace("'", " ").replace("\u2019", " "));
        while (m.find()) {
            words.add(m.group().toLowerCase(Locale.ROOT));
        }
        return words;
    }

    /** One form for a noun's singular and plural: dogs → dog, boxes → box, puppies → puppy, people → person. */
    static String lemma(String word) {
        if (IRREGULAR.containsKey(word)) {
            return IRREGULAR.get(word);
        }
        if (word.length() > 4 && word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.length() > 4 && (word.endsWith("ches") || word.endsWith("shes") || word.endsWith("sses")
                || word.endsWith("xes") || word.endsWith("zes"))) {
            return word.substring(0, word.length() - 2);
        }
        if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us") && !word.endsWith("is")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }
}
