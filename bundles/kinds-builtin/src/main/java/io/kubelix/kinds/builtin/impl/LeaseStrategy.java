package io.kubelix.kinds.builtin.impl;

import com.google.gson.JsonObject;
import io.kubelix.api.resource.FieldError;
import io.kubelix.api.resource.ResourceStrategy;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** coordination.k8s.io/v1 Lease: leader election and node heartbeats. */
final class LeaseStrategy implements ResourceStrategy {
    @Override
    public List<FieldError> validateCreate(JsonObject lease) {
        Problems p = new Problems();
        JsonObject spec = p.object(lease, "spec", "spec");
        p.string(spec, "holderIdentity", "spec.holderIdentity");
        p.positive("spec.leaseDurationSeconds", p.int32(spec, "leaseDurationSeconds", "spec.leaseDurationSeconds"));
        p.nonNegative("spec.leaseTransitions", p.int32(spec, "leaseTransitions", "spec.leaseTransitions"));
        for (String field : List.of("acquireTime", "renewTime")) {
            String time = p.string(spec, field, "spec." + field);
            if (time != null) {
                try {
                    OffsetDateTime.parse(time);
                } catch (DateTimeParseException e) {
                    p.invalid("spec." + field, time,
                            "must be an RFC 3339 time with microseconds, such as 2024-05-01T10:00:00.000000Z");
                }
            }
        }
        return p.list();
    }
}
