package io.kubelix.apiserver.impl.printers;

import static io.kubelix.apiserver.impl.printers.Cells.integerOrNull;
import static io.kubelix.apiserver.impl.printers.Cells.objects;
import static io.kubelix.apiserver.impl.printers.Cells.str;
import static io.kubelix.apiserver.impl.printers.Cells.strings;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Services, endpoints and endpoint slices. */
final class NetworkPrinters {
    /** kubectl lists this many endpoints, then {@code + N more...}. */
    private static final int SHOWN = 3;

    private NetworkPrinters() {
    }

    static KindTable services() {
        return KindTable.of(Column.NAME,
                Column.text("Type", "How the service is exposed.", NetworkPrinters::serviceType),
                Column.text("Cluster-IP", "The service's IP address inside the cluster.", NetworkPrinters::clusterIp),
                Column.text("External-IP", "Addresses the service is reachable at from outside the cluster.",
                        NetworkPrinters::externalIp),
                Column.text("Port(s)", "The service's ports, with node ports, and their protocols.",
                        NetworkPrinters::ports),
                Column.AGE,
                Column.text("Selector", "The labels of the pods the service sends traffic to.",
                        o -> Cells.labels(Cells.object(o, "spec.selector"))).wide());
    }

    /** Kubernetes defaults the type to ClusterIP. */
    private static String serviceType(JsonObject service) {
        return Cells.strOr(service, "spec.type", "ClusterIP");
    }

    private static String clusterIp(JsonObject service) {
        List<String> ips = strings(service, "spec.clusterIPs");
        return Cells.orNone(ips.isEmpty() ? str(service, "spec.clusterIP") : ips.get(0));
    }

    static String externalIp(JsonObject service) {
        List<String> external = strings(service, "spec.externalIPs");
        switch (serviceType(service)) {
            case "ClusterIP", "NodePort":
                return external.isEmpty() ? Cells.NONE : String.join(",", external);
            case "LoadBalancer": {
                TreeSet<String> ingress = new TreeSet<>();
                for (JsonObject i : objects(service, "status.loadBalancer.ingress")) {
                    String ip = str(i, "ip");
                    String hostname = str(i, "hostname");
                    if (ip != null && !ip.isEmpty()) {
                        ingress.add(ip);
                    } else if (hostname != null && !hostname.isEmpty()) {
                        ingress.add(hostname);
                    }
                }
                List<String> all = new ArrayList<>(ingress);
                all.addAll(external);
                return all.isEmpty() ? "<pending>" : String.join(",", all);
            }
            case "ExternalName":
                return Cells.orEmpty(str(service, "spec.externalName"));
            default:
                return Cells.UNKNOWN;
        }
    }

    /** {@code 80/TCP}, or {@code 80:30080/TCP} with a node port. */
    static String ports(JsonObject service) {
        List<String> pieces = new ArrayList<>();
        for (JsonObject p : objects(service, "spec.ports")) {
            Long port = integerOrNull(p.get("port"));
            Long nodePort = integerOrNull(p.get("nodePort"));
            String protocol = Cells.strOr(p, "protocol", "TCP");
            String number = port == null ? "0" : port.toString();
            pieces.add(nodePort != null && nodePort > 0 ? number + ":" + nodePort + "/" + protocol
                    : number + "/" + protocol);
        }
        return pieces.isEmpty() ? Cells.NONE : String.join(",", pieces);
    }

    static KindTable endpoints() {
        return KindTable.of(Column.NAME,
                Column.text("Endpoints", "The addresses and ports behind the service.", NetworkPrinters::endpointList),
                Column.AGE);
    }

    /** {@code ip:port} for every ready address and port (just the ip when a subset has no ports). */
    private static String endpointList(JsonObject endpoints) {
        List<JsonObject> subsets = objects(endpoints, "subsets");
        if (subsets.isEmpty()) {
            return Cells.NONE;
        }
        List<String> all = new ArrayList<>();
        for (JsonObject subset : subsets) {
            List<String> ips = new ArrayList<>();
            for (JsonObject address : objects(subset, "addresses")) {
                ips.add(Cells.orEmpty(str(address, "ip")));
            }
            List<JsonObject> ports = objects(subset, "ports");
            if (ports.isEmpty()) {
                all.addAll(ips);
                continue;
            }
            for (JsonObject port : ports) {
                Long number = integerOrNull(port.get("port"));
                for (String ip : ips) {
                    all.add(hostPort(ip, number == null ? 0 : number));
                }
            }
        }
        return Cells.firstOf(all, SHOWN, "");
    }

    private static String hostPort(String host, long port) {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }

    static KindTable endpointSlices() {
        return KindTable.of(Column.NAME,
                Column.text("AddressType", "The kind of addresses in the slice: IPv4, IPv6 or FQDN.",
                        o -> Cells.orEmpty(str(o, "addressType"))),
                Column.text("Ports", "The ports of the endpoints.", NetworkPrinters::slicePorts),
                Column.text("Endpoints", "The addresses of the endpoints.", NetworkPrinters::sliceAddresses),
                Column.AGE);
    }

    private static String slicePorts(JsonObject slice) {
        List<String> ports = new ArrayList<>();
        for (JsonObject port : objects(slice, "ports")) {
            Long number = integerOrNull(port.get("port"));
            String name = str(port, "name");
            ports.add(number != null ? number.toString() : name != null ? name : "*");
        }
        return Cells.firstOf(ports, SHOWN, Cells.UNSET);
    }

    private static String sliceAddresses(JsonObject slice) {
        List<String> addresses = new ArrayList<>();
        for (JsonObject endpoint : objects(slice, "endpoints")) {
            addresses.addAll(strings(endpoint, "addresses"));
        }
        return Cells.firstOf(addresses, SHOWN, Cells.UNSET);
    }
}
