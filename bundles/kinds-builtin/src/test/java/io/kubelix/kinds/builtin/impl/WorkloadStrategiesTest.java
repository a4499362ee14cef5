package io.kubelix.kinds.builtin.impl;

import static io.kubelix.kinds.builtin.impl.Fixtures.assertError;
import static io.kubelix.kinds.builtin.impl.Fixtures.assertNoErrors;
import static io.kubelix.kinds.builtin.impl.Fixtures.at;
import static io.kubelix.kinds.builtin.impl.Fixtures.create;
import static io.kubelix.kinds.builtin.impl.Fixtures.json;
import static io.kubelix.kinds.builtin.impl.Fixtures.string;
import static io.kubelix.kinds.builtin.impl.Fixtures.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.JsonObject;
import io.kubelix.api.resource.FieldError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadStrategiesTest {
    private final WorkloadStrategies.Deployments deployments = new WorkloadStrategies.Deployments();
    private final WorkloadStrategies.ReplicaSets replicaSets = new WorkloadStrategies.ReplicaSets();
    private final WorkloadStrategies.StatefulSets statefulSets = new WorkloadStrategies.StatefulSets();
    private final WorkloadStrategies.DaemonSets daemonSets = new WorkloadStrategies.DaemonSets();
    private final WorkloadStrategies.ReplicationControllers controllers = new WorkloadStrategies.ReplicationControllers();

    private static final String TEMPLATE = "'template':{'metadata':{'labels':{'app':'web'}},"
            + "'spec':{'containers':[{'name':'web','image':'nginx:1.25'}]}}";

    /** A workload with the given extra spec fields, selecting app=web. */
    private static JsonObject workload(String extraSpec) {
        return json("{'metadata':{'name':'web','namespace':'default'},'spec':{'selector':{'matchLabels':{'app':'web'}},"
                + TEMPLATE + (extraSpec.isEmpty() ? "" : "," + extraSpec) + "}}");
    }

    // ---------------------------------------------------------------- Deployment

    @Test
    void minimalDeploymentGetsKubernetesDefaults() {
        JsonObject d = workload("");
        assertNoErrors(create(deployments, d));
        assertEquals(1, at(d, "spec.replicas").getAsInt());
        assertEquals("RollingUpdate", string(d, "spec.strategy.type"));
        assertEquals("25%", string(d, "spec.strategy.rollingUpdate.maxSurge"));
        assertEquals("25%", string(d, "spec.strategy.rollingUpdate.maxUnavailable"));
        assertEquals(10, at(d, "spec.revisionHistoryLimit").getAsInt());
        assertEquals(600, at(d, "spec.progressDeadlineSeconds").getAsInt());
        assertEquals("Always", string(d, "spec.template.spec.restartPolicy"));
        assertEquals("ClusterFirst", string(d, "spec.template.spec.dnsPolicy"));
        assertEquals("IfNotPresent", at(d, "spec.template.spec.containers").getAsJsonArray().get(0)
                .getAsJsonObject().get("imagePullPolicy").getAsString());
        // Pod-only defaults stay out of templates, as in Kubernetes.
        assertNull(at(d, "spec.template.spec.priority"));
        assertEquals("app=web", deployments.scaleSelector(d));
    }

    @Test
    void recreateDeploymentsGetNoRollingUpdateDefaults() {
        JsonObject d = workload("'strategy':{'type':'Recreate'}");
        assertNoErrors(create(deployments, d));
        assertNull(at(d, "spec.strategy.rollingUpdate"));
        assertError(create(deployments, workload("'strategy':{'type':'Recreate','rollingUpdate':{'maxSurge':1}}")),
                "spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'");
    }

    @Test
    void selectorMustSelectTheTemplate() {
        JsonObject d = json("{'metadata':{'name':'web'},'spec':{'selector':{'matchLabels':{'app':'api'}}," + TEMPLATE + "}}");
        assertError(create(deployments, d), "spec.template.metadata.labels",
                "Invalid value: {\"app\":\"web\"}: `selector` does not match template `labels`");
        JsonObject noSelector = json("{'metadata':{'name':'web'},'spec':{" + TEMPLATE + "}}");
        assertError(create(deployments, noSelector), "spec.selector", "Required value");
        JsonObject empty = json("{'metadata':{'name':'web'},'spec':{'selector':{}," + TEMPLATE + "}}");
        assertError(create(deployments, empty), "spec.selector", "empty selector is invalid for deployment");
        JsonObject badExpression = workload("").deepCopy();
        badExpression.getAsJsonObject("spec").add("selector",
                json("{'matchExpressions':[{'key':'app','operator':'In','values':[]}]}"));
        assertError(create(deployments, badExpression), "spec.selector.matchExpressions[0].values", "");
    }

    @Test
    void deploymentPodsMustRestartAlways() {
        JsonObject d = json("{'metadata':{'name':'web'},'spec':{'selector':{'matchLabels':{'app':'web'}},"
                + "'template':{'metadata':{'labels':{'app':'web'}},'spec':{'restartPolicy':'OnFailure',"
                + "'containers':[{'name':'web','image':'nginx'}]}}}}");
        assertError(create(deployments, d), "spec.template.spec.restartPolicy",
                "Unsupported value: \"OnFailure\": supported values: \"Always\"");
    }

    @Test
    void templateErrorsCarryTheTemplatePath() {
        JsonObject d = json("{'metadata':{'name':'web'},'spec':{'selector':{'matchLabels':{'app':'web'}},"
                + "'template':{'metadata':{'labels':{'app':'web'}},'spec':{'containers':[{'name':'web'}]}}}}");
        assertError(create(deployments, d), "spec.template.spec.containers[0].image", "Required value");
    }

    @Test
    void rollingUpdateBoundsAreChecked() {
        List<FieldError> errors = create(deployments,
                workload("'replicas':-1,'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':0,'maxUnavailable':'0%'}}"));
        assertError(errors, "spec.replicas", "must be greater than or equal to 0");
        assertError(errors, "spec.strategy.rollingUpdate.maxUnavailable", "may not be 0 when `maxSurge` is 0");
        assertError(create(deployments, workload("'strategy':{'rollingUpdate':{'maxUnavailable':'110%'}}")),
                "spec.strategy.rollingUpdate.maxUnavailable", "must not be greater than 100%");
        assertError(create(deployments, workload("'strategy':{'rollingUpdate':{'maxSurge':'a lot'}}")),
                "spec.strategy.rollingUpdate.maxSurge", "a valid percent string must be a numeric string followed by an ending '%'");
        assertError(create(deployments, workload("'strategy':{'type':'BlueGreen'}")), "spec.strategy.type",
                "Unsupported value: \"BlueGreen\": supported values: \"Recreate\", \"RollingUpdate\"");
        assertError(create(deployments, workload("'minReadySeconds':600,'progressDeadlineSeconds':600")),
                "spec.progressDeadlineSeconds", "must be greater than minReadySeconds");
    }

    @Test
    void deploymentSelectorIsImmutable() {
        JsonObject old = workload("");
        assertNoErrors(update(deployments, workload("'replicas':5"), old));
        JsonObject changed = json("{'metadata':{'name':'web'},'spec':{'selector':{'matchLabels':{'app':'web','tier':'x'}},"
                + "'template':{'metadata':{'labels':{'app':'web','tier':'x'}},'spec':{'containers':[{'name':'web','image':'nginx'}]}}}}");
        assertError(update(deployments, changed, old), "spec.selector", "field is immutable");
    }

    // ---------------------------------------------------------------- ReplicaSet, ReplicationController

    @Test
    void replicaSetsDefaultToOneReplicaAndExposeStatusReplicas() {
        JsonObject rs = workload("");
        assertNoErrors(create(replicaSets, rs));
        assertEquals(1, at(rs, "spec.replicas").getAsInt());
        assertEquals(Map.of("status.replicas", "0"), replicaSets.selectableFields(rs));
        rs.add("status", json("{'replicas':3}"));
        assertEquals(Map.of("status.replicas", "3"), replicaSets.selectableFields(rs));
        assertEquals("app=web", replicaSets.scaleSelector(rs));
    }

    @Test
    void replicationControllersTakeSelectorAndLabelsFromTheTemplate() {
        JsonObject rc = json("{'metadata':{'name':'web'},'spec':{" + TEMPLATE + "}}");
        assertNoErrors(create(controllers, rc));
        assertEquals("web", string(rc, "spec.selector.app"));
        assertEquals("web", string(rc, "metadata.labels.app"));
        assertEquals(1, at(rc, "spec.replicas").getAsInt());
        assertEquals("app=web", controllers.scaleSelector(rc));

        JsonObject mismatch = json("{'metadata':{'name':'web'},'spec':{'selector':{'app':'api'}," + TEMPLATE + "}}");
        assertError(create(controllers, mismatch), "spec.template.metadata.labels", "`selector` does not match template `labels`");
        assertError(create(controllers, json("{'metadata':{'name':'web'},'spec':{'selector':{'app':'web'}}}")),
                "spec.template", "Required value");
    }

    // ---------------------------------------------------------------- StatefulSet

    @Test
    void statefulSetDefaults() {
        JsonObject sts = workload("'serviceName':'web','volumeClaimTemplates':[{'metadata':{'name':'data'},"
                + "'spec':{'accessModes':['ReadWriteOnce'],'resources':{'requests':{'storage':'1Gi'}}}}]");
        assertNoErrors(create(statefulSets, sts));
        assertEquals(1, at(sts, "spec.replicas").getAsInt());
        assertEquals("OrderedReady", string(sts, "spec.podManagementPolicy"));
        assertEquals("RollingUpdate", string(sts, "spec.updateStrategy.type"));
        assertEquals(0, at(sts, "spec.updateStrategy.rollingUpdate.partition").getAsInt());
        assertEquals(10, at(sts, "spec.revisionHistoryLimit").getAsInt());
        assertEquals("Retain", string(sts, "spec.persistentVolumeClaimRetentionPolicy.whenDeleted"));
        assertEquals("Retain", string(sts, "spec.persistentVolumeClaimRetentionPolicy.whenScaled"));
        assertEquals("Filesystem", at(sts, "spec.volumeClaimTemplates").getAsJsonArray().get(0).getAsJsonObject()
                .getAsJsonObject("spec").get("volumeMode").getAsString());
    }

    @Test
    void statefulSetClaimTemplatesAreChecked() {
        List<FieldError> errors = create(statefulSets, workload("'volumeClaimTemplates':[{'spec':{'resources':{}}}]"));
        assertError(errors, "spec.volumeClaimTemplates[0].metadata.name", "Required value");
        assertError(errors, "spec.volumeClaimTemplates[0].spec.accessModes", "Required value");
        assertError(errors, "spec.volumeClaimTemplates[0].spec.resources[storage]", "Required value");
    }

    @Test
    void statefulSetSpecIsMostlyImmutable() {
        JsonObject old = workload("'serviceName':'web'");
        assertNoErrors(update(statefulSets, workload("'serviceName':'web','replicas':3,'minReadySeconds':5"), old));
        assertError(update(statefulSets, workload("'serviceName':'other'"), old), "spec",
                "Forbidden: updates to statefulset spec for fields other than 'replicas'");
        assertError(update(statefulSets, workload("'serviceName':'web','podManagementPolicy':'Parallel'"), old), "spec",
                "Forbidden");
    }

    // ---------------------------------------------------------------- DaemonSet

    @Test
    void daemonSetDefaultsAndRules() {
        JsonObject ds = workload("");
        assertNoErrors(create(daemonSets, ds));
        assertEquals("RollingUpdate", string(ds, "spec.updateStrategy.type"));
        assertEquals(1, at(ds, "spec.updateStrategy.rollingUpdate.maxUnavailable").getAsInt());
        assertEquals(0, at(ds, "spec.updateStrategy.rollingUpdate.maxSurge").getAsInt());
        assertEquals(10, at(ds, "spec.revisionHistoryLimit").getAsInt());
        assertNull(at(ds, "spec.replicas"));
        assertError(create(daemonSets, workload("'updateStrategy':{'rollingUpdate':{'maxUnavailable':0,'maxSurge':0}}")),
                "spec.updateStrategy.rollingUpdate.maxUnavailable", "may not be 0 when `maxSurge` is 0");
        assertError(create(daemonSets, workload("'updateStrategy':{'type':'Sometimes'}")), "spec.updateStrategy.type",
                "Unsupported value");
        JsonObject changed = json("{'metadata':{'name':'web'},'spec':{'selector':{'matchLabels':{'app':'web2'}},"
                + "'template':{'metadata':{'labels':{'app':'web2'}},'spec':{'containers':[{'name':'w','image':'x'}]}}}}");
        assertError(update(daemonSets, changed, workload("")), "spec.selector", "field is immutable");
    }
}
