package io.kubelix.apiserver.impl.printers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubelix.api.json.Json;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CellsTest {
    @Test
    void durationsReadLikeKubectls() {
        assertEquals("0s", Cells.humanDuration(Duration.ofMillis(-500)));
        assertEquals("<invalid>", Cells.humanDuration(Duration.ofSeconds(-5)));
        assertEquals("45s", Cells.humanDuration(Duration.ofSeconds(45)));
        assertEquals("119s", Cells.humanDuration(Duration.ofSeconds(119)));
        assertEquals("3m20s", Cells.humanDuration(Duration.ofSeconds(200)));
        assertEquals("5m", Cells.humanDuration(Duration.ofMinutes(5)));
        assertEquals("42m", Cells.humanDuration(Duration.ofMinutes(42).plusSeconds(30)));
        assertEquals("3h", Cells.humanDuration(Duration.ofHours(3)));
        assertEquals("5h10m", Cells.humanDuration(Duration.ofMinutes(310)));
        assertEquals("20h", Cells.humanDuration(Duration.ofHours(20).plusMinutes(59)));
        assertEquals("2d3h", Cells.humanDuration(Duration.ofHours(51)));
        assertEquals("30d", Cells.humanDuration(Duration.ofDays(30)));
        assertEquals("2y20d", Cells.humanDuration(Duration.ofDays(2 * 365 + 20)));
        assertEquals("9y", Cells.humanDuration(Duration.ofDays(9 * 365 + 100)));
    }

    @Test
    void ageOfAMissingOrUnreadableTimestampIsUnknown() {
        assertEquals("<unknown>", Cells.age(null));
        assertEquals("<unknown>", Cells.age(""));
        assertEquals("<unknown>", Cells.age("last tuesday"));
    }

    @Test
    void labelSelectorsPrintInSelectorSyntaxSortedByKey() {
        assertEquals("app=web,env notin (dev,test),tier", Cells.labelSelector(Json.parseObject("""
                {"matchLabels": {"app": "web"}, "matchExpressions": [
                  {"key": "tier", "operator": "Exists"}, {"key": "env", "operator": "NotIn", "values": ["test", "dev"]}]}""")));
        assertEquals("<none>", Cells.labelSelector(null));
        assertEquals("<none>", Cells.labelSelector(Json.parseObject("{}")));
        assertEquals("<error>", Cells.labelSelector(Json.parseObject("""
                {"matchExpressions": [{"key": "a", "operator": "Like", "values": ["b"]}]}""")));
    }

    @Test
    void labelMapsAreSortedAndEmptyIsNone() {
        assertEquals("a=1,b=2", Cells.labels(Json.parseObject("{\"b\": \"2\", \"a\": \"1\"}")));
        assertEquals("<none>", Cells.labels(Json.parseObject("{}")));
        assertEquals("<none>", Cells.labels(null));
    }
}
