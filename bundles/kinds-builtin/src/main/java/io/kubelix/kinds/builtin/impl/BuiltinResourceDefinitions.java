package io.kubelix.kinds.builtin.impl;

import io.kubelix.api.resource.ResourceDefinition;
import io.kubelix.api.resource.ResourceDefinitionProvider;
import io.kubelix.api.resource.ResourceStrategy;
import io.kubelix.api.resource.ResourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Component;

/**
 * The Kubernetes built-in kinds this platform serves, with the names, scope, short names,
 * categories, verbs and subresources Kubernetes' discovery reports for them.
 * <p>
 * Only the status and scale subresources are listed: the others Kubernetes has (pods/log,
 * pods/exec, pods/binding, namespaces/finalize, serviceaccounts/token, ...) are not served yet.
 */
@Component(service = ResourceDefinitionProvider.class)
public class BuiltinResourceDefinitions implements ResourceDefinitionProvider {
    private static final List<ResourceDefinition> DEFINITIONS = catalogue();

    @Override
    public List<ResourceDefinition> definitions() {
        return DEFINITIONS;
    }

    private static List<ResourceDefinition> catalogue() {
        List<ResourceDefinition> all = new ArrayList<>();
        ResourceStrategy hpa1 = HpaStrategy.v1();
        ResourceStrategy hpa2 = HpaStrategy.v2();

        // core/v1
        all.add(in("", "v1").kind("Namespace", "namespaces").cluster().shortNames("ns").status()
                .verbs(List.of("create", "delete", "get", "list", "patch", "update", "watch"))
                .rules(new NamespaceStrategy()));
        all.add(in("", "v1").kind("Pod", "pods").shortNames("po").all().status().rules(new PodStrategy()));
        all.add(in("", "v1").kind("Service", "services").shortNames("svc").all().status().rules(new ServiceStrategy()));
        all.add(in("", "v1").kind("Endpoints", "endpoints").shortNames("ep").rules(new NetworkStrategies.Endpoints()));
        all.add(in("", "v1").kind("ConfigMap", "configmaps").shortNames("cm").rules(ConfigDataStrategy.configMaps()));
        all.add(in("", "v1").kind("Secret", "secrets").rules(ConfigDataStrategy.secrets()));
        all.add(in("", "v1").kind("ServiceAccount", "serviceaccounts").shortNames("sa").rules(DefaultStrategy.WITHOUT_SPEC));
        all.add(in("", "v1").kind("Node", "nodes").cluster().shortNames("no").status().rules(new NodeStrategy()));
        all.add(in("", "v1").kind("Event", "events").shortNames("ev").rules(new EventStrategies.CoreEvents()));
        all.add(in("", "v1").kind("PersistentVolume", "persistentvolumes").cluster().shortNames("pv").status()
                .rules(new StorageStrategies.PersistentVolumes()));
        all.add(in("", "v1").kind("PersistentVolumeClaim", "persistentvolumeclaims").shortNames("pvc").status()
                .rules(new StorageStrategies.PersistentVolumeClaims()));
        all.add(in("", "v1").kind("ResourceQuota", "resourcequotas").shortNames("quota").status()
                .rules(new QuotaStrategies.ResourceQuotas()));
        all.add(in("", "v1").kind("LimitRange", "limitranges").shortNames("limits").rules(new QuotaStrategies.LimitRanges()));
        all.add(in("", "v1").kind("ReplicationController", "replicationcontrollers").shortNames("rc").all().status().scale()
                .rules(new WorkloadStrategies.ReplicationControllers()));

        // apps/v1
        all.add(in("apps", "v1").kind("Deployment", "deployments").shortNames("deploy").all().status().scale()
                .rules(new WorkloadStrategies.Deployments()));
        all.add(in("apps", "v1").kind("ReplicaSet", "replicasets").shortNames("rs").all().status().scale()
                .rules(new WorkloadStrategies.ReplicaSets()));
        all.add(in("apps", "v1").kind("StatefulSet", "statefulsets").shortNames("sts").all().status().scale()
                .rules(new WorkloadStrategies.StatefulSets()));
        all.add(in("apps", "v1").kind("DaemonSet", "daemonsets").shortNames("ds").all().status()
                .rules(new WorkloadStrategies.DaemonSets()));
        all.add(in("apps", "v1").kind("ControllerRevision", "controllerrevisions").rules(new ControllerRevisionStrategy()));

        // batch/v1
        all.add(in("batch", "v1").kind("Job", "jobs").all().status().rules(new JobStrategies.Jobs()));
        all.add(in("batch", "v1").kind("CronJob", "cronjobs").shortNames("cj").all().status()
                .rules(new JobStrategies.CronJobs()));

        // autoscaling: two stored versions of one kind, not converted into each other yet
        all.add(in("autoscaling", "v1").kind("HorizontalPodAutoscaler", "horizontalpodautoscalers").shortNames("hpa")
                .all().status().rules(hpa1));
        all.add(in("autoscaling", "v2").kind("HorizontalPodAutoscaler", "horizontalpodautoscalers").shortNames("hpa")
                .all().status().rules(hpa2));

        all.add(in("policy", "v1").kind("PodDisruptionBudget", "poddisruptionbudgets").shortNames("pdb").status()
                .rules(new PolicyStrategies.PodDisruptionBudgets()));
        all.add(in("coordination.k8s.io", "v1").kind("Lease", "leases").rules(new LeaseStrategy()));
        all.add(in("discovery.k8s.io", "v1").kind("EndpointSlice", "endpointslices")
                .rules(new NetworkStrategies.EndpointSlices()));

        // storage.k8s.io/v1
        all.add(in("storage.k8s.io", "v1").kind("StorageClass", "storageclasses").cluster().shortNames("sc")
                .rules(new StorageStrategies.StorageClasses()));
        all.add(in("storage.k8s.io", "v1").kind("CSIDriver", "csidrivers").cluster()
                .rules(new StorageStrategies.CsiDrivers()));
        all.add(in("storage.k8s.io", "v1").kind("CSINode", "csinodes").cluster().rules(new StorageStrategies.CsiNodes()));
        all.add(in("storage.k8s.io", "v1").kind("VolumeAttachment", "volumeattachments").cluster().status()
                .rules(new StorageStrategies.VolumeAttachments()));

        all.add(in("node.k8s.io", "v1").kind("RuntimeClass", "runtimeclasses").cluster()
                .rules(new PolicyStrategies.RuntimeClasses()));
        all.add(in("scheduling.k8s.io", "v1").kind("PriorityClass", "priorityclasses").cluster().shortNames("pc")
                .rules(new PolicyStrategies.PriorityClasses()));
        all.add(in("events.k8s.io", "v1").kind("Event", "events").shortNames("ev").rules(new EventStrategies.NewEvents()));

        // rbac.authorization.k8s.io/v1
        String rbac = RbacStrategies.GROUP;
        all.add(in(rbac, "v1").kind("Role", "roles").rules(new RbacStrategies.Roles(true)));
        all.add(in(rbac, "v1").kind("RoleBinding", "rolebindings").rules(new RbacStrategies.Bindings(true)));
        all.add(in(rbac, "v1").kind("ClusterRole", "clusterroles").cluster().rules(new RbacStrategies.Roles(false)));
        all.add(in(rbac, "v1").kind("ClusterRoleBinding", "clusterrolebindings").cluster()
                .rules(new RbacStrategies.Bindings(false)));
        return List.copyOf(all);
    }

    private static Entry in(String group, String version) {
        return new Entry(group, version);
    }

    /** Reads like the discovery entry it produces; namespaced, all verbs and no extras unless said. */
    private static final class Entry {
        private final String group;
        private final String version;
        private String kind;
        private String plural;
        private boolean namespaced = true;
        private List<String> shortNames = List.of();
        private List<String> categories = List.of();
        private List<String> verbs = ResourceType.ALL_VERBS;
        private final List<String> subresources = new ArrayList<>();

        Entry(String group, String version) {
            this.group = group;
            this.version = version;
        }

        Entry kind(String kind, String plural) {
            this.kind = kind;
            this.plural = plural;
            return this;
        }

        Entry cluster() {
            namespaced = false;
            return this;
        }

        Entry shortNames(String... names) {
            shortNames = List.of(names);
            return this;
        }

        /** In the "all" category: what {@code kubectl get all} lists. */
        Entry all() {
            categories = List.of("all");
            return this;
        }

        Entry verbs(List<String> verbs) {
            this.verbs = verbs;
            return this;
        }

        Entry status() {
            subresources.add("status");
            return this;
        }

        Entry scale() {
            subresources.add("scale");
            return this;
        }

        ResourceDefinition rules(ResourceStrategy strategy) {
            // Built-in singular names are the lower-cased kind ("endpoints" included).
            ResourceType type = new ResourceType(group, version, kind, plural, kind.toLowerCase(Locale.ROOT),
                    namespaced, shortNames, categories, verbs, subresources);
            return new ResourceDefinition(type, strategy);
        }
    }
}
