package io.kubelix.apiserver.impl;

import static io.kubelix.apiserver.impl.Tables.assertCell;
import static io.kubelix.apiserver.impl.Tables.headers;
import static io.kubelix.apiserver.impl.Tables.wideHeaders;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkTableTest {
    private static JsonObject service(String spec, String status) {
        return Tables.print("", "v1", "services", """
                {"metadata": {"name": "web"}, "spec": %s, "status": %s}""".formatted(spec, status));
    }

    @Test
    void clusterIpServiceShowsItsAddressPortsAndSelector() {
        JsonObject table = service("""
                {"type": "ClusterIP", "clusterIP": "10.96.0.12", "clusterIPs": ["10.96.0.12"], "selector": {"app": "web"},
                 "ports": [{"port": 80, "targetPort": 8080, "protocol": "TCP"}, {"port": 53, "protocol": "UDP"}]}""", "{}");
        assertEquals(List.of("Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector"), headers(table));
        assertEquals(List.of("Selector"), wideHeaders(table));
        assertCell("ClusterIP", table, "Type");
        assertCell("10.96.0.12", table, "Cluster-IP");
        assertCell("<none>", table, "External-IP");
        assertCell("80/TCP,53/UDP", table, "Port(s)");
        assertCell("app=web", table, "Selector");
    }

    @Test
    void loadBalancerWithoutIngressIsPendingAndShowsNodePorts() {
        JsonObject table = service("""
                {"type": "LoadBalancer", "clusterIPs": ["10.96.0.20"],
                 "ports": [{"port": 80, "nodePort": 30080, "protocol": "TCP"}, {"port": 443, "nodePort": 30443, "protocol": "TCP"}]}""",
                "{\"loadBalancer\": {}}");
        assertCell("<pending>", table, "External-IP");
        assertCell("80:30080/TCP,443:30443/TCP", table, "Port(s)");
        assertCell("<none>", table, "Selector");
    }

    @Test
    void loadBalancerWithIngressListsIngressThenExternalIps() {
        JsonObject table = service("""
                {"type": "LoadBalancer", "externalIPs": ["192.0.2.9"], "ports": [{"port": 80, "nodePort": 31000}]}""", """
                {"loadBalancer": {"ingress": [{"ip": "203.0.113.7"}, {"hostname": "lb.example.com"}]}}""");
        assertCell("203.0.113.7,lb.example.com,192.0.2.9", table, "External-IP");
        assertCell("80:31000/TCP", table, "Port(s)");
    }

    @Test
    void externalNameAndNodePortServices() {
        JsonObject external = service("{\"type\": \"ExternalName\", \"externalName\": \"db.example.com\"}", "{}");
        assertCell("db.example.com", external, "External-IP");
        assertCell("<none>", external, "Cluster-IP");
        assertCell("<none>", external, "Port(s)");
        assertCell("198.51.100.1", service("""
                {"type": "NodePort", "externalIPs": ["198.51.100.1"], "ports": [{"port": 80, "nodePort": 30001}]}""", "{}"),
                "External-IP");
        assertCell("ClusterIP", service("{}", "{}"), "Type");
    }

    @Test
    void endpointsListThreeAddressesThenHowManyMore() {
        JsonObject table = Tables.print("", "v1", "endpoints", """
                {"metadata": {"name": "web"}, "subsets": [
                  {"addresses": [{"ip": "10.1.0.1"}, {"ip": "10.1.0.2"}], "ports": [{"port": 8080}, {"port": 9090}]},
                  {"addresses": [{"ip": "fd00::5"}], "ports": [{"port": 8080}]}]}""");
        assertEquals(List.of("Name", "Endpoints", "Age"), headers(table));
        assertCell("10.1.0.1:8080,10.1.0.2:8080,10.1.0.1:9090 + 2 more...", table, "Endpoints");
        assertCell("[fd00::5]:8080", Tables.print("", "v1", "endpoints", """
                {"metadata": {"name": "v6"}, "subsets": [{"addresses": [{"ip": "fd00::5"}], "ports": [{"port": 8080}]}]}"""),
                "Endpoints");
        assertCell("10.1.0.9", Tables.print("", "v1", "endpoints", """
                {"metadata": {"name": "headless"}, "subsets": [{"addresses": [{"ip": "10.1.0.9"}]}]}"""), "Endpoints");
        assertCell("<none>", Tables.print("", "v1", "endpoints", "{\"metadata\": {\"name\": \"empty\"}}"), "Endpoints");
    }

    @Test
    void endpointSlicesShowAddressTypePortsAndAddresses() {
        JsonObject table = Tables.print("discovery.k8s.io", "v1", "endpointslices", """
                {"metadata": {"name": "web-abc12"}, "addressType": "IPv4",
                 "ports": [{"name": "http", "port": 80}, {"name": "metrics"}],
                 "endpoints": [{"addresses": ["10.1.0.1"]}, {"addresses": ["10.1.0.2", "10.1.0.3"]}, {"addresses": ["10.1.0.4"]}]}""");
        assertEquals(List.of("Name", "AddressType", "Ports", "Endpoints", "Age"), headers(table));
        assertCell("IPv4", table, "AddressType");
        assertCell("80,metrics", table, "Ports");
        assertCell("10.1.0.1,10.1.0.2,10.1.0.3 + 1 more...", table, "Endpoints");
        JsonObject empty = Tables.print("discovery.k8s.io", "v1", "endpointslices",
                "{\"metadata\": {\"name\": \"e\"}, \"addressType\": \"IPv6\"}");
        assertCell("<unset>", empty, "Ports");
        assertCell("<unset>", empty, "Endpoints");
    }
}
