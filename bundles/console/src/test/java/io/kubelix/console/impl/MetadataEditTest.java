package io.kubelix.console.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubelix.api.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataEditTest {
    @Test
    void setsAndRemovalsAreSeparated() {
        MetadataEdit edit = MetadataEdit.parse(List.of("app=shop", "tier-", "empty=", "url=http://x?a=b"), "label");
        assertEquals(Map.of("app", "shop", "empty", "", "url", "http://x?a=b"), edit.set());
        assertEquals(List.of("tier"), edit.remove());
    }

    @Test
    void editsAreToldApartFromObjectNames() {
        assertTrue(MetadataEdit.isEdit("app=shop"));
        assertTrue(MetadataEdit.isEdit("app-"));
        assertFalse(MetadataEdit.isEdit("web"));
        assertFalse(MetadataEdit.isEdit("-"));
    }

    @Test
    void badArgumentsSayWhatIsExpected() {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> MetadataEdit.parse(List.of("=x"), "label"));
        assertTrue(empty.getMessage().contains("use KEY=VALUE to set or KEY- to remove"), empty.getMessage());
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> MetadataEdit.parse(List.of("a=1", "a-"), "annotation"));
        assertEquals("can not both modify and remove the annotation \"a\" in the same command", both.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MetadataEdit.parse(List.of(), "label"));
    }

    @Test
    void onlyChangedValuesConflict() {
        MetadataEdit edit = MetadataEdit.parse(List.of("a=1", "b=2", "c=3"), "label");
        assertEquals(List.of("b"), edit.conflicts(Map.of("a", "1", "b", "old")));
    }

    @Test
    void theMergePatchNullsRemovedKeys() {
        MetadataEdit edit = MetadataEdit.parse(List.of("a=1", "gone-"), "label");
        assertEquals(Json.parseObject("{\"metadata\":{\"labels\":{\"a\":\"1\",\"gone\":null}}}"),
                Json.parseObject(edit.mergePatch("labels")));
    }
}
