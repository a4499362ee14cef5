package io.kubelix.apiserver.impl.printers;

import io.kubelix.api.resource.ResourceType;
import java.util.HashMap;
import java.util.Map;

/**
 * The columns kubectl shows for each kind the server serves, keyed by group and resource; kinds
 * not listed (custom resources, for now) get NAME and AGE.
 */
public final class Printers {
    private static final KindTable NAME_AND_AGE = KindTable.of(Column.NAME, Column.AGE);
    private static final Map<String, KindTable> BY_RESOURCE = catalogue();

    private Printers() {
    }

    /** How objects of a type print. */
    public static KindTable of(ResourceType type) {
        return BY_RESOURCE.getOrDefault(type.group() + "/" + type.plural(), NAME_AND_AGE);
    }

    private static Map<String, KindTable> catalogue() {
        Map<String, KindTable> m = new HashMap<>();
        m.put("/pods", PodPrinter.table());
        m.put("/namespaces", CorePrinters.namespaces());
        m.put("/nodes", CorePrinters.nodes());
        m.put("/configmaps", CorePrinters.configMaps());
        m.put("/secrets", CorePrinters.secrets());
        m.put("/serviceaccounts", CorePrinters.serviceAccounts());
        m.put("/resourcequotas", CorePrinters.resourceQuotas());
        m.put("/limitranges", CorePrinters.limitRanges());
        m.put("/services", NetworkPrinters.services());
        m.put("/endpoints", NetworkPrinters.endpoints());
        m.put("discovery.k8s.io/endpointslices", NetworkPrinters.endpointSlices());
        m.put("/events", EventPrinter.table(EventPrinter.CORE));
        m.put("events.k8s.io/events", EventPrinter.table(EventPrinter.EVENTS_V1));
        m.put("/persistentvolumes", StoragePrinters.persistentVolumes());
        m.put("/persistentvolumeclaims", StoragePrinters.persistentVolumeClaims());
        m.put("storage.k8s.io/storageclasses", StoragePrinters.storageClasses());
        m.put("storage.k8s.io/csidrivers", StoragePrinters.csiDrivers());
        m.put("storage.k8s.io/csinodes", StoragePrinters.csiNodes());
        m.put("storage.k8s.io/volumeattachments", StoragePrinters.volumeAttachments());
        m.put("/replicationcontrollers", WorkloadPrinters.replicationControllers());
        m.put("apps/deployments", WorkloadPrinters.deployments());
        m.put("apps/replicasets", WorkloadPrinters.replicaSets());
        m.put("apps/statefulsets", WorkloadPrinters.statefulSets());
        m.put("apps/daemonsets", WorkloadPrinters.daemonSets());
        m.put("apps/controllerrevisions", WorkloadPrinters.controllerRevisions());
        m.put("batch/jobs", WorkloadPrinters.jobs());
        m.put("batch/cronjobs", WorkloadPrinters.cronJobs());
        m.put("autoscaling/horizontalpodautoscalers", ScalingPrinters.horizontalPodAutoscalers());
        m.put("policy/poddisruptionbudgets", ScalingPrinters.podDisruptionBudgets());
        m.put("coordination.k8s.io/leases", CorePrinters.leases());
        m.put("scheduling.k8s.io/priorityclasses", CorePrinters.priorityClasses());
        m.put("node.k8s.io/runtimeclasses", CorePrinters.runtimeClasses());
        m.put("rbac.authorization.k8s.io/roles", RbacPrinters.roles());
        m.put("rbac.authorization.k8s.io/clusterroles", RbacPrinters.roles());
        m.put("rbac.authorization.k8s.io/rolebindings", RbacPrinters.bindings());
        m.put("rbac.authorization.k8s.io/clusterrolebindings", RbacPrinters.bindings());
        return Map.copyOf(m);
    }
}
