package io.kubelix.kinds.builtin.impl;

import static io.kubelix.kinds.builtin.impl.Problems.child;
import static io.kubelix.kinds.builtin.impl.Problems.index;

import com.google.gson.JsonObject;
import io.kubelix.api.resource.FieldError;
import io.kubelix.api.resource.ResourceStrategy;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Service backends: Endpoints (core/v1) and EndpointSlice (discovery.k8s.io/v1). Neither has a spec. */
final class NetworkStrategies {
    static final List<String> ADDRESS_TYPES = List.of("IPv4", "IPv6", "FQDN");
    static final int MAX_ADDRESSES_PER_ENDPOINT = 100;
    static final int MAX_ENDPOINTS_PER_SLICE = 1000;

    private NetworkStrategies() {
    }

    private static void defaultPorts(JsonObject parent) {
        for (JsonObject port : JsonFields.objects(parent, "ports")) {
            JsonFields.defaultString(port, "protocol", "TCP");
        }
    }

    /** A backend address must reach a pod: not unspecified, loopback or link-local. */
    private static void endpointIp(String path, String ip, Problems p) {
        if (ip.isEmpty()) {
            p.required(path);
        } else if (!Net.isIp(ip)) {
            p.ipAddress(path, ip);
        } else if (ip.equals("0.0.0.0") || ip.equals("::")) {
            p.invalid(path, ip, "may not be unspecified (0.0.0.0)");
        } else if (Net.isLoopback(ip)) {
            p.invalid(path, ip, "may not be in the loopback range (127.0.0.0/8, ::1/128)");
        } else if (Net.isLinkLocal(ip)) {
            p.invalid(path, ip, "may not be in the link-local range (169.254.0.0/16, fe80::/10)");
        } else if (Net.isLinkLocalMulticast(ip)) {
            p.invalid(path, ip, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)");
        }
    }

    // ------------------------------------------------------------------ Endpoints

    static final class Endpoints implements ResourceStrategy {
        @Override
        public List<String> specFields() {
            return List.of();
        }

        @Override
        public void applyDefaults(JsonObject endpoints) {
            for (JsonObject subset : JsonFields.objects(endpoints, "subsets")) {
                defaultPorts(subset);
            }
        }

        @Override
        public List<FieldError> validateCreate(JsonObject endpoints) {
            Problems p = new Problems();
            List<JsonObject> subsets = p.objects(endpoints, "subsets", "subsets");
            for (int i = 0; i < subsets.size(); i++) {
                JsonObject subset = subsets.get(i);
                String path = index("subsets", i);
                boolean any = false;
                for (String list : List.of("addresses", "notReadyAddresses")) {
                    List<JsonObject> addresses = p.objects(subset, list, child(path, list));
                    any |= !addresses.isEmpty();
                    for (int j = 0; j < addresses.size(); j++) {
                        String aPath = index(child(path, list), j);
                        endpointIp(child(aPath, "ip"), p.stringOrEmpty(addresses.get(j), "ip", child(aPath, "ip")), p);
                        String node = p.string(addresses.get(j), "nodeName", child(aPath, "nodeName"));
                        if (node != null && !node.isEmpty()) {
                            p.dns1123Subdomain(child(aPath, "nodeName"), node);
                        }
                        String host = p.string(addresses.get(j), "hostname", child(aPath, "hostname"));
                        if (host != null && !host.isEmpty()) {
                            p.dns1123Label(child(aPath, "hostname"), host);
                        }
                    }
                }
                if (!any) {
                    p.required(path, "must specify `addresses` or `notReadyAddresses`");
                }
                List<JsonObject> ports = p.objects(subset, "ports", child(path, "ports"));
                Set<String> names = new HashSet<>();
                for (int j = 0; j < ports.size(); j++) {
                    String pPath = index(child(path, "ports"), j);
                    String name = p.stringOrEmpty(ports.get(j), "name", child(pPath, "name"));
                    if (name.isEmpty()) {
                        if (ports.size() > 1) {
                            p.required(child(pPath, "name"));
                        }
                    } else {
                        p.dns1123Label(child(pPath, "name"), name);
                        if (!names.add(name)) {
                            p.duplicate(child(pPath, "name"), name);
                        }
                    }
                    Long port = p.integer(ports.get(j), "port", child(pPath, "port"));
                    if (port == null) {
                        p.required(child(pPath, "port"));
                    } else {
                        p.portNumber(child(pPath, "port"), port);
                    }
                    p.oneOf(child(pPath, "protocol"), p.string(ports.get(j), "protocol", child(pPath, "protocol")),
                            Problems.PROTOCOLS);
                }
            }
            return p.list();
        }
    }

    // ------------------------------------------------------------------ EndpointSlice

    static final class EndpointSlices implements ResourceStrategy {
        @Override
        public List<String> specFields() {
            return List.of();
        }

        @Override
        public void applyDefaults(JsonObject slice) {
            defaultPorts(slice);
        }

        @Override
        public List<FieldError> validateCreate(JsonObject slice) {
            Problems p = new Problems();
            String type = p.string(slice, "addressType", "addressType");
            p.oneOf("addressType", type, ADDRESS_TYPES);
            List<JsonObject> endpoints = p.objects(slice, "endpoints", "endpoints");
            if (endpoints.size() > MAX_ENDPOINTS_PER_SLICE) {
                p.add(new FieldError(FieldError.TOO_MANY, "endpoints",
                        "Too many: " + endpoints.size() + ": must have at most " + MAX_ENDPOINTS_PER_SLICE + " items"));
            }
            for (int i = 0; i < endpoints.size(); i++) {
                String path = index("endpoints", i);
                List<String> addresses = p.strings(endpoints.get(i), "addresses", child(path, "addresses"));
                if (addresses.isEmpty()) {
                    p.required(child(path, "addresses"), "must contain at least 1 address");
                } else if (addresses.size() > MAX_ADDRESSES_PER_ENDPOINT) {
                    p.add(new FieldError(FieldError.TOO_MANY, child(path, "addresses"), "Too many: "
                            + addresses.size() + ": must have at most " + MAX_ADDRESSES_PER_ENDPOINT + " items"));
                }
                for (int j = 0; j < addresses.size(); j++) {
                    String aPath = index(child(path, "addresses"), j);
                    String a = addresses.get(j);
                    if ("IPv4".equals(type) && !Net.isIpv4(a)) {
                        p.invalid(aPath, a, "must be a valid IPv4 address");
                    } else if ("IPv6".equals(type) && !Net.isIpv6(a)) {
                        p.invalid(aPath, a, "must be a valid IPv6 address");
                    } else if ("FQDN".equals(type)) {
                        p.dns1123Subdomain(aPath, a);
                    }
                }
                String node = p.string(endpoints.get(i), "nodeName", child(path, "nodeName"));
                if (node != null && !node.isEmpty()) {
                    p.dns1123Subdomain(child(path, "nodeName"), node);
                }
                String host = p.string(endpoints.get(i), "hostname", child(path, "hostname"));
                if (host != null && !host.isEmpty()) {
                    p.dns1123Label(child(path, "hostname"), host);
                }
                JsonObject conditions = p.object(endpoints.get(i), "conditions", child(path, "conditions"));
                for (String c : List.of("ready", "serving", "terminating")) {
                    p.bool(conditions, c, child(path, "conditions." + c));
                }
            }
            List<JsonObject> ports = p.objects(slice, "ports", "ports");
            Set<String> names = new HashSet<>();
            for (int i = 0; i < ports.size(); i++) {
                String path = index("ports", i);
                String name = p.stringOrEmpty(ports.get(i), "name", child(path, "name"));
                if (!name.isEmpty()) {
                    p.dns1123Label(child(path, "name"), name);
                }
                if (!names.add(name)) {
                    p.duplicate(child(path, "name"), name);
                }
                Long port = p.integer(ports.get(i), "port", child(path, "port"));
                if (port != null) {
                    p.portNumber(child(path, "port"), port);
                }
                p.oneOf(child(path, "protocol"), p.string(ports.get(i), "protocol", child(path, "protocol")),
                        Problems.PROTOCOLS);
            }
            return p.list();
        }

        @Override
        public List<FieldError> validateUpdate(JsonObject slice, JsonObject old) {
            Problems p = new Problems();
            p.addAll(validateCreate(slice));
            p.unchanged("addressType", slice.get("addressType"), old.get("addressType"));
            return p.list();
        }
    }
}
