package io.kubelix.kinds.builtin.impl;

import static io.kubelix.kinds.builtin.impl.Problems.child;
import static io.kubelix.kinds.builtin.impl.Problems.index;

import com.google.gson.JsonObject;
import io.kubelix.api.resource.FieldError;
import io.kubelix.api.resource.ResourceStrategy;
import io.kubelix.api.selector.LabelSelector;
import java.util.List;

/** rbac.authorization.k8s.io/v1: Role, ClusterRole, RoleBinding, ClusterRoleBinding. */
final class RbacStrategies {
    static final String GROUP = "rbac.authorization.k8s.io";
    static final List<String> SUBJECT_KINDS = List.of("ServiceAccount", "User", "Group");

    private RbacStrategies() {
    }

    /** RBAC objects have no spec and no generation. */
    private abstract static class RbacStrategy implements ResourceStrategy {
        @Override
        public List<String> specFields() {
            return List.of();
        }

        /** RBAC names are path segments: {@code system:aggregate-to-admin} is a valid ClusterRole name. */
        @Override
        public List<String> validateName(String name) {
            if (name.equals(".") || name.equals("..")) {
                return List.of("may not be '" + name + "'");
            }
            List<String> problems = new java.util.ArrayList<>();
            if (name.contains("/")) {
                problems.add("may not contain '/'");
            }
            if (name.contains("%")) {
                problems.add("may not contain '%'");
            }
            return problems;
        }
    }

    // ------------------------------------------------------------------ Role, ClusterRole

    static final class Roles extends RbacStrategy {
        private final boolean namespaced;

        Roles(boolean namespaced) {
            this.namespaced = namespaced;
        }

        @Override
        public List<FieldError> validateCreate(JsonObject role) {
            Problems p = new Problems();
            List<JsonObject> rules = p.objects(role, "rules", "rules");
            for (int i = 0; i < rules.size(); i++) {
                validateRule(rules.get(i), index("rules", i), namespaced, p);
            }
            if (!namespaced) {
                JsonObject aggregation = p.object(role, "aggregationRule", "aggregationRule");
                List<JsonObject> selectors = p.objects(aggregation, "clusterRoleSelectors",
                        "aggregationRule.clusterRoleSelectors");
                for (int i = 0; i < selectors.size(); i++) {
                    p.addAll(LabelSelector.validate(selectors.get(i), index("aggregationRule.clusterRoleSelectors", i)));
                }
            }
            return p.list();
        }

        private static void validateRule(JsonObject rule, String path, boolean namespaced, Problems p) {
            if (p.strings(rule, "verbs", child(path, "verbs")).isEmpty()) {
                p.required(child(path, "verbs"), "verbs must contain at least one value");
            }
            List<String> urls = p.strings(rule, "nonResourceURLs", child(path, "nonResourceURLs"));
            List<String> groups = p.strings(rule, "apiGroups", child(path, "apiGroups"));
            List<String> resources = p.strings(rule, "resources", child(path, "resources"));
            List<String> names = p.strings(rule, "resourceNames", child(path, "resourceNames"));
            if (!urls.isEmpty()) {
                if (namespaced) {
                    p.invalid(child(path, "nonResourceURLs"), JsonFields.shown(rule.get("nonResourceURLs")),
                            "namespaced rules cannot apply to non-resource URLs");
                }
                if (!groups.isEmpty() || !resources.isEmpty() || !names.isEmpty()) {
                    p.invalid(child(path, "nonResourceURLs"), JsonFields.shown(rule.get("nonResourceURLs")),
                            "rules cannot apply to both regular resources and non-resource URLs");
                }
                return;
            }
            if (groups.isEmpty()) {
                p.required(child(path, "apiGroups"), "resource rules must supply at least one api group");
            }
            if (resources.isEmpty()) {
                p.required(child(path, "resources"), "resource rules must supply at least one resource");
            }
        }
    }

    // ------------------------------------------------------------------ RoleBinding, ClusterRoleBinding

    static final class Bindings extends RbacStrategy {
        private final boolean namespaced;

        Bindings(boolean namespaced) {
            this.namespaced = namespaced;
        }

        @Override
        public void applyDefaults(JsonObject binding) {
            for (JsonObject subject : JsonFields.objects(binding, "subjects")) {
                if (!subject.has("apiGroup")) {
                    String kind = JsonFields.stringOrEmpty(subject, "kind");
                    if (kind.equals("ServiceAccount")) {
                        subject.addProperty("apiGroup", "");
                    } else if (kind.equals("User") || kind.equals("Group")) {
                        subject.addProperty("apiGroup", GROUP);
                    }
                }
            }
        }

        @Override
        public List<FieldError> validateCreate(JsonObject binding) {
            Problems p = new Problems();
            JsonObject roleRef = p.object(binding, "roleRef", "roleRef");
            if (roleRef == null) {
                p.required("roleRef");
            } else {
                String group = p.stringOrEmpty(roleRef, "apiGroup", "roleRef.apiGroup");
                if (!group.equals(GROUP)) {
                    p.notSupported("roleRef.apiGroup", group, List.of(GROUP));
                }
                String kind = p.stringOrEmpty(roleRef, "kind", "roleRef.kind");
                List<String> kinds = namespaced ? List.of("Role", "ClusterRole") : List.of("ClusterRole");
                if (!kinds.contains(kind)) {
                    p.notSupported("roleRef.kind", kind, kinds);
                }
                String name = p.stringOrEmpty(roleRef, "name", "roleRef.name");
                if (name.isEmpty()) {
                    p.required("roleRef.name");
                } else {
                    pathSegmentName("roleRef.name", name, p);
                }
            }
            List<JsonObject> subjects = p.objects(binding, "subjects", "subjects");
            for (int i = 0; i < subjects.size(); i++) {
                validateSubject(subjects.get(i), index("subjects", i), p);
            }
            return p.list();
        }

        private void validateSubject(JsonObject subject, String path, Problems p) {
            String name = p.stringOrEmpty(subject, "name", child(path, "name"));
            if (name.isEmpty()) {
                p.required(child(path, "name"));
            }
            String kind = p.stringOrEmpty(subject, "kind", child(path, "kind"));
            String group = p.stringOrEmpty(subject, "apiGroup", child(path, "apiGroup"));
            switch (kind) {
                case "ServiceAccount" -> {
                    if (!name.isEmpty()) {
                        p.dns1123Subdomain(child(path, "name"), name);
                    }
                    if (!group.isEmpty()) {
                        p.notSupported(child(path, "apiGroup"), group, List.of(""));
                    }
                    if (!namespaced && JsonFields.stringOrEmpty(subject, "namespace").isEmpty()) {
                        p.required(child(path, "namespace"));
                    }
                }
                case "User", "Group" -> {
                    if (!group.equals(GROUP)) {
                        p.notSupported(child(path, "apiGroup"), group, List.of(GROUP));
                    }
                }
                default -> p.notSupported(child(path, "kind"), kind, SUBJECT_KINDS);
            }
        }

        @Override
        public List<FieldError> validateUpdate(JsonObject binding, JsonObject old) {
            Problems p = new Problems();
            p.addAll(validateCreate(binding));
            if (JsonFields.firstDifference(old.get("roleRef"), binding.get("roleRef"), "roleRef") != null) {
                p.invalid("roleRef", JsonFields.shown(binding.get("roleRef")), "cannot change roleRef");
            }
            return p.list();
        }
    }

    /** RBAC names are path segments: "system:controller:x" is fine, "a/b" is not. */
    static void pathSegmentName(String path, String name, Problems p) {
        if (name.equals(".") || name.equals("..")) {
            p.invalid(path, name, "may not be '" + name + "'");
        } else if (name.contains("/") || name.contains("%")) {
            p.invalid(path, name, "may not contain '/' or '%'");
        }
    }
}
