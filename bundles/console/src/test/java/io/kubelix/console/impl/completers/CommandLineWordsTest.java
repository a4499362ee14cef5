package io.kubelix.console.impl.completers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CommandLineWordsTest {
    @Test
    void theTypeIsTheFirstPositionalWordOptionsAndTheirValuesAside() {
        String[] line = {"kube:get", "-n", "shop", "-o", "wide", "pods", "we"};
        CommandLineWords words = new CommandLineWords(line, 6);
        assertEquals("pods", words.type());
        assertEquals("shop", words.namespace());
    }

    @Test
    void optionsWithEqualsAndFlagsTakeNoExtraWord() {
        String[] line = {"kube:get", "--namespace=prod", "-A", "deploy", ""};
        CommandLineWords words = new CommandLineWords(line, 4);
        assertEquals("deploy", words.type());
        assertEquals("prod", words.namespace());
    }

    @Test
    void onlyWordsBeforeTheCursorCount() {
        CommandLineWords words = new CommandLineWords(new String[] {"kube:get", "po", "x"}, 1);
        assertNull(words.type());
        assertNull(words.namespace());
    }
}
