package io.kubelix.kinds.builtin.impl;

import static io.kubelix.kinds.builtin.impl.Problems.child;
import static io.kubelix.kinds.builtin.impl.Problems.index;
import static io.kubelix.kinds.builtin.impl.Problems.key;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubelix.api.quantity.Quantity;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Defaulting and validation of a pod spec, shared by Pods and by every kind that carries a pod
 * template (Deployment, ReplicaSet, StatefulSet, DaemonSet, Job, CronJob, ReplicationController).
 * Paths are relative to the caller's prefix, so a Deployment's errors read
 * {@code spec.template.spec.containers[0].image}.
 */
final class PodTemplateRules {
    static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
    static final List<String> DNS_POLICIES = List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");
    static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
    static final List<String> TERMINATION_MESSAGE_POLICIES = List.of("File", "FallbackToLogsOnError");
    static final List<String> TAINT_EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");
    static final List<String> TOLERATION_OPERATORS = List.of("Equal", "Exists");
    static final List<String> PROBES = List.of("livenessProbe", "readinessProbe", "startupProbe");
    static final List<String> PROBE_HANDLERS = List.of("exec", "httpGet", "tcpSocket", "grpc");
    static final List<String> LIFECYCLE_HANDLERS = List.of("exec", "httpGet", "tcpSocket", "sleep");
    static final List<String> ENV_SOURCES = List.of("fieldRef", "resourceFieldRef", "configMapKeyRef", "secretKeyRef");
    /** Every volume source of a pod volume; exactly one must be given. */
    static final List<String> VOLUME_SOURCES = List.of("hostPath", "emptyDir", "gcePersistentDisk",
            "awsElasticBlockStore", "gitRepo", "secret", "nfs", "iscsi", "glusterfs", "persistentVolumeClaim", "rbd",
            "flexVolume", "cinder", "cephfs", "flocker", "downwardAPI", "fc", "azureFile", "configMap", "vsphereVolume",
            "quobyte", "azureDisk", "photonPersistentDisk", "projected", "portworxVolume", "scaleIO", "storageos", "csi",
            "ephemeral", "image");
    private static final long DEFAULT_MODE = 0644; // 420, what kubectl shows
    private static final long MAX_MODE = 0777;

    private PodTemplateRules() {
    }

    // ------------------------------------------------------------------ defaulting

    /** Defaults of a template: the pod spec under {@code template.spec}. */
    static void defaultTemplate(JsonObject template) {
        if (template != null) {
            defaultPodSpec(JsonFields.object(template, "spec"));
        }
    }

    /** The defaults Kubernetes applies to every pod spec, in a Pod or in a template. */
    static void defaultPodSpec(JsonObject spec) {
        if (spec == null) {
            return;
        }
        JsonFields.defaultString(spec, "restartPolicy", "Always");
        JsonFields.defaultString(spec, "dnsPolicy", "ClusterFirst");
        JsonFields.defaultString(spec, "schedulerName", "default-scheduler");
        JsonFields.defaultNumber(spec, "terminationGracePeriodSeconds", 30);
        JsonFields.defaultObject(spec, "securityContext");
        for (String list : List.of("containers", "initContainers")) {
            for (JsonObject c : JsonFields.objects(spec, list)) {
                defaultContainer(c);
            }
        }
        for (JsonObject v : JsonFields.objects(spec, "volumes")) {
            defaultVolume(v);
        }
    }

    /**
     * Defaults only Pods get: in Kubernetes they come from Pod-level defaulting and the priority
     * admission plugin, so templates (a Deployment's, say) do not show them.
     */
    static void defaultPodOnly(JsonObject spec) {
        if (spec == null) {
            return;
        }
        JsonFields.defaultBoolean(spec, "enableServiceLinks", true);
        // With a priorityClassName the value comes from that class, which is not ours to look up.
        if (JsonFields.stringOrEmpty(spec, "priorityClassName").isEmpty()) {
            JsonFields.defaultNumber(spec, "priority", 0);
        }
        JsonFields.defaultString(spec, "preemptionPolicy", "PreemptLowerPriority");
        boolean hostNetwork = JsonFields.isTrue(spec, "hostNetwork");
        for (String list : List.of("containers", "initContainers")) {
            for (JsonObject c : JsonFields.objects(spec, list)) {
                requestsFromLimits(c);
                if (hostNetwork) {
                    for (JsonObject port : JsonFields.objects(c, "ports")) {
                        Long hostPort = JsonFields.integer(port, "hostPort");
                        if ((hostPort == null || hostPort == 0) && JsonFields.present(port, "containerPort")) {
                            port.add("hostPort", port.get("containerPort").deepCopy());
                        }
                    }
                }
            }
        }
    }

    // A limit without a request means "request the limit".
    private static void requestsFromLimits(JsonObject container) {
        JsonObject resources = JsonFields.object(container, "resources");
        JsonObject limits = JsonFields.object(resources, "limits");
        if (limits == null || limits.isEmpty()) {
            return;
        }
        JsonObject requests = JsonFields.objectForWrite(resources, "requests");
        if (requests == null) {
            return;
        }
        for (Map.Entry<String, JsonElement> e : limits.entrySet()) {
            if (!requests.has(e.getKey())) {
                requests.add(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    static void defaultContainer(JsonObject c) {
        String image = JsonFields.string(c, "image");
        if (image != null && !image.isBlank()) {
            JsonFields.defaultString(c, "imagePullPolicy", pullsAlways(image.trim()) ? "Always" : "IfNotPresent");
        }
        JsonFields.defaultString(c, "terminationMessagePath", "/dev/termination-log");
        JsonFields.defaultString(c, "terminationMessagePolicy", "File");
        JsonFields.defaultObject(c, "resources");
        for (JsonObject port : JsonFields.objects(c, "ports")) {
            JsonFields.defaultString(port, "protocol", "TCP");
        }
        for (String probe : PROBES) {
            JsonObject p = JsonFields.object(c, probe);
            if (p != null) {
                JsonFields.defaultNumber(p, "timeoutSeconds", 1);
                JsonFields.defaultNumber(p, "periodSeconds", 10);
                JsonFields.defaultNumber(p, "successThreshold", 1);
                JsonFields.defaultNumber(p, "failureThreshold", 3);
                defaultHttpGet(JsonFields.object(p, "httpGet"));
            }
        }
        JsonObject lifecycle = JsonFields.object(c, "lifecycle");
        for (String hook : List.of("postStart", "preStop")) {
            defaultHttpGet(JsonFields.object(JsonFields.object(lifecycle, hook), "httpGet"));
        }
        for (JsonObject env : JsonFields.objects(c, "env")) {
            JsonObject fieldRef = JsonFields.object(JsonFields.object(env, "valueFrom"), "fieldRef");
            JsonFields.defaultString(fieldRef, "apiVersion", "v1");
        }
    }

    private static void defaultHttpGet(JsonObject httpGet) {
        JsonFields.defaultString(httpGet, "path", "/");
        JsonFields.defaultString(httpGet, "scheme", "HTTP");
    }

    /** An image without a tag or with tag "latest" may change under the same name, so it is always pulled. */
    static boolean pullsAlways(String image) {
        if (image.contains("@")) {
            return false;
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon <= slash) {
            return true;
        }
        return image.substring(colon + 1).equals("latest");
    }

    static void defaultVolume(JsonObject v) {
        boolean anySource = false;
        for (String source : VOLUME_SOURCES) {
            anySource |= JsonFields.present(v, source);
        }
        if (!anySource) {
            v.add("emptyDir", new JsonObject());
        }
        for (String withMode : List.of("configMap", "secret", "downwardAPI", "projected")) {
            JsonFields.defaultNumber(JsonFields.object(v, withMode), "defaultMode", DEFAULT_MODE);
        }
        JsonObject downward = JsonFields.object(v, "downwardAPI");
        for (JsonObject item : JsonFields.objects(downward, "items")) {
            JsonFields.defaultString(JsonFields.object(item, "fieldRef"), "apiVersion", "v1");
        }
        JsonFields.defaultString(JsonFields.object(v, "hostPath"), "type", "");
    }

    // ------------------------------------------------------------------ validation

    /** Template metadata labels and the pod spec under {@code path} (for example "spec.template"). */
    static void validateTemplate(JsonObject template, String path, Problems p) {
        if (template == null) {
            p.required(path);
            return;
        }
        JsonObject metadata = p.object(template, "metadata", child(path, "metadata"));
        p.labelsAt(metadata, "labels", child(child(path, "metadata"), "labels"));
        JsonObject spec = p.object(template, "spec", child(path, "spec"));
        validatePodSpec(spec == null ? new JsonObject() : spec, child(path, "spec"), false, p);
    }

    /** The labels of a template, empty when absent. */
    static Map<String, String> templateLabels(JsonObject template) {
        return JsonFields.stringMap(JsonFields.object(template, "metadata"), "labels");
    }

    /**
     * @param isPod whether this is a Pod's own spec (Pods get a few stricter checks than templates,
     *              as in Kubernetes)
     */
    static void validatePodSpec(JsonObject spec, String path, boolean isPod, Problems p) {
        Set<String> volumeNames = validateVolumes(spec, child(path, "volumes"), p);

        List<JsonObject> containers = p.objects(spec, "containers", child(path, "containers"));
        if (containers.isEmpty()) {
            p.required(child(path, "containers"));
        }
        Set<String> containerNames = new HashSet<>();
        for (int i = 0; i < containers.size(); i++) {
            validateContainer(containers.get(i), index(child(path, "containers"), i), false, isPod, volumeNames,
                    containerNames, p);
        }
        List<JsonObject> inits = p.objects(spec, "initContainers", child(path, "initContainers"));
        for (int i = 0; i < inits.size(); i++) {
            validateContainer(inits.get(i), index(child(path, "initContainers"), i), true, isPod, volumeNames,
                    containerNames, p);
        }

        p.oneOf(child(path, "restartPolicy"), p.string(spec, "restartPolicy", child(path, "restartPolicy")),
                RESTART_POLICIES);
        String dnsPolicy = p.string(spec, "dnsPolicy", child(path, "dnsPolicy"));
        p.oneOf(child(path, "dnsPolicy"), dnsPolicy, DNS_POLICIES);
        JsonObject dnsConfig = p.object(spec, "dnsConfig", child(path, "dnsConfig"));
        if ("None".equals(dnsPolicy) && dnsConfig == null) {
            p.required(child(path, "dnsConfig"), "must provide `dnsConfig` when `dnsPolicy` is None");
        }
        p.nonNegative(child(path, "terminationGracePeriodSeconds"),
                p.integer(spec, "terminationGracePeriodSeconds", child(path, "terminationGracePeriodSeconds")));
        Long deadline = p.integer(spec, "activeDeadlineSeconds", child(path, "activeDeadlineSeconds"));
        if (deadline != null && (deadline < 1 || deadline > Integer.MAX_VALUE)) {
            p.invalid(child(path, "activeDeadlineSeconds"), deadline, "must be between 1 and 2147483647, inclusive");
        }
        p.labelsAt(spec, "nodeSelector", child(path, "nodeSelector"));
        validateTolerations(spec, child(path, "tolerations"), p);

        for (String name : List.of("hostname", "subdomain")) {
            String v = p.string(spec, name, child(path, name));
            if (v != null && !v.isEmpty()) {
                p.dns1123Label(child(path, name), v);
            }
        }
        for (String name : List.of("serviceAccountName", "nodeName")) {
            String v = p.string(spec, name, child(path, name));
            if (v != null && !v.isEmpty()) {
                p.dns1123Subdomain(child(path, name), v);
            }
        }
        for (String flag : List.of("hostNetwork", "hostPID", "hostIPC", "enableServiceLinks",
                "automountServiceAccountToken", "shareProcessNamespace")) {
            p.bool(spec, flag, child(path, flag));
        }
        p.object(spec, "securityContext", child(path, "securityContext"));
        p.string(spec, "schedulerName", child(path, "schedulerName"));
        p.int32(spec, "priority", child(path, "priority"));
        List<JsonObject> pullSecrets = p.objects(spec, "imagePullSecrets", child(path, "imagePullSecrets"));
        for (int i = 0; i < pullSecrets.size(); i++) {
            p.string(pullSecrets.get(i), "name", child(index(child(path, "imagePullSecrets"), i), "name"));
        }
    }

    private static Set<String> validateVolumes(JsonObject spec, String path, Problems p) {
        Set<String> names = new HashSet<>();
        List<JsonObject> volumes = p.objects(spec, "volumes", path);
        for (int i = 0; i < volumes.size(); i++) {
            JsonObject v = volumes.get(i);
            String vPath = index(path, i);
            String name = p.stringOrEmpty(v, "name", child(vPath, "name"));
            if (name.isEmpty()) {
                p.required(child(vPath, "name"));
            } else {
                p.dns1123Label(child(vPath, "name"), name);
                if (!names.add(name)) {
                    p.duplicate(child(vPath, "name"), name);
                }
            }
            validateVolumeSource(v, vPath, p);
        }
        return names;
    }

    private static void validateVolumeSource(JsonObject v, String vPath, Problems p) {
        String source = p.exactlyOne(v, VOLUME_SOURCES, vPath, "volume type");
        if (source == null) {
            return;
        }
        String sPath = child(vPath, source);
        JsonObject s = p.object(v, source, sPath);
        if (s == null) {
            return;
        }
        switch (source) {
            case "hostPath" -> requireString(s, "path", sPath, p);
            case "nfs" -> {
                requireString(s, "server", sPath, p);
                requireString(s, "path", sPath, p);
            }
            case "persistentVolumeClaim" -> requireString(s, "claimName", sPath, p);
            case "secret" -> requireString(s, "secretName", sPath, p);
            case "configMap" -> requireString(s, "name", sPath, p);
            case "csi" -> requireString(s, "driver", sPath, p);
            case "emptyDir" -> {
                p.optionalOneOf(child(sPath, "medium"), p.string(s, "medium", child(sPath, "medium")),
                        List.of("", "Memory", "HugePages"));
                if (JsonFields.present(s, "sizeLimit")) {
                    p.quantity(child(sPath, "sizeLimit"), s.get("sizeLimit"));
                }
            }
            default -> {
            }
        }
        if (List.of("secret", "configMap", "downwardAPI", "projected").contains(source)) {
            Long mode = p.integer(s, "defaultMode", child(sPath, "defaultMode"));
            fileMode(child(sPath, "defaultMode"), mode, p);
            List<JsonObject> items = p.objects(s, "items", child(sPath, "items"));
            for (int i = 0; i < items.size(); i++) {
                String iPath = index(child(sPath, "items"), i);
                if (!source.equals("downwardAPI")) {
                    requireString(items.get(i), "key", iPath, p);
                }
                String itemPath = p.stringOrEmpty(items.get(i), "path", child(iPath, "path"));
                if (itemPath.isEmpty()) {
                    p.required(child(iPath, "path"));
                } else {
                    relativePath(child(iPath, "path"), itemPath, p);
                }
                fileMode(child(iPath, "mode"), p.integer(items.get(i), "mode", child(iPath, "mode")), p);
            }
        }
    }

    private static void fileMode(String path, Long mode, Problems p) {
        if (mode != null && (mode < 0 || mode > MAX_MODE)) {
            p.invalid(path, mode, "must be a number between 0 and 0777 (octal), both inclusive");
        }
    }

    private static void relativePath(String path, String value, Problems p) {
        if (value.startsWith("/")) {
            p.invalid(path, value, "must be a relative path");
        }
        for (String part : value.split("/")) {
            if (part.equals("..")) {
                p.invalid(path, value, "must not contain '..'");
                break;
            }
        }
    }

    private static String requireString(JsonObject o, String field, String parentPath, Problems p) {
        String v = p.stringOrEmpty(o, field, child(parentPath, field));
        if (v.isEmpty()) {
            p.required(child(parentPath, field));
        }
        return v;
    }

    private static void validateContainer(JsonObject c, String cPath, boolean init, boolean isPod,
            Set<String> volumeNames, Set<String> containerNames, Problems p) {
        String name = p.stringOrEmpty(c, "name", child(cPath, "name"));
        if (name.isEmpty()) {
            p.required(child(cPath, "name"));
        } else {
            p.dns1123Label(child(cPath, "name"), name);
            if (!containerNames.add(name)) {
                p.duplicate(child(cPath, "name"), name);
            }
        }
        String image = p.stringOrEmpty(c, "image", child(cPath, "image"));
        if (image.isEmpty()) {
            p.required(child(cPath, "image"));
        } else if (isPod && !image.equals(image.strip())) {
            p.invalid(child(cPath, "image"), image, "must not have leading or trailing whitespace");
        }
        p.strings(c, "command", child(cPath, "command"));
        p.strings(c, "args", child(cPath, "args"));
        p.optionalOneOf(child(cPath, "imagePullPolicy"), p.string(c, "imagePullPolicy", child(cPath, "imagePullPolicy")),
                PULL_POLICIES);
        p.optionalOneOf(child(cPath, "terminationMessagePolicy"),
                p.string(c, "terminationMessagePolicy", child(cPath, "terminationMessagePolicy")),
                TERMINATION_MESSAGE_POLICIES);

        String restartPolicy = p.string(c, "restartPolicy", child(cPath, "restartPolicy"));
        boolean sidecar = "Always".equals(restartPolicy);
        if (restartPolicy != null) {
            if (init) {
                p.optionalOneOf(child(cPath, "restartPolicy"), restartPolicy, List.of("Always"));
            } else {
                p.forbidden(child(cPath, "restartPolicy"), "may not be set for non-init containers");
            }
        }

        validatePorts(c, child(cPath, "ports"), p);
        validateEnv(c, cPath, p);
        validateResources(c, child(cPath, "resources"), p);
        validateMounts(c, child(cPath, "volumeMounts"), volumeNames, p);

        for (String probe : PROBES) {
            if (!JsonFields.present(c, probe)) {
                continue;
            }
            if (init && !sidecar) {
                p.forbidden(child(cPath, probe), "may not be set for init containers without restartPolicy=Always");
                continue;
            }
            validateProbe(p.object(c, probe, child(cPath, probe)), child(cPath, probe),
                    !probe.equals("readinessProbe"), p);
        }
        JsonObject lifecycle = p.object(c, "lifecycle", child(cPath, "lifecycle"));
        if (lifecycle != null) {
            if (init && !sidecar) {
                p.forbidden(child(cPath, "lifecycle"), "may not be set for init containers without restartPolicy=Always");
            } else {
                for (String hook : List.of("postStart", "preStop")) {
                    JsonObject h = p.object(lifecycle, hook, child(child(cPath, "lifecycle"), hook));
                    if (h != null) {
                        validateHandler(h, child(child(cPath, "lifecycle"), hook), LIFECYCLE_HANDLERS, p);
                    }
                }
            }
        }
    }

    private static void validatePorts(JsonObject c, String path, Problems p) {
        Set<String> names = new HashSet<>();
        List<JsonObject> ports = p.objects(c, "ports", path);
        for (int i = 0; i < ports.size(); i++) {
            JsonObject port = ports.get(i);
            String pPath = index(path, i);
            String name = p.string(port, "name", child(pPath, "name"));
            if (name != null && !name.isEmpty()) {
                p.portName(child(pPath, "name"), name);
                if (!names.add(name)) {
                    p.duplicate(child(pPath, "name"), name);
                }
            }
            Long containerPort = p.integer(port, "containerPort", child(pPath, "containerPort"));
            if (containerPort == null || containerPort == 0) {
                p.required(child(pPath, "containerPort"));
            } else {
                p.portNumber(child(pPath, "containerPort"), containerPort);
            }
            Long hostPort = p.integer(port, "hostPort", child(pPath, "hostPort"));
            if (hostPort != null && hostPort != 0) {
                p.portNumber(child(pPath, "hostPort"), hostPort);
            }
            p.oneOf(child(pPath, "protocol"), p.string(port, "protocol", child(pPath, "protocol")), Problems.PROTOCOLS);
            String hostIp = p.string(port, "hostIP", child(pPath, "hostIP"));
            if (hostIp != null && !hostIp.isEmpty()) {
                p.ipAddress(child(pPath, "hostIP"), hostIp);
            }
        }
    }

    private static void validateEnv(JsonObject c, String cPath, Problems p) {
        String path = child(cPath, "env");
        List<JsonObject> env = p.objects(c, "env", path);
        for (int i = 0; i < env.size(); i++) {
            JsonObject e = env.get(i);
            String ePath = index(path, i);
            String name = p.stringOrEmpty(e, "name", child(ePath, "name"));
            if (name.isEmpty()) {
                p.required(child(ePath, "name"));
            } else {
                p.envVarName(child(ePath, "name"), name);
            }
            String value = p.string(e, "value", child(ePath, "value"));
            JsonObject from = p.object(e, "valueFrom", child(ePath, "valueFrom"));
            if (from == null) {
                continue;
            }
            String fromPath = child(ePath, "valueFrom");
            int sources = 0;
            for (String s : ENV_SOURCES) {
                if (JsonFields.present(from, s)) {
                    sources++;
                }
            }
            if (sources == 0) {
                p.invalid(fromPath, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`");
            } else if (sources > 1) {
                p.invalid(fromPath, "", "may not have more than one field specified at a time");
            }
            if (value != null && !value.isEmpty()) {
                p.invalid(fromPath, "", "may not be specified when `value` is not empty");
            }
            JsonObject fieldRef = p.object(from, "fieldRef", child(fromPath, "fieldRef"));
            if (fieldRef != null) {
                requireString(fieldRef, "fieldPath", child(fromPath, "fieldRef"), p);
            }
            JsonObject resourceRef = p.object(from, "resourceFieldRef", child(fromPath, "resourceFieldRef"));
            if (resourceRef != null) {
                requireString(resourceRef, "resource", child(fromPath, "resourceFieldRef"), p);
            }
            for (String ref : List.of("configMapKeyRef", "secretKeyRef")) {
                JsonObject r = p.object(from, ref, child(fromPath, ref));
                if (r != null) {
                    String key = requireString(r, "key", child(fromPath, ref), p);
                    if (!key.isEmpty()) {
                        p.configKey(child(child(fromPath, ref), "key"), key);
                    }
                }
            }
        }
        String fromListPath = child(cPath, "envFrom");
        List<JsonObject> envFrom = p.objects(c, "envFrom", fromListPath);
        for (int i = 0; i < envFrom.size(); i++) {
            JsonObject e = envFrom.get(i);
            String ePath = index(fromListPath, i);
            boolean cm = JsonFields.present(e, "configMapRef");
            boolean secret = JsonFields.present(e, "secretRef");
            if (cm && secret) {
                p.invalid(ePath, "", "may not have more than one field specified at a time");
            } else if (!cm && !secret) {
                p.invalid(ePath, "", "must specify one of: `configMapRef` or `secretRef`");
            }
            String prefix = p.string(e, "prefix", child(ePath, "prefix"));
            if (prefix != null && !prefix.isEmpty()) {
                p.envVarName(child(ePath, "prefix"), prefix);
            }
        }
    }

    private static void validateResources(JsonObject c, String path, Problems p) {
        JsonObject resources = p.object(c, "resources", path);
        if (resources == null) {
            return;
        }
        Map<String, Quantity> limits = p.resourceList(resources, "limits", child(path, "limits"));
        Map<String, Quantity> requests = p.resourceList(resources, "requests", child(path, "requests"));
        JsonObject limitsJson = JsonFields.object(resources, "limits");
        JsonObject requestsJson = JsonFields.object(resources, "requests");
        for (Map.Entry<String, Quantity> r : requests.entrySet()) {
            Quantity limit = limits.get(r.getKey());
            if (limit != null && r.getValue().compareTo(limit) > 0) {
                p.invalid(key(child(path, "requests"), r.getKey()), Problems.text(requestsJson, r.getKey()),
                        "must be less than or equal to " + r.getKey() + " limit of "
                                + Problems.text(limitsJson, r.getKey()));
            }
        }
    }

    private static void validateMounts(JsonObject c, String path, Set<String> volumeNames, Problems p) {
        Set<String> mountPaths = new HashSet<>();
        List<JsonObject> mounts = p.objects(c, "volumeMounts", path);
        for (int i = 0; i < mounts.size(); i++) {
            JsonObject m = mounts.get(i);
            String mPath = index(path, i);
            String name = p.stringOrEmpty(m, "name", child(mPath, "name"));
            if (name.isEmpty()) {
                p.required(child(mPath, "name"));
            } else if (!volumeNames.contains(name)) {
                p.notFound(child(mPath, "name"), name);
            }
            String mountPath = p.stringOrEmpty(m, "mountPath", child(mPath, "mountPath"));
            if (mountPath.isEmpty()) {
                p.required(child(mPath, "mountPath"));
            } else if (!mountPaths.add(mountPath)) {
                p.invalid(child(mPath, "mountPath"), mountPath, "must be unique");
            }
            String subPath = p.string(m, "subPath", child(mPath, "subPath"));
            if (subPath != null && !subPath.isEmpty()) {
                relativePath(child(mPath, "subPath"), subPath, p);
            }
            p.bool(m, "readOnly", child(mPath, "readOnly"));
        }
    }

    private static void validateProbe(JsonObject probe, String path, boolean successMustBeOne, Problems p) {
        if (probe == null) {
            return;
        }
        validateHandler(probe, path, PROBE_HANDLERS, p);
        for (String n : List.of("initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold",
                "failureThreshold")) {
            p.nonNegative(child(path, n), p.int32(probe, n, child(path, n)));
        }
        Long success = JsonFields.integer(probe, "successThreshold");
        if (successMustBeOne && success != null && success != 1) {
            p.invalid(child(path, "successThreshold"), success, "must be 1");
        }
        p.positive(child(path, "terminationGracePeriodSeconds"),
                p.integer(probe, "terminationGracePeriodSeconds", child(path, "terminationGracePeriodSeconds")));
    }

    /** Exactly one handler (exec, httpGet, ...) with its required fields. */
    private static void validateHandler(JsonObject h, String path, List<String> handlers, Problems p) {
        String handler = p.exactlyOne(h, handlers, path, "handler type");
        if (handler == null) {
            return;
        }
        String hPath = child(path, handler);
        JsonObject o = p.object(h, handler, hPath);
        if (o == null) {
            return;
        }
        switch (handler) {
            case "exec" -> {
                if (p.strings(o, "command", child(hPath, "command")).isEmpty()) {
                    p.required(child(hPath, "command"));
                }
            }
            case "httpGet", "tcpSocket" -> {
                if (!JsonFields.present(o, "port")) {
                    p.required(child(hPath, "port"));
                } else {
                    p.portNumberOrName(child(hPath, "port"), o.get("port"));
                }
                if (handler.equals("httpGet")) {
                    p.optionalOneOf(child(hPath, "scheme"), p.string(o, "scheme", child(hPath, "scheme")),
                            List.of("HTTP", "HTTPS"));
                }
            }
            case "grpc" -> {
                Long port = p.integer(o, "port", child(hPath, "port"));
                if (port == null) {
                    p.required(child(hPath, "port"));
                } else {
                    p.portNumber(child(hPath, "port"), port);
                }
            }
            case "sleep" -> p.nonNegative(child(hPath, "seconds"), p.integer(o, "seconds", child(hPath, "seconds")));
            default -> {
            }
        }
    }

    /** Tolerations, as on a pod spec or a RuntimeClass's scheduling. */
    static void validateTolerations(JsonObject parent, String path, Problems p) {
        List<JsonObject> tolerations = p.objects(parent, "tolerations", path);
        for (int i = 0; i < tolerations.size(); i++) {
            JsonObject t = tolerations.get(i);
            String tPath = index(path, i);
            String key = p.stringOrEmpty(t, "key", child(tPath, "key"));
            if (!key.isEmpty()) {
                p.qualifiedName(child(tPath, "key"), key);
            }
            String operator = p.stringOrEmpty(t, "operator", child(tPath, "operator"));
            String value = p.stringOrEmpty(t, "value", child(tPath, "value"));
            switch (operator) {
                case "", "Equal" -> {
                    if (key.isEmpty()) {
                        p.invalid(child(tPath, "operator"), operator,
                                "operator must be Exists when `key` is empty, which means \"match all values and all keys\"");
                    }
                    if (!value.isEmpty()) {
                        p.labelValue(child(tPath, "value"), value);
                    }
                }
                case "Exists" -> {
                    if (!value.isEmpty()) {
                        p.invalid(child(tPath, "operator"), value, "value must be empty when `operator` is 'Exists'");
                    }
                }
                default -> p.notSupported(child(tPath, "operator"), operator, TOLERATION_OPERATORS);
            }
            String effect = p.stringOrEmpty(t, "effect", child(tPath, "effect"));
            p.optionalOneOf(child(tPath, "effect"), effect, TAINT_EFFECTS);
            Long seconds = p.integer(t, "tolerationSeconds", child(tPath, "tolerationSeconds"));
            if (seconds != null && !effect.equals("NoExecute")) {
                p.invalid(child(tPath, "effect"), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set");
            }
        }
    }
}
