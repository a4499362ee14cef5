package io.kubelix.apiserver.impl.protobuf;

import com.google.protobuf.Message;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Authentication;
import io.kubernetes.client.proto.V1Authorization;
import io.kubernetes.client.proto.V1Autoscaling;
import io.kubernetes.client.proto.V1Batch;
import io.kubernetes.client.proto.V1Networking;
import io.kubernetes.client.proto.V1Policy;
import io.kubernetes.client.proto.V1Rbac;
import io.kubernetes.client.proto.V1Scheduling;
import io.kubernetes.client.proto.V1Storage;
import io.kubernetes.client.proto.V2beta2Autoscaling;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which generated protobuf message reads the {@code raw} object of a request body, by apiVersion and kind.
 * The kind is the message's own name (Kubernetes names its messages after its kinds).
 */
public final class ProtoKinds {

    private static final Map<String, Message> BY_GVK = new LinkedHashMap<>();

    static {
        register("v1", V1.ConfigMap.getDefaultInstance(), V1.Secret.getDefaultInstance(),
                V1.Namespace.getDefaultInstance(), V1.Service.getDefaultInstance(),
                V1.ServiceAccount.getDefaultInstance(), V1.Pod.getDefaultInstance(),
                V1.PodTemplate.getDefaultInstance(), V1.ReplicationController.getDefaultInstance(),
                V1.Endpoints.getDefaultInstance(), V1.Node.getDefaultInstance(),
                V1.LimitRange.getDefaultInstance(), V1.ResourceQuota.getDefaultInstance(),
                V1.Event.getDefaultInstance(), V1.PersistentVolume.getDefaultInstance(),
                V1.PersistentVolumeClaim.getDefaultInstance(), V1.Binding.getDefaultInstance());
        register("apps/v1", V1Apps.Deployment.getDefaultInstance(), V1Apps.ReplicaSet.getDefaultInstance(),
                V1Apps.StatefulSet.getDefaultInstance(), V1Apps.DaemonSet.getDefaultInstance(),
                V1Apps.ControllerRevision.getDefaultInstance());
        register("batch/v1", V1Batch.Job.getDefaultInstance(), V1Batch.CronJob.getDefaultInstance());
        register("autoscaling/v1", V1Autoscaling.HorizontalPodAutoscaler.getDefaultInstance(),
                V1Autoscaling.Scale.getDefaultInstance());
        // autoscaling/v2 was promoted from v2beta2 with the same messages and field numbers.
        register("autoscaling/v2", V2beta2Autoscaling.HorizontalPodAutoscaler.getDefaultInstance());
        register("policy/v1", V1Policy.PodDisruptionBudget.getDefaultInstance(),
                V1Policy.Eviction.getDefaultInstance());
        register("rbac.authorization.k8s.io/v1", V1Rbac.Role.getDefaultInstance(),
                V1Rbac.RoleBinding.getDefaultInstance(), V1Rbac.ClusterRole.getDefaultInstance(),
                V1Rbac.ClusterRoleBinding.getDefaultInstance());
        register("authorization.k8s.io/v1", V1Authorization.SelfSubjectAccessReview.getDefaultInstance(),
                V1Authorization.SelfSubjectRulesReview.getDefaultInstance(),
                V1Authorization.SubjectAccessReview.getDefaultInstance(),
                V1Authorization.LocalSubjectAccessReview.getDefaultInstance());
        register("authentication.k8s.io/v1", V1Authentication.TokenRequest.getDefaultInstance(),
                V1Authentication.TokenReview.getDefaultInstance(),
                V1Authentication.SelfSubjectReview.getDefaultInstance());
        register("scheduling.k8s.io/v1", V1Scheduling.PriorityClass.getDefaultInstance());
        register("storage.k8s.io/v1", V1Storage.StorageClass.getDefaultInstance(),
                V1Storage.CSIDriver.getDefaultInstance(), V1Storage.CSINode.getDefaultInstance(),
                V1Storage.VolumeAttachment.getDefaultInstance());
        register("networking.k8s.io/v1", V1Networking.Ingress.getDefaultInstance(),
                V1Networking.IngressClass.getDefaultInstance(), V1Networking.NetworkPolicy.getDefaultInstance());
        register("coordination.k8s.io/v1", HandWrittenSchemas.LEASE);
        register("events.k8s.io/v1", HandWrittenSchemas.EVENTS_EVENT);
    }

    private ProtoKinds() {
    }

    private static void register(String apiVersion, Message... prototypes) {
        for (Message prototype : prototypes) {
            BY_GVK.put(apiVersion + "/" + prototype.getDescriptorForType().getName(), prototype);
        }
    }

    /** The empty message whose parser reads objects of this kind, or null when the kind is not known. */
    public static Message prototype(String apiVersion, String kind) {
        return BY_GVK.get(apiVersion + "/" + kind);
    }

    /** "apiVersion/kind" of every kind that can be read, for error messages and tests. */
    public static Set<String> known() {
        return Collections.unmodifiableSet(BY_GVK.keySet());
    }
}
