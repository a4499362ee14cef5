package io.kubelix.console.impl.completers;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the words typed before the cursor of a {@code kube:} command line: the positional
 * arguments (type, names) and the namespace option, skipping other options and their values.
 */
public final class CommandLineWords {
    /** Options of the kube commands that take a value as the next word. */
    private static final Set<String> OPTIONS_WITH_VALUE = Set.of("-n", "--namespace", "-l", "--selector",
            "--field-selector", "-o", "--output", "-f", "--filename", "--replicas");

    private final List<String> positional = new ArrayList<>();
    private String namespace;

    /**
     * @param words       every word of the line, the command's name first
     * @param cursorIndex the index of the word being completed; only the words before it count
     */
    public CommandLineWords(String[] words, int cursorIndex) {
        int end = Math.min(cursorIndex, words.length);
        for (int i = 1; i < end; i++) {
            String word = words[i];
            if (word.startsWith("-") && word.length() > 1) {
                int eq = word.indexOf('=');
                String option = eq > 0 ? word.substring(0, eq) : word;
                String value = eq > 0 ? word.substring(eq + 1) : (i + 1 < end ? words[i + 1] : null);
                if (option.equals("-n") || option.equals("--namespace")) {
                    namespace = value;
                }
                if (eq < 0 && OPTIONS_WITH_VALUE.contains(option)) {
                    i++;
                }
            } else {
                positional.add(word);
            }
        }
    }

    /** The type typed as first argument, or null. */
    public String type() {
        return positional.isEmpty() ? null : positional.get(0);
    }

    /** The -n value typed, or null. */
    public String namespace() {
        return namespace;
    }
}
