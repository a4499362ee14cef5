package io.kubelix.kinds.builtin.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubelix.api.resource.ResourceDefinition;
import io.kubelix.api.resource.ResourceType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CatalogueTest {
    private final List<ResourceDefinition> definitions = new BuiltinResourceDefinitions().definitions();

    /** What Kubernetes' discovery says, one row per resource: group/version plural kind scope shortNames categories subresources. */
    private static final List<String> KUBERNETES = List.of(
            "v1 namespaces Namespace cluster ns - status",
            "v1 pods Pod namespaced po all status",
            "v1 services Service namespaced svc all status",
            "v1 endpoints Endpoints namespaced ep - -",
            "v1 configmaps ConfigMap namespaced cm - -",
            "v1 secrets Secret namespaced - - -",
            "v1 serviceaccounts ServiceAccount namespaced sa - -",
            "v1 nodes Node cluster no - status",
            "v1 events Event namespaced ev - -",
            "v1 persistentvolumes PersistentVolume cluster pv - status",
            "v1 persistentvolumeclaims PersistentVolumeClaim namespaced pvc - status",
            "v1 resourcequotas ResourceQuota namespaced quota - status",
            "v1 limitranges LimitRange namespaced limits - -",
            "v1 replicationcontrollers ReplicationController namespaced rc all status,scale",
            "apps/v1 deployments Deployment namespaced deploy all status,scale",
            "apps/v1 replicasets ReplicaSet namespaced rs all status,scale",
            "apps/v1 statefulsets StatefulSet namespaced sts all status,scale",
            "apps/v1 daemonsets DaemonSet namespaced ds all status",
            "apps/v1 controllerrevisions ControllerRevision namespaced - - -",
            "batch/v1 jobs Job namespaced - all status",
            "batch/v1 cronjobs CronJob namespaced cj all status",
            "autoscaling/v1 horizontalpodautoscalers HorizontalPodAutoscaler namespaced hpa all status",
            "autoscaling/v2 horizontalpodautoscalers HorizontalPodAutoscaler namespaced hpa all status",
            "policy/v1 poddisruptionbudgets PodDisruptionBudget namespaced pdb - status",
            "coordination.k8s.io/v1 leases Lease namespaced - - -",
            "discovery.k8s.io/v1 endpointslices EndpointSlice namespaced - - -",
            "storage.k8s.io/v1 storageclasses StorageClass cluster sc - -",
            "storage.k8s.io/v1 csidrivers CSIDriver cluster - - -",
            "storage.k8s.io/v1 csinodes CSINode cluster - - -",
            "storage.k8s.io/v1 volumeattachments VolumeAttachment cluster - - status",
            "node.k8s.io/v1 runtimeclasses RuntimeClass cluster - - -",
            "scheduling.k8s.io/v1 priorityclasses PriorityClass cluster pc - -",
            "events.k8s.io/v1 events Event namespaced ev - -",
            "rbac.authorization.k8s.io/v1 roles Role namespaced - - -",
            "rbac.authorization.k8s.io/v1 rolebindings RoleBinding namespaced - - -",
            "rbac.authorization.k8s.io/v1 clusterroles ClusterRole cluster - - -",
            "rbac.authorization.k8s.io/v1 clusterrolebindings ClusterRoleBinding cluster - - -");

    private static String describe(ResourceType t) {
        return t.apiVersion() + " " + t.plural() + " " + t.kind() + " " + (t.namespaced() ? "namespaced" : "cluster")
                + " " + orDash(t.shortNames()) + " " + orDash(t.categories()) + " " + orDash(t.subresources());
    }

    private static String orDash(List<String> values) {
        return values.isEmpty() ? "-" : String.join(",", values);
    }

    @Test
    void servesExactlyTheListedKindsAsKubernetesDescribesThem() {
        Set<String> served = definitions.stream().map(d -> describe(d.type())).collect(Collectors.toSet());
        for (String expected : KUBERNETES) {
            assertTrue(served.contains(expected), () -> "missing or different: " + expected + "\nserved:\n"
                    + String.join("\n", served));
        }
        assertEquals(KUBERNETES.size(), definitions.size());
    }

    @Test
    void pluralsAndKindsAreUniquePerGroupVersion() {
        Set<String> plurals = new HashSet<>();
        Set<String> kinds = new HashSet<>();
        for (ResourceDefinition d : definitions) {
            assertTrue(plurals.add(d.type().apiVersion() + "/" + d.type().plural()), "duplicate " + d.type().plural());
            assertTrue(kinds.add(d.type().apiVersion() + "/" + d.type().kind()), "duplicate " + d.type().kind());
        }
    }

    @Test
    void shortNamesPointAtOneResourceName() {
        // "ev" is shared by core and events.k8s.io events, as in Kubernetes; both name "events".
        Map<String, String> owner = new HashMap<>();
        for (ResourceDefinition d : definitions) {
            for (String s : d.type().shortNames()) {
                String previous = owner.putIfAbsent(s, d.type().plural());
                assertTrue(previous == null || previous.equals(d.type().plural()), "short name " + s + " is ambiguous");
            }
        }
    }

    @Test
    void singularIsTheLowerCaseKind() {
        for (ResourceDefinition d : definitions) {
            assertEquals(d.type().kind().toLowerCase(java.util.Locale.ROOT), d.type().singular());
        }
        assertEquals("endpoints", find("", "endpoints").type().singular());
    }

    @Test
    void namespacesCannotBeDeletedAsACollectionEverythingElseHasAllVerbs() {
        for (ResourceDefinition d : definitions) {
            if (d.type().plural().equals("namespaces")) {
                assertEquals(List.of("create", "delete", "get", "list", "patch", "update", "watch"), d.type().verbs());
            } else {
                assertEquals(ResourceType.ALL_VERBS, d.type().verbs(), d.type().qualifiedPlural());
            }
        }
    }

    @Test
    void kindsWithoutDesiredStateDoNotBumpGeneration() {
        for (String plural : List.of("configmaps", "secrets", "endpoints", "serviceaccounts", "events")) {
            assertEquals(List.of(), find("", plural).strategy().specFields(), plural);
        }
        assertEquals(List.of(), find("rbac.authorization.k8s.io", "clusterroles").strategy().specFields());
        assertEquals(List.of(), find("storage.k8s.io", "storageclasses").strategy().specFields());
        assertEquals(List.of(), find("scheduling.k8s.io", "priorityclasses").strategy().specFields());
        assertEquals(List.of(), find("discovery.k8s.io", "endpointslices").strategy().specFields());
        assertEquals(List.of(), find("apps", "controllerrevisions").strategy().specFields());
        assertEquals(List.of("spec"), find("apps", "deployments").strategy().specFields());
        assertEquals(List.of("spec"), find("coordination.k8s.io", "leases").strategy().specFields());
    }

    @Test
    void namespacesAndServicesHaveLabelNames() {
        assertTrue(find("", "namespaces").strategy().nameIsLabel());
        assertTrue(find("", "services").strategy().nameIsLabel());
        assertTrue(!find("", "pods").strategy().nameIsLabel());
    }

    private ResourceDefinition find(String group, String plural) {
        ResourceDefinition d = definitions.stream()
                .filter(x -> x.type().group().equals(group) && x.type().plural().equals(plural)).findFirst().orElse(null);
        assertNotNull(d, group + "/" + plural);
        return d;
    }
}
