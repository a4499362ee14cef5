package io.kubelix.console.impl;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Option;

/**
 * Karaf reads options only before the first argument; kubectl users write them anywhere
 * ({@code kube:get pods -n shop}). This takes the options Karaf left among the arguments and sets
 * the command's {@link Option} fields from them, as Karaf would have.
 */
final class TrailingOptions {
    private TrailingOptions() {
    }

    static void apply(Object command) {
        for (Field argumentField : fields(command.getClass())) {
            if (argumentField.getAnnotation(Argument.class) == null || argumentField.getType() != List.class) {
                continue;
            }
            List<String> values = read(argumentField, command);
            if (values == null) {
                continue;
            }
            List<String> remaining = new ArrayList<>();
            Iterator<String> words = values.iterator();
            while (words.hasNext()) {
                String word = words.next();
                Field option = word.startsWith("-") && word.length() > 1 ? option(command.getClass(), word) : null;
                if (option == null) {
                    remaining.add(word);
                    continue;
                }
                int eq = word.indexOf('=');
                if (option.getType() == boolean.class) {
                    set(option, command, eq > 0 ? Boolean.parseBoolean(word.substring(eq + 1)) : Boolean.TRUE);
                } else if (eq > 0) {
                    set(option, command, word.substring(eq + 1));
                } else if (words.hasNext()) {
                    set(option, command, words.next());
                } else {
                    throw new IllegalArgumentException("the option " + word + " needs a value");
                }
            }
            set(argumentField, command, remaining.isEmpty() ? null : remaining);
        }
    }

    private static Field option(Class<?> type, String word) {
        int eq = word.indexOf('=');
        String name = eq > 0 ? word.substring(0, eq) : word;
        for (Field f : fields(type)) {
            Option option = f.getAnnotation(Option.class);
            if (option != null && (option.name().equals(name) || List.of(option.aliases()).contains(name))) {
                return f;
            }
        }
        return null;
    }

    private static List<Field> fields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            fields.addAll(List.of(c.getDeclaredFields()));
        }
        return fields;
    }

    @SuppressWarnings("unchecked")
    private static List<String> read(Field field, Object target) {
        try {
            field.setAccessible(true);
            return (List<String>) field.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void set(Field field, Object target, Object value) {
        try {
            field.setAccessible(true);
            field.set(target, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
