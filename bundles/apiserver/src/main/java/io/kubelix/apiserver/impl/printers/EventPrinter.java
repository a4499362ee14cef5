package io.kubelix.apiserver.impl.printers;

import static io.kubelix.apiserver.impl.printers.Cells.str;

import com.google.gson.JsonObject;
import java.util.Locale;

/**
 * Events of core/v1 and of events.k8s.io/v1 print alike: LAST SEEN TYPE REASON OBJECT MESSAGE, and
 * with -o wide SUBOBJECT SOURCE FIRST SEEN COUNT NAME. The two versions name the same facts
 * differently (involvedObject or regarding, message or note, ...), {@link Fields} says where.
 */
final class EventPrinter {
    /** Where a version of Event keeps each fact the columns show. */
    record Fields(String regarding, String message, String firstTimestamp, String lastTimestamp, String count,
            String source) {
    }

    static final Fields CORE = new Fields("involvedObject", "message", "firstTimestamp", "lastTimestamp", "count",
            "source");
    static final Fields EVENTS_V1 = new Fields("regarding", "note", "deprecatedFirstTimestamp",
            "deprecatedLastTimestamp", "deprecatedCount", "deprecatedSource");

    private EventPrinter() {
    }

    static KindTable table(Fields f) {
        return KindTable.of(
                Column.text("Last Seen", "How long ago the event last happened.", o -> lastSeen(o, f)),
                Column.text("Type", "Normal or Warning.", o -> Cells.orEmpty(str(o, "type"))),
                Column.text("Reason", "Why the event happened, in one word.", o -> Cells.orEmpty(str(o, "reason"))),
                Column.text("Object", "The object the event is about.", o -> target(o, f)),
                Column.text("Subobject", "The part of the object the event is about, such as a container.",
                        o -> Cells.orEmpty(str(o, f.regarding() + ".fieldPath"))).wide(),
                Column.text("Source", "The component (and host) that reported the event.", o -> source(o, f)).wide(),
                Column.text("Message", "What happened.", o -> Cells.orEmpty(str(o, f.message())).strip()),
                Column.text("First Seen", "How long ago the event first happened.", o -> firstSeen(o, f)).wide(),
                Column.text("Count", "How often the event happened.", o -> count(o, f)).wide(),
                new Column("Name", "string", "name", "The event's name.", 1, Cells::name));
    }

    private static String firstSeen(JsonObject event, Fields f) {
        String first = str(event, f.firstTimestamp());
        return Cells.age(first != null && !first.isEmpty() ? first : str(event, "eventTime"));
    }

    private static String lastSeen(JsonObject event, Fields f) {
        if (Cells.object(event, "series") != null) {
            return Cells.age(str(event, "series.lastObservedTime"));
        }
        String last = str(event, f.lastTimestamp());
        return last != null && !last.isEmpty() ? Cells.age(last) : firstSeen(event, f);
    }

    /** Series events count in the series; a singleton event without a count happened once. */
    private static long count(JsonObject event, Fields f) {
        if (Cells.object(event, "series") != null) {
            return Cells.integer(event, "series.count", 0);
        }
        long count = Cells.integer(event, f.count(), 0);
        return count == 0 ? 1 : count;
    }

    private static String target(JsonObject event, Fields f) {
        String kind = Cells.orEmpty(str(event, f.regarding() + ".kind")).toLowerCase(Locale.ROOT);
        String name = str(event, f.regarding() + ".name");
        return name == null || name.isEmpty() ? kind : kind + "/" + name;
    }

    private static String source(JsonObject event, Fields f) {
        String component = firstNonEmpty(str(event, f.source() + ".component"), str(event, "reportingController"));
        String host = firstNonEmpty(str(event, f.source() + ".host"), str(event, "reportingInstance"));
        return host.isEmpty() ? component : component + ", " + host;
    }

    private static String firstNonEmpty(String a, String b) {
        return a != null && !a.isEmpty() ? a : Cells.orEmpty(b);
    }
}
