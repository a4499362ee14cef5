package io.kubelix.console.impl.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AgeTest {
    private static String age(long seconds) {
        return Age.format(Duration.ofSeconds(seconds));
    }

    @Test
    void youngObjectsAreShownToTheSecond() {
        assertEquals("0s", age(0));
        assertEquals("45s", age(45));
        assertEquals("119s", age(119));
        assertEquals("2m", age(120));
        assertEquals("3m20s", age(200));
        assertEquals("9m59s", age(599));
    }

    @Test
    void olderObjectsLoseTheSmallerUnit() {
        assertEquals("10m", age(600));
        assertEquals("179m", age(179 * 60 + 59));
        assertEquals("3h", age(3 * 3600));
        assertEquals("5h", age(5 * 3600));
        assertEquals("7h59m", age(8 * 3600 - 1));
        assertEquals("8h", age(8 * 3600));
        assertEquals("47h", age(48 * 3600 - 1));
        assertEquals("2d", age(48 * 3600));
        assertEquals("2d3h", age(51 * 3600));
        assertEquals("7d23h", age(8 * 24 * 3600 - 1));
        assertEquals("8d", age(8 * 24 * 3600));
        assertEquals("729d", age(729L * 24 * 3600));
        assertEquals("2y", age(730L * 24 * 3600));
        assertEquals("3y20d", age((3 * 365 + 20L) * 24 * 3600));
        assertEquals("10y", age(3650L * 24 * 3600));
    }

    @Test
    void clockSkewAndMissingTimestamps() {
        assertEquals("0s", Age.format(Duration.ofMillis(-500)));
        assertEquals("<invalid>", age(-10));
        Instant now = Instant.parse("2026-01-02T03:04:05Z");
        assertEquals("3m20s", Age.since("2026-01-02T03:00:45Z", now));
        assertEquals("<unknown>", Age.since(null, now));
        assertEquals("<unknown>", Age.since("yesterday", now));
    }
}
