package io.kubelix.apiserver.impl.protobuf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.kubernetes.client.proto.Meta;
import org.junit.jupiter.api.Test;

class ProtoJsonTest {

    @Test
    void durationsAreWrittenAsGoWritesThem() {
        assertEquals("0s", ProtoJson.goDuration(0));
        assertEquals("1h0m0s", ProtoJson.goDuration(3_600_000_000_000L));
        assertEquals("1m30s", ProtoJson.goDuration(90_000_000_000L));
        assertEquals("1h0m1s", ProtoJson.goDuration(3_601_000_000_000L));
        assertEquals("1.5s", ProtoJson.goDuration(1_500_000_000L));
        assertEquals("2m0.25s", ProtoJson.goDuration(120_250_000_000L));
        assertEquals("250ms", ProtoJson.goDuration(250_000_000L));
        assertEquals("1.5µs", ProtoJson.goDuration(1_500L));
        assertEquals("7ns", ProtoJson.goDuration(7));
        assertEquals("-5m0s", ProtoJson.goDuration(-300_000_000_000L));
        assertEquals("26h3m4s", ProtoJson.goDuration((26 * 3600 + 3 * 60 + 4) * 1_000_000_000L));
    }

    /** The special types are recognised by these names; a renamed field would make them unreadable. */
    @Test
    void specialTypesHaveTheFieldsTheWalkReads() {
        assertNotNull(Meta.Duration.getDescriptor().findFieldByName("duration"));
        assertNotNull(Meta.FieldsV1.getDescriptor().findFieldByName("Raw"));
        assertEquals("k8s.io.apimachinery.pkg.apis.meta.v1.Duration", Meta.Duration.getDescriptor().getFullName());
        assertEquals("k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime", Meta.MicroTime.getDescriptor().getFullName());
    }
}
