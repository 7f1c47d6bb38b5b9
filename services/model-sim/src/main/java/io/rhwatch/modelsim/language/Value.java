package io.rhwatch.modelsim.language;

/** What a question asks for, computed from a perceived scene. */
public sealed interface Value {

    record Number(int value) implements Value {
        @Override
        public String toString() {
            return Integer.toString(value);
        }
    }

    record YesNo(boolean yes) implements Value {
        @Override
        public String toString() {
            return yes ? "yes" : "no";
        }
    }

    /** A colour or shape name, answered by picking the matching choice. */
    record Word(String word) implements Value {
        @Override
        public String toString() {
            return word;
        }
    }
}
