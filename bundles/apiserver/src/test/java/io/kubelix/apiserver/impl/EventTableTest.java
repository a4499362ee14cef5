package io.kubelix.apiserver.impl;

import static io.kubelix.apiserver.impl.Tables.assertCell;
import static io.kubelix.apiserver.impl.Tables.headers;
import static io.kubelix.apiserver.impl.Tables.minutesAgo;
import static io.kubelix.apiserver.impl.Tables.wideHeaders;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTableTest {
    private static final List<String> COLUMNS = List.of("Last Seen", "Type", "Reason", "Object", "Subobject", "Source",
            "Message", "First Seen", "Count", "Name");

    @Test
    void coreEventsShowWhatHappenedToWhichObject() {
        JsonObject table = Tables.print("", "v1", "events", """
                {"metadata": {"name": "web-1.17a"}, "type": "Warning", "reason": "BackOff",
                 "message": "Back-off restarting failed container\\n",
                 "involvedObject": {"kind": "Pod", "name": "web-1", "fieldPath": "spec.containers{app}"},
                 "source": {"component": "kubelet", "host": "node-1"},
                 "firstTimestamp": "%s", "lastTimestamp": "%s", "count": 7}""".formatted(minutesAgo(50), minutesAgo(20)));
        assertEquals(COLUMNS, headers(table));
        assertEquals(List.of("Subobject", "Source", "First Seen", "Count", "Name"), wideHeaders(table));
        assertEquals("name", Tables.definition(table, "Name").get("format").getAsString());
        assertCell("20m", table, "Last Seen");
        assertCell("Warning", table, "Type");
        assertCell("BackOff", table, "Reason");
        assertCell("pod/web-1", table, "Object");
        assertCell("spec.containers{app}", table, "Subobject");
        assertCell("kubelet, node-1", table, "Source");
        assertCell("Back-off restarting failed container", table, "Message");
        assertCell("50m", table, "First Seen");
        assertCell(7, table, "Count");
        assertCell("web-1.17a", table, "Name");
    }

    @Test
    void eventsWithOnlyAnEventTimeOrASeriesStillShowWhenAndHowOften() {
        JsonObject single = Tables.print("", "v1", "events", """
                {"metadata": {"name": "e"}, "eventTime": "%s", "reportingController": "kubelix/scheduler",
                 "involvedObject": {"kind": "Node"}}""".formatted(minutesAgo(25)));
        assertCell("25m", single, "Last Seen");
        assertCell("25m", single, "First Seen");
        assertCell(1, single, "Count");
        assertCell("node", single, "Object");
        assertCell("kubelix/scheduler", single, "Source");
        JsonObject series = Tables.print("", "v1", "events", """
                {"metadata": {"name": "e"}, "eventTime": "%s", "series": {"count": 12, "lastObservedTime": "%s"}}"""
                .formatted(minutesAgo(90), minutesAgo(11)));
        assertCell("11m", series, "Last Seen");
        assertCell(12, series, "Count");
    }

    @Test
    void eventsApiEventsPrintTheSameColumnsFromTheirOwnFields() {
        JsonObject table = Tables.print("events.k8s.io", "v1", "events", """
                {"metadata": {"name": "web.1"}, "type": "Normal", "reason": "Scheduled", "note": "Assigned web to node-2",
                 "regarding": {"kind": "Pod", "name": "web", "fieldPath": ""}, "eventTime": "%s",
                 "reportingController": "default-scheduler", "reportingInstance": "sched-1", "deprecatedCount": 2}"""
                .formatted(minutesAgo(14)));
        assertEquals(COLUMNS, headers(table));
        assertCell("14m", table, "Last Seen");
        assertCell("pod/web", table, "Object");
        assertCell("Assigned web to node-2", table, "Message");
        assertCell("default-scheduler, sched-1", table, "Source");
        assertCell(2, table, "Count");
    }
}
