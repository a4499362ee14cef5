package io.kubelix.apiserver.impl;

import static io.kubelix.apiserver.impl.Tables.assertCell;
import static io.kubelix.apiserver.impl.Tables.headers;
import static io.kubelix.apiserver.impl.Tables.wideHeaders;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Nodes, namespaces, config and identity objects, quotas, leases, scheduling classes and RBAC. */
class ClusterTableTest {
    @Test
    void nodesShowReadinessRolesVersionAndWhenWideTheirSystem() {
        JsonObject table = Tables.print("", "v1", "nodes", """
                {"metadata": {"name": "node-1", "labels": {"node-role.kubernetes.io/control-plane": "",
                   "node-role.kubernetes.io/worker": "true", "kubernetes.io/role": "edge", "kubernetes.io/os": "linux"}},
                 "spec": {"unschedulable": true},
                 "status": {"conditions": [{"type": "MemoryPressure", "status": "False"}, {"type": "Ready", "status": "True"}],
                   "addresses": [{"type": "Hostname", "address": "node-1"}, {"type": "InternalIP", "address": "192.168.1.10"}],
                   "nodeInfo": {"kubeletVersion": "v1.31.0", "osImage": "Debian GNU/Linux 12", "kernelVersion": "6.1.0",
                     "containerRuntimeVersion": "containerd://1.7.20"}}}""");
        assertEquals(List.of("Name", "Status", "Roles", "Age", "Version", "Internal-IP", "External-IP", "OS-Image",
                "Kernel-Version", "Container-Runtime"), headers(table));
        assertEquals(List.of("Internal-IP", "External-IP", "OS-Image", "Kernel-Version", "Container-Runtime"),
                wideHeaders(table));
        assertCell("Ready,SchedulingDisabled", table, "Status");
        assertCell("control-plane,edge,worker", table, "Roles");
        assertCell("v1.31.0", table, "Version");
        assertCell("192.168.1.10", table, "Internal-IP");
        assertCell("<none>", table, "External-IP");
        assertCell("Debian GNU/Linux 12", table, "OS-Image");
        assertCell("containerd://1.7.20", table, "Container-Runtime");

        JsonObject bare = Tables.print("", "v1", "nodes", """
                {"metadata": {"name": "node-2"}, "status": {"conditions": [{"type": "Ready", "status": "Unknown"}]}}""");
        assertCell("NotReady", bare, "Status");
        assertCell("<none>", bare, "Roles");
        assertCell("<unknown>", bare, "OS-Image");
        assertCell("<unknown>", bare, "Kernel-Version");
        assertCell("Unknown", Tables.print("", "v1", "nodes", "{\"metadata\": {\"name\": \"n\"}}"), "Status");
    }

    @Test
    void namespacesConfigMapsSecretsAndServiceAccounts() {
        JsonObject ns = Tables.print("", "v1", "namespaces", "{\"metadata\": {\"name\": \"team-a\"}, \"status\": {\"phase\": \"Active\"}}");
        assertEquals(List.of("Name", "Status", "Age"), headers(ns));
        assertCell("Active", ns, "Status");

        JsonObject cm = Tables.print("", "v1", "configmaps", """
                {"metadata": {"name": "settings"}, "data": {"a": "1", "b": "2"}, "binaryData": {"c": "AA=="}}""");
        assertEquals(List.of("Name", "Data", "Age"), headers(cm));
        assertCell(3, cm, "Data");

        JsonObject secret = Tables.print("", "v1", "secrets", """
                {"metadata": {"name": "tls"}, "type": "kubernetes.io/tls", "data": {"tls.crt": "", "tls.key": ""}}""");
        assertEquals(List.of("Name", "Type", "Data", "Age"), headers(secret));
        assertCell("kubernetes.io/tls", secret, "Type");
        assertCell(2, secret, "Data");

        JsonObject sa = Tables.print("", "v1", "serviceaccounts", "{\"metadata\": {\"name\": \"default\"}}");
        assertEquals(List.of("Name", "Secrets", "Age"), headers(sa));
        assertCell(0, sa, "Secrets");
    }

    @Test
    void resourceQuotasSplitRequestsFromLimitsSortedByResource() {
        JsonObject table = Tables.print("", "v1", "resourcequotas", """
                {"metadata": {"name": "compute"}, "status": {
                   "hard": {"requests.cpu": "2", "pods": "10", "limits.memory": "4Gi", "limits.cpu": "4"},
                   "used": {"requests.cpu": "500m", "pods": 3, "limits.cpu": "1"}}}""");
        assertEquals(List.of("Name", "Request", "Limit", "Age"), headers(table));
        assertCell("pods: 3/10, requests.cpu: 500m/2", table, "Request");
        assertCell("limits.cpu: 1/4, limits.memory: 0/4Gi", table, "Limit");
        assertCell("", Tables.print("", "v1", "resourcequotas", "{\"metadata\": {\"name\": \"q\"}}"), "Limit");
    }

    @Test
    void limitRangesAndRolesShowTheirCreationDate() {
        for (String[] kind : new String[][] {{"", "limitranges"}, {"rbac.authorization.k8s.io", "roles"},
                {"rbac.authorization.k8s.io", "clusterroles"}}) {
            JsonObject table = Tables.print(kind[0], "v1", kind[1], """
                    {"metadata": {"name": "x", "creationTimestamp": "2026-03-04T05:06:07Z"}}""");
            assertEquals(List.of("Name", "Created At"), headers(table), kind[1]);
            assertEquals("date", Tables.definition(table, "Created At").get("type").getAsString());
            assertCell("2026-03-04T05:06:07Z", table, "Created At");
        }
    }

    @Test
    void bindingsShowTheirRoleAndWhenWideTheirSubjects() {
        JsonObject table = Tables.print("rbac.authorization.k8s.io", "v1", "rolebindings", """
                {"metadata": {"name": "readers"}, "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "view"},
                 "subjects": [{"kind": "User", "name": "alice"}, {"kind": "User", "name": "bob"},
                   {"kind": "Group", "name": "devs"}, {"kind": "ServiceAccount", "namespace": "ci", "name": "builder"}]}""");
        assertEquals(List.of("Name", "Role", "Age", "Users", "Groups", "ServiceAccounts"), headers(table));
        assertEquals(List.of("Users", "Groups", "ServiceAccounts"), wideHeaders(table));
        assertCell("ClusterRole/view", table, "Role");
        assertCell("alice, bob", table, "Users");
        assertCell("devs", table, "Groups");
        assertCell("ci:builder", table, "ServiceAccounts");
        JsonObject cluster = Tables.print("rbac.authorization.k8s.io", "v1", "clusterrolebindings", """
                {"metadata": {"name": "admins"}, "roleRef": {"kind": "ClusterRole", "name": "cluster-admin"}}""");
        assertEquals(headers(table), headers(cluster));
        assertCell("", cluster, "Users");
    }

    @Test
    void leasesPriorityClassesAndRuntimeClasses() {
        JsonObject lease = Tables.print("coordination.k8s.io", "v1", "leases", """
                {"metadata": {"name": "kube-scheduler"}, "spec": {"holderIdentity": "node-1_abc"}}""");
        assertEquals(List.of("Name", "Holder", "Age"), headers(lease));
        assertCell("node-1_abc", lease, "Holder");

        JsonObject pc = Tables.print("scheduling.k8s.io", "v1", "priorityclasses", """
                {"metadata": {"name": "high"}, "value": 1000000, "globalDefault": true, "preemptionPolicy": "Never"}""");
        assertEquals(List.of("Name", "Value", "Global-Default", "Age", "PreemptionPolicy"), headers(pc));
        assertCell(1000000, pc, "Value");
        assertCell(true, pc, "Global-Default");
        assertCell("Never", pc, "PreemptionPolicy");

        JsonObject rc = Tables.print("node.k8s.io", "v1", "runtimeclasses", "{\"metadata\": {\"name\": \"gvisor\"}, \"handler\": \"runsc\"}");
        assertEquals(List.of("Name", "Handler", "Age"), headers(rc));
        assertCell("runsc", rc, "Handler");
    }
}
