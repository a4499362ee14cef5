package io.kubelix.kinds.builtin.impl;

import static io.kubelix.kinds.builtin.impl.Problems.child;
import static io.kubelix.kinds.builtin.impl.Problems.index;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.FieldError;
import io.kubelix.api.resource.ResourceStrategy;
import io.kubelix.api.validation.Names;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Services. Cluster IP and node port allocation are not done here (they need cluster state); this
 * checks what the user asked for and defaults the rest.
 */
final class ServiceStrategy implements ResourceStrategy {
    static final List<String> TYPES = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
    static final int NODE_PORT_MIN = 30000;
    static final int NODE_PORT_MAX = 32767;

    @Override
    public boolean nameIsLabel() {
        return true;
    }

    @Override
    public void applyDefaults(JsonObject service) {
        JsonObject spec = JsonFields.object(service, "spec");
        if (spec == null) {
            return;
        }
        JsonFields.defaultString(spec, "type", "ClusterIP");
        String type = JsonFields.stringOrEmpty(spec, "type");
        JsonFields.defaultString(spec, "sessionAffinity", "None");
        if ("ClientIP".equals(JsonFields.string(spec, "sessionAffinity"))) {
            JsonObject config = JsonFields.defaultObject(spec, "sessionAffinityConfig");
            JsonObject clientIp = config == null ? null : JsonFields.defaultObject(config, "clientIP");
            JsonFields.defaultNumber(clientIp, "timeoutSeconds", 10800);
        }
        for (JsonObject port : JsonFields.objects(spec, "ports")) {
            JsonFields.defaultString(port, "protocol", "TCP");
            Long target = JsonFields.integer(port, "targetPort");
            boolean noTarget = !JsonFields.present(port, "targetPort") || (target != null && target == 0)
                    || "".equals(JsonFields.string(port, "targetPort"));
            if (noTarget && JsonFields.present(port, "port")) {
                port.add("targetPort", port.get("port").deepCopy());
            }
        }
        if (!type.equals("ExternalName")) {
            JsonFields.defaultString(spec, "internalTrafficPolicy", "Cluster");
            JsonFields.defaultString(spec, "ipFamilyPolicy", "SingleStack");
        }
        if (type.equals("NodePort") || type.equals("LoadBalancer")) {
            JsonFields.defaultString(spec, "externalTrafficPolicy", "Cluster");
        }
        if (type.equals("LoadBalancer")) {
            JsonFields.defaultBoolean(spec, "allocateLoadBalancerNodePorts", true);
        }
        JsonObject status = JsonFields.objectForWrite(service, "status");
        if (status != null) {
            JsonFields.defaultObject(status, "loadBalancer");
        }
    }

    @Override
    public List<FieldError> validateCreate(JsonObject service) {
        Problems p = new Problems();
        validate(service, p);
        return p.list();
    }

    @Override
    public List<FieldError> validateUpdate(JsonObject service, JsonObject old) {
        Problems p = new Problems();
        validate(service, p);
        JsonObject spec = JsonFields.object(service, "spec");
        JsonObject oldSpec = JsonFields.object(old, "spec");
        String oldIp = JsonFields.stringOrEmpty(oldSpec, "clusterIP");
        String newIp = JsonFields.stringOrEmpty(spec, "clusterIP");
        boolean externalName = "ExternalName".equals(JsonFields.string(spec, "type"))
                || "ExternalName".equals(JsonFields.string(oldSpec, "type"));
        if (!oldIp.isEmpty() && !oldIp.equals(newIp) && !externalName) {
            p.immutable("spec.clusterIP", newIp);
        }
        return p.list();
    }

    private static void validate(JsonObject service, Problems p) {
        String name = Objects.name(service);
        // The registry checks DNS-1123 labels; a Service name must also start with a letter.
        if (name != null && !name.isEmpty() && Names.isDns1123Label(name).isEmpty()) {
            p.dns1035Label("metadata.name", name);
        }
        JsonObject spec = p.object(service, "spec", "spec");
        if (spec == null) {
            spec = new JsonObject();
        }
        String type = p.string(spec, "type", "spec.type");
        p.oneOf("spec.type", type, TYPES);
        type = type == null ? "" : type;
        String clusterIp = p.stringOrEmpty(spec, "clusterIP", "spec.clusterIP");
        boolean headless = clusterIp.equals("None");
        if (!clusterIp.isEmpty() && !headless && !Net.isIp(clusterIp)) {
            p.invalid("spec.clusterIP", clusterIp,
                    "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff) or 'None'");
        }
        List<String> clusterIps = p.strings(spec, "clusterIPs", "spec.clusterIPs");
        if (!clusterIps.isEmpty() && !clusterIp.isEmpty() && !clusterIps.get(0).equals(clusterIp)) {
            p.invalid("spec.clusterIPs", JsonFields.shown(spec.get("clusterIPs")),
                    "first value must match `clusterIP`");
        }
        if (headless && !type.equals("ClusterIP") && !type.isEmpty()) {
            p.invalid("spec.clusterIP", clusterIp, "may not be set to 'None' for " + type + " services");
        }

        if (type.equals("ExternalName")) {
            String external = p.stringOrEmpty(spec, "externalName", "spec.externalName");
            if (external.isEmpty()) {
                p.required("spec.externalName");
            } else {
                // A trailing dot (fully qualified) is allowed.
                p.dns1123Subdomain("spec.externalName", external.endsWith(".")
                        ? external.substring(0, external.length() - 1) : external);
            }
            if (!clusterIp.isEmpty()) {
                p.forbidden("spec.clusterIP", "may not be set when `type` is 'ExternalName'");
            }
        }

        List<JsonObject> ports = p.objects(spec, "ports", "spec.ports");
        if (ports.isEmpty() && !type.equals("ExternalName") && !headless) {
            p.required("spec.ports");
        }
        Set<String> names = new HashSet<>();
        Set<String> portKeys = new HashSet<>();
        boolean nodePortsAllowed = type.equals("NodePort") || type.equals("LoadBalancer");
        for (int i = 0; i < ports.size(); i++) {
            JsonObject port = ports.get(i);
            String path = index("spec.ports", i);
            String portName = p.stringOrEmpty(port, "name", child(path, "name"));
            if (portName.isEmpty()) {
                if (ports.size() > 1) {
                    p.required(child(path, "name"));
                }
            } else {
                p.dns1123Label(child(path, "name"), portName);
                if (!names.add(portName)) {
                    p.duplicate(child(path, "name"), portName);
                }
            }
            Long number = p.integer(port, "port", child(path, "port"));
            if (number == null) {
                p.required(child(path, "port"));
            } else {
                p.portNumber(child(path, "port"), number);
            }
            String protocol = p.string(port, "protocol", child(path, "protocol"));
            p.oneOf(child(path, "protocol"), protocol, Problems.PROTOCOLS);
            if (number != null && !portKeys.add(number + "/" + protocol)) {
                p.duplicate(path, number + "/" + protocol);
            }
            if (JsonFields.present(port, "targetPort")) {
                p.portNumberOrName(child(path, "targetPort"), port.get("targetPort"));
            }
            Long nodePort = p.integer(port, "nodePort", child(path, "nodePort"));
            if (nodePort != null && nodePort != 0) {
                if (!nodePortsAllowed) {
                    p.forbidden(child(path, "nodePort"), "may not be used when `type` is '" + type + "'");
                } else if (nodePort < NODE_PORT_MIN || nodePort > NODE_PORT_MAX) {
                    p.invalid(child(path, "nodePort"), nodePort, "provided port is not in the valid range. "
                            + "The range of valid ports is " + NODE_PORT_MIN + "-" + NODE_PORT_MAX);
                }
            }
        }

        p.labelsAt(spec, "selector", "spec.selector");
        String affinity = p.string(spec, "sessionAffinity", "spec.sessionAffinity");
        p.oneOf("spec.sessionAffinity", affinity, List.of("ClientIP", "None"));
        Long timeout = JsonFields.integer(JsonFields.object(JsonFields.object(spec, "sessionAffinityConfig"), "clientIP"),
                "timeoutSeconds");
        if ("ClientIP".equals(affinity) && timeout != null && (timeout <= 0 || timeout > 86400)) {
            p.invalid("spec.sessionAffinityConfig.clientIP.timeoutSeconds", timeout,
                    "must be greater than 0 and less than 86400");
        }
        String external = p.string(spec, "externalTrafficPolicy", "spec.externalTrafficPolicy");
        if (external != null && !external.isEmpty()) {
            if (!type.equals("NodePort") && !type.equals("LoadBalancer")) {
                p.invalid("spec.externalTrafficPolicy", external,
                        "may only be set when `type` is 'NodePort' or 'LoadBalancer'");
            } else {
                p.optionalOneOf("spec.externalTrafficPolicy", external, List.of("Cluster", "Local"));
            }
        }
        p.optionalOneOf("spec.internalTrafficPolicy",
                p.string(spec, "internalTrafficPolicy", "spec.internalTrafficPolicy"), List.of("Cluster", "Local"));
        p.optionalOneOf("spec.ipFamilyPolicy", p.string(spec, "ipFamilyPolicy", "spec.ipFamilyPolicy"),
                List.of("SingleStack", "PreferDualStack", "RequireDualStack"));
        List<String> families = p.strings(spec, "ipFamilies", "spec.ipFamilies");
        for (int i = 0; i < families.size(); i++) {
            p.oneOf(index("spec.ipFamilies", i), families.get(i), List.of("IPv4", "IPv6"));
        }
        List<String> externalIps = p.strings(spec, "externalIPs", "spec.externalIPs");
        for (int i = 0; i < externalIps.size(); i++) {
            p.ipAddress(index("spec.externalIPs", i), externalIps.get(i));
        }
        List<String> ranges = p.strings(spec, "loadBalancerSourceRanges", "spec.loadBalancerSourceRanges");
        for (int i = 0; i < ranges.size(); i++) {
            if (!Net.isCidr(ranges.get(i).strip())) {
                p.invalid(index("spec.loadBalancerSourceRanges", i), ranges.get(i),
                        "must be a list of IP ranges. For example, 10.240.0.0/24,10.250.0.0/24 ");
            }
        }
    }
}
