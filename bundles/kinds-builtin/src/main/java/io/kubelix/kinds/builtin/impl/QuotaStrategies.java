package io.kubelix.kinds.builtin.impl;

import static io.kubelix.kinds.builtin.impl.Problems.child;
import static io.kubelix.kinds.builtin.impl.Problems.index;
import static io.kubelix.kinds.builtin.impl.Problems.key;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubelix.api.quantity.Quantity;
import io.kubelix.api.resource.FieldError;
import io.kubelix.api.resource.ResourceStrategy;
import java.util.List;
import java.util.Map;

/** Namespace resource limits: ResourceQuota and LimitRange (core/v1). */
final class QuotaStrategies {
    static final List<String> QUOTA_SCOPES = List.of("BestEffort", "CrossNamespacePodAffinity", "NotBestEffort",
            "NotTerminating", "PriorityClass", "Terminating", "VolumeAttributesClass");
    static final List<String> LIMIT_TYPES = List.of("Container", "Pod", "PersistentVolumeClaim");

    private QuotaStrategies() {
    }

    // ------------------------------------------------------------------ ResourceQuota

    static final class ResourceQuotas implements ResourceStrategy {
        @Override
        public List<FieldError> validateCreate(JsonObject quota) {
            Problems p = new Problems();
            JsonObject spec = p.object(quota, "spec", "spec");
            p.resourceList(spec, "hard", "spec.hard");
            List<String> scopes = p.strings(spec, "scopes", "spec.scopes");
            for (String scope : scopes) {
                if (!QUOTA_SCOPES.contains(scope)) {
                    p.notSupported("spec.scopes", scope, QUOTA_SCOPES);
                }
            }
            JsonObject status = p.object(quota, "status", "status");
            p.resourceList(status, "hard", "status.hard");
            p.resourceList(status, "used", "status.used");
            return p.list();
        }
    }

    // ------------------------------------------------------------------ LimitRange

    static final class LimitRanges implements ResourceStrategy {
        @Override
        public void applyDefaults(JsonObject limitRange) {
            for (JsonObject item : JsonFields.objects(JsonFields.object(limitRange, "spec"), "limits")) {
                if (!"Container".equals(JsonFields.string(item, "type"))) {
                    continue;
                }
                // A container limit defaults to the max; a request to the default limit, else the min.
                copyMissing(JsonFields.object(item, "max"), item, "default");
                copyMissing(JsonFields.object(item, "default"), item, "defaultRequest");
                copyMissing(JsonFields.object(item, "min"), item, "defaultRequest");
            }
        }

        private static void copyMissing(JsonObject from, JsonObject item, String field) {
            if (from == null || from.isEmpty()) {
                return;
            }
            JsonObject to = JsonFields.objectForWrite(item, field);
            if (to == null) {
                return;
            }
            for (Map.Entry<String, JsonElement> e : from.entrySet()) {
                if (!to.has(e.getKey())) {
                    to.add(e.getKey(), e.getValue().deepCopy());
                }
            }
        }

        @Override
        public List<FieldError> validateCreate(JsonObject limitRange) {
            Problems p = new Problems();
            JsonObject spec = p.object(limitRange, "spec", "spec");
            List<JsonObject> limits = p.objects(spec, "limits", "spec.limits");
            for (int i = 0; i < limits.size(); i++) {
                validateItem(limits.get(i), index("spec.limits", i), p);
            }
            return p.list();
        }

        private static void validateItem(JsonObject item, String path, Problems p) {
            String type = p.string(item, "type", child(path, "type"));
            p.oneOf(child(path, "type"), type, LIMIT_TYPES);
            Map<String, Quantity> max = p.resourceList(item, "max", child(path, "max"));
            Map<String, Quantity> min = p.resourceList(item, "min", child(path, "min"));
            Map<String, Quantity> def = p.resourceList(item, "default", child(path, "default"));
            Map<String, Quantity> defRequest = p.resourceList(item, "defaultRequest", child(path, "defaultRequest"));
            Map<String, Quantity> ratio = p.resourceList(item, "maxLimitRequestRatio", child(path, "maxLimitRequestRatio"));
            if ("Pod".equals(type)) {
                for (String field : List.of("default", "defaultRequest")) {
                    if (JsonFields.present(item, field)) {
                        p.forbidden(child(path, field), "may not be specified when `type` is 'Pod'");
                    }
                }
            }
            if ("PersistentVolumeClaim".equals(type)) {
                for (String field : List.of("min", "max")) {
                    JsonObject q = JsonFields.object(item, field);
                    if (q != null && !q.has("storage")) {
                        p.required(key(child(path, field), "storage"));
                    }
                }
            }
            JsonObject maxJson = JsonFields.object(item, "max");
            JsonObject minJson = JsonFields.object(item, "min");
            JsonObject defJson = JsonFields.object(item, "default");
            JsonObject reqJson = JsonFields.object(item, "defaultRequest");
            for (Map.Entry<String, Quantity> e : min.entrySet()) {
                String r = e.getKey();
                if (max.containsKey(r) && e.getValue().compareTo(max.get(r)) > 0) {
                    p.invalid(key(child(path, "min"), r), text(minJson, r),
                            "min value " + text(minJson, r) + " is greater than max value " + text(maxJson, r));
                }
                if (def.containsKey(r) && e.getValue().compareTo(def.get(r)) > 0) {
                    p.invalid(key(child(path, "default"), r), text(defJson, r),
                            "min value " + text(minJson, r) + " is greater than default value " + text(defJson, r));
                }
                if (defRequest.containsKey(r) && e.getValue().compareTo(defRequest.get(r)) > 0) {
                    p.invalid(key(child(path, "defaultRequest"), r), text(reqJson, r), "min value "
                            + text(minJson, r) + " is greater than default request value " + text(reqJson, r));
                }
            }
            for (Map.Entry<String, Quantity> e : def.entrySet()) {
                String r = e.getKey();
                if (max.containsKey(r) && e.getValue().compareTo(max.get(r)) > 0) {
                    p.invalid(key(child(path, "default"), r), text(defJson, r),
                            "default value " + text(defJson, r) + " is greater than max value " + text(maxJson, r));
                }
            }
            for (Map.Entry<String, Quantity> e : defRequest.entrySet()) {
                String r = e.getKey();
                if (max.containsKey(r) && e.getValue().compareTo(max.get(r)) > 0) {
                    p.invalid(key(child(path, "defaultRequest"), r), text(reqJson, r), "default request value "
                            + text(reqJson, r) + " is greater than max value " + text(maxJson, r));
                }
                if (def.containsKey(r) && e.getValue().compareTo(def.get(r)) > 0) {
                    p.invalid(key(child(path, "defaultRequest"), r), text(reqJson, r), "default request value "
                            + text(reqJson, r) + " is greater than default limit value " + text(defJson, r));
                }
            }
            JsonObject ratioJson = JsonFields.object(item, "maxLimitRequestRatio");
            for (Map.Entry<String, Quantity> e : ratio.entrySet()) {
                if (e.getValue().compareTo(Quantity.parse("1")) < 0) {
                    p.invalid(key(child(path, "maxLimitRequestRatio"), e.getKey()), text(ratioJson, e.getKey()),
                            "ratio " + text(ratioJson, e.getKey()) + " is less than 1");
                }
            }
        }

        private static String text(JsonObject list, String name) {
            return Problems.text(list, name);
        }
    }
}
