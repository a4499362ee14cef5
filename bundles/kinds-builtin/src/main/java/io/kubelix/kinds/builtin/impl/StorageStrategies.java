package io.kubelix.kinds.builtin.impl;

import static io.kubelix.kinds.builtin.impl.Problems.child;
import static io.kubelix.kinds.builtin.impl.Problems.index;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubelix.api.quantity.Quantity;
import io.kubelix.api.resource.FieldError;
import io.kubelix.api.resource.ResourceStrategy;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Storage: PersistentVolume, PersistentVolumeClaim (core/v1) and the storage.k8s.io kinds
 * StorageClass, CSIDriver, CSINode and VolumeAttachment.
 */
final class StorageStrategies {
    static final List<String> ACCESS_MODES = List.of("ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod");
    static final List<String> VOLUME_MODES = List.of("Block", "Filesystem");
    /** The volume sources a PersistentVolume may have; exactly one. */
    static final List<String> PV_SOURCES = List.of("awsElasticBlockStore", "azureDisk", "azureFile", "cephfs",
            "cinder", "csi", "fc", "flexVolume", "flocker", "gcePersistentDisk", "glusterfs", "hostPath", "iscsi",
            "local", "nfs", "photonPersistentDisk", "portworxVolume", "quobyte", "rbd", "scaleIO", "storageos",
            "vsphereVolume");

    private StorageStrategies() {
    }

    static void defaultClaimSpec(JsonObject claimSpec) {
        JsonFields.defaultString(claimSpec, "volumeMode", "Filesystem");
    }

    private static void accessModes(JsonObject spec, String path, Problems p) {
        List<String> modes = p.strings(spec, "accessModes", child(path, "accessModes"));
        if (modes.isEmpty()) {
            p.required(child(path, "accessModes"));
        }
        for (String mode : modes) {
            if (!ACCESS_MODES.contains(mode)) {
                p.notSupported(child(path, "accessModes"), mode, ACCESS_MODES);
            }
        }
        if (modes.contains("ReadWriteOncePod") && modes.size() > 1) {
            p.forbidden(child(path, "accessModes"), "may not use ReadWriteOncePod with other access modes");
        }
    }

    /** A claim's spec, in a PVC or in a StatefulSet's volumeClaimTemplates. */
    static void validateClaimSpec(JsonObject spec, String path, Problems p) {
        accessModes(spec, path, p);
        JsonObject resources = p.object(spec, "resources", child(path, "resources"));
        String requestsPath = child(path, "resources.requests");
        Map<String, Quantity> requests = p.resourceList(resources, "requests", requestsPath);
        JsonObject requestsJson = JsonFields.object(resources, "requests");
        if (requestsJson == null || !requestsJson.has("storage")) {
            p.required(Problems.key(child(path, "resources"), "storage"));
        } else {
            Quantity storage = requests.get("storage");
            if (storage != null && storage.value().signum() == 0) {
                p.invalid(Problems.key(requestsPath, "storage"), Problems.text(requestsJson, "storage"),
                        "must be greater than zero");
            }
        }
        p.resourceList(resources, "limits", child(path, "resources.limits"));
        p.optionalOneOf(child(path, "volumeMode"), p.string(spec, "volumeMode", child(path, "volumeMode")), VOLUME_MODES);
        String className = p.string(spec, "storageClassName", child(path, "storageClassName"));
        if (className != null && !className.isEmpty()) {
            p.dns1123Subdomain(child(path, "storageClassName"), className);
        }
        JsonObject selector = p.object(spec, "selector", child(path, "selector"));
        if (selector != null) {
            p.addAll(io.kubelix.api.selector.LabelSelector.validate(selector, child(path, "selector")));
        }
    }

    // ------------------------------------------------------------------ PersistentVolume

    static final class PersistentVolumes implements ResourceStrategy {
        @Override
        public void applyDefaults(JsonObject pv) {
            JsonObject spec = JsonFields.object(pv, "spec");
            JsonFields.defaultString(spec, "persistentVolumeReclaimPolicy", "Retain");
            JsonFields.defaultString(spec, "volumeMode", "Filesystem");
            JsonObject status = JsonFields.objectForWrite(pv, "status");
            JsonFields.defaultString(status, "phase", "Pending");
        }

        @Override
        public List<FieldError> validateCreate(JsonObject pv) {
            Problems p = new Problems();
            validate(pv, p);
            return p.list();
        }

        private static void validate(JsonObject pv, Problems p) {
            JsonObject spec = p.object(pv, "spec", "spec");
            if (spec == null) {
                spec = new JsonObject();
            }
            JsonObject capacity = p.object(spec, "capacity", "spec.capacity");
            if (capacity == null || capacity.isEmpty()) {
                p.required("spec.capacity");
            } else {
                for (String name : capacity.keySet()) {
                    if (!name.equals("storage")) {
                        p.notSupported("spec.capacity", name, List.of("storage"));
                    }
                }
                if (!capacity.has("storage")) {
                    p.required("spec.capacity[storage]");
                }
                p.resourceList(spec, "capacity", "spec.capacity");
            }
            accessModes(spec, "spec", p);
            p.optionalOneOf("spec.persistentVolumeReclaimPolicy",
                    p.string(spec, "persistentVolumeReclaimPolicy", "spec.persistentVolumeReclaimPolicy"),
                    List.of("Delete", "Recycle", "Retain"));
            p.optionalOneOf("spec.volumeMode", p.string(spec, "volumeMode", "spec.volumeMode"), VOLUME_MODES);
            String source = p.exactlyOne(spec, PV_SOURCES, "spec", "volume type");
            if (source == null) {
                return;
            }
            JsonObject s = p.object(spec, source, "spec." + source);
            String sPath = "spec." + source;
            switch (source) {
                case "hostPath", "local" -> required(s, "path", sPath, p);
                case "nfs" -> {
                    required(s, "server", sPath, p);
                    required(s, "path", sPath, p);
                }
                case "csi" -> {
                    required(s, "driver", sPath, p);
                    required(s, "volumeHandle", sPath, p);
                }
                default -> {
                }
            }
            if (source.equals("local") && !JsonFields.present(spec, "nodeAffinity")) {
                p.required("spec.nodeAffinity", "Local volume requires node affinity");
            }
        }

        @Override
        public List<FieldError> validateUpdate(JsonObject pv, JsonObject old) {
            Problems p = new Problems();
            validate(pv, p);
            JsonObject spec = JsonFields.object(pv, "spec");
            JsonObject oldSpec = JsonFields.object(old, "spec");
            if (spec != null && oldSpec != null) {
                for (String s : PV_SOURCES) {
                    if (!java.util.Objects.equals(spec.get(s), oldSpec.get(s))) {
                        p.forbidden("spec.persistentvolumesource", "spec.persistentvolumesource is forbidden once set");
                        break;
                    }
                }
                p.unchanged("spec.volumeMode", spec.get("volumeMode"), oldSpec.get("volumeMode"));
                if (oldSpec.has("nodeAffinity")) {
                    p.unchanged("spec.nodeAffinity", spec.get("nodeAffinity"), oldSpec.get("nodeAffinity"));
                }
            }
            return p.list();
        }
    }

    private static void required(JsonObject o, String field, String parent, Problems p) {
        if (JsonFields.stringOrEmpty(o, field).isEmpty()) {
            p.required(child(parent, field));
        }
    }

    // ------------------------------------------------------------------ PersistentVolumeClaim

    static final class PersistentVolumeClaims implements ResourceStrategy {
        @Override
        public void applyDefaults(JsonObject pvc) {
            defaultClaimSpec(JsonFields.object(pvc, "spec"));
            JsonFields.defaultString(JsonFields.objectForWrite(pvc, "status"), "phase", "Pending");
        }

        @Override
        public List<FieldError> validateCreate(JsonObject pvc) {
            Problems p = new Problems();
            JsonObject spec = p.object(pvc, "spec", "spec");
            validateClaimSpec(spec == null ? new JsonObject() : spec, "spec", p);
            return p.list();
        }

        /**
         * A claim is fixed once created (quota was charged for it), except its storage request,
         * which may grow, and the volume it binds to, which may be set once.
         */
        @Override
        public List<FieldError> validateUpdate(JsonObject pvc, JsonObject old) {
            List<FieldError> create = validateCreate(pvc);
            Problems p = new Problems();
            p.addAll(create);
            JsonObject spec = JsonFields.object(pvc, "spec");
            JsonObject oldSpec = JsonFields.object(old, "spec");
            if (spec == null || oldSpec == null) {
                return p.list();
            }
            JsonObject a = spec.deepCopy();
            JsonObject b = oldSpec.deepCopy();
            for (JsonObject s : List.of(a, b)) {
                JsonObject resources = JsonFields.object(s, "resources");
                if (resources != null) {
                    resources.remove("requests");
                }
                s.remove("volumeAttributesClassName");
            }
            if (JsonFields.stringOrEmpty(oldSpec, "volumeName").isEmpty()) {
                a.remove("volumeName");
                b.remove("volumeName");
            }
            if (!a.equals(b)) {
                p.forbidden("spec", "spec is immutable after creation except resources.requests and "
                        + "volumeAttributesClassName (and volumeName while unset)");
            }
            if ("Bound".equals(JsonFields.string(JsonFields.object(old, "status"), "phase")) && create.isEmpty()) {
                Quantity before = storage(oldSpec);
                Quantity after = storage(spec);
                if (before != null && after != null && after.compareTo(before) < 0) {
                    p.forbidden("spec.resources.requests.storage", "field can not be less than previous value");
                }
            }
            return p.list();
        }

        private static Quantity storage(JsonObject spec) {
            JsonElement e = JsonFields.object(JsonFields.object(spec, "resources"), "requests") == null ? null
                    : JsonFields.object(JsonFields.object(spec, "resources"), "requests").get("storage");
            String text = JsonFields.scalarText(e);
            try {
                return text == null ? null : Quantity.parse(text);
            } catch (IllegalArgumentException e2) {
                return null;
            }
        }
    }

    // ------------------------------------------------------------------ StorageClass

    static final class StorageClasses implements ResourceStrategy {
        @Override
        public List<String> specFields() {
            return List.of();
        }

        @Override
        public void applyDefaults(JsonObject sc) {
            JsonFields.defaultString(sc, "reclaimPolicy", "Delete");
            JsonFields.defaultString(sc, "volumeBindingMode", "Immediate");
        }

        @Override
        public List<FieldError> validateCreate(JsonObject sc) {
            Problems p = new Problems();
            String provisioner = p.stringOrEmpty(sc, "provisioner", "provisioner");
            if (provisioner.isEmpty()) {
                p.required("provisioner");
            } else {
                // "kubernetes.io/aws-ebs", "ebs.csi.aws.com": qualified names, compared case-insensitively
                p.qualifiedName("provisioner", provisioner.toLowerCase(java.util.Locale.ROOT));
            }
            p.stringMap(sc, "parameters", "parameters");
            p.optionalOneOf("reclaimPolicy", p.string(sc, "reclaimPolicy", "reclaimPolicy"), List.of("Delete", "Retain"));
            p.optionalOneOf("volumeBindingMode", p.string(sc, "volumeBindingMode", "volumeBindingMode"),
                    List.of("Immediate", "WaitForFirstConsumer"));
            p.bool(sc, "allowVolumeExpansion", "allowVolumeExpansion");
            p.strings(sc, "mountOptions", "mountOptions");
            return p.list();
        }

        @Override
        public List<FieldError> validateUpdate(JsonObject sc, JsonObject old) {
            Problems p = new Problems();
            p.addAll(validateCreate(sc));
            for (String field : List.of("parameters", "provisioner", "reclaimPolicy")) {
                JsonElement now = sc.get(field);
                JsonElement before = old.get(field);
                if (JsonFields.firstDifference(before, now, field) != null) {
                    p.forbidden(field, "updates to " + field + " are forbidden.");
                }
            }
            p.unchanged("volumeBindingMode", sc.get("volumeBindingMode"), old.get("volumeBindingMode"));
            return p.list();
        }
    }

    // ------------------------------------------------------------------ CSIDriver

    static final class CsiDrivers implements ResourceStrategy {
        @Override
        public void applyDefaults(JsonObject driver) {
            JsonObject spec = JsonFields.objectForWrite(driver, "spec");
            if (spec == null) {
                return;
            }
            JsonFields.defaultBoolean(spec, "attachRequired", true);
            JsonFields.defaultBoolean(spec, "podInfoOnMount", false);
            JsonFields.defaultBoolean(spec, "storageCapacity", false);
            JsonFields.defaultBoolean(spec, "requiresRepublish", false);
            JsonFields.defaultBoolean(spec, "seLinuxMount", false);
            JsonFields.defaultString(spec, "fsGroupPolicy", "ReadWriteOnceWithFSType");
            if (!JsonFields.present(spec, "volumeLifecycleModes")) {
                com.google.gson.JsonArray modes = new com.google.gson.JsonArray();
                modes.add("Persistent");
                spec.add("volumeLifecycleModes", modes);
            }
        }

        @Override
        public List<FieldError> validateCreate(JsonObject driver) {
            Problems p = new Problems();
            String name = io.kubelix.api.json.Objects.name(driver);
            if (name != null && name.length() > 63) {
                p.tooLong("metadata.name", 63);
            }
            JsonObject spec = p.object(driver, "spec", "spec");
            for (String flag : List.of("attachRequired", "podInfoOnMount", "storageCapacity", "requiresRepublish",
                    "seLinuxMount")) {
                p.bool(spec, flag, "spec." + flag);
            }
            p.optionalOneOf("spec.fsGroupPolicy", p.string(spec, "fsGroupPolicy", "spec.fsGroupPolicy"),
                    List.of("None", "File", "ReadWriteOnceWithFSType"));
            for (String mode : p.strings(spec, "volumeLifecycleModes", "spec.volumeLifecycleModes")) {
                p.oneOf("spec.volumeLifecycleModes", mode, List.of("Persistent", "Ephemeral"));
            }
            return p.list();
        }

        @Override
        public List<FieldError> validateUpdate(JsonObject driver, JsonObject old) {
            Problems p = new Problems();
            p.addAll(validateCreate(driver));
            JsonObject spec = JsonFields.object(driver, "spec");
            JsonObject oldSpec = JsonFields.object(old, "spec");
            for (String field : List.of("attachRequired", "volumeLifecycleModes")) {
                p.unchanged("spec." + field, spec == null ? null : spec.get(field),
                        oldSpec == null ? null : oldSpec.get(field));
            }
            return p.list();
        }
    }

    // ------------------------------------------------------------------ CSINode

    static final class CsiNodes implements ResourceStrategy {
        @Override
        public List<FieldError> validateCreate(JsonObject node) {
            Problems p = new Problems();
            JsonObject spec = p.object(node, "spec", "spec");
            List<JsonObject> drivers = p.objects(spec, "drivers", "spec.drivers");
            Set<String> names = new HashSet<>();
            for (int i = 0; i < drivers.size(); i++) {
                String path = index("spec.drivers", i);
                String name = p.stringOrEmpty(drivers.get(i), "name", path + ".name");
                if (name.isEmpty()) {
                    p.required(path + ".name");
                } else if (!names.add(name)) {
                    p.duplicate(path + ".name", name);
                }
                if (JsonFields.stringOrEmpty(drivers.get(i), "nodeID").isEmpty()) {
                    p.required(path + ".nodeID");
                }
                JsonObject allocatable = p.object(drivers.get(i), "allocatable", path + ".allocatable");
                p.nonNegative(path + ".allocatable.count", p.int32(allocatable, "count", path + ".allocatable.count"));
            }
            return p.list();
        }
    }

    // ------------------------------------------------------------------ VolumeAttachment

    static final class VolumeAttachments implements ResourceStrategy {
        @Override
        public List<FieldError> validateCreate(JsonObject attachment) {
            Problems p = new Problems();
            JsonObject spec = p.object(attachment, "spec", "spec");
            if (spec == null) {
                p.required("spec");
                return p.list();
            }
            String attacher = p.stringOrEmpty(spec, "attacher", "spec.attacher");
            if (attacher.isEmpty()) {
                p.required("spec.attacher");
            }
            String node = p.stringOrEmpty(spec, "nodeName", "spec.nodeName");
            if (node.isEmpty()) {
                p.required("spec.nodeName");
            } else {
                p.dns1123Subdomain("spec.nodeName", node);
            }
            JsonObject source = p.object(spec, "source", "spec.source");
            boolean pv = !JsonFields.stringOrEmpty(source, "persistentVolumeName").isEmpty();
            boolean inline = JsonFields.present(source, "inlineVolumeSpec");
            if (pv == inline) {
                p.required("spec.source", "must specify exactly one of inlineVolumeSpec and persistentVolumeName");
            }
            return p.list();
        }

        @Override
        public List<FieldError> validateUpdate(JsonObject attachment, JsonObject old) {
            Problems p = new Problems();
            p.addAll(validateCreate(attachment));
            p.unchanged("spec", attachment.get("spec"), old.get("spec"));
            return p.list();
        }
    }
}
