package io.kubelix.kinds.builtin.impl;

import static io.kubelix.kinds.builtin.impl.Fixtures.assertError;
import static io.kubelix.kinds.builtin.impl.Fixtures.assertNoErrors;
import static io.kubelix.kinds.builtin.impl.Fixtures.at;
import static io.kubelix.kinds.builtin.impl.Fixtures.create;
import static io.kubelix.kinds.builtin.impl.Fixtures.json;
import static io.kubelix.kinds.builtin.impl.Fixtures.string;
import static io.kubelix.kinds.builtin.impl.Fixtures.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.JsonObject;
import io.kubelix.api.resource.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodStrategyTest {
    private final PodStrategy strategy = new PodStrategy();

    static JsonObject pod(String containersJson) {
        return json("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'web','namespace':'default'},"
                + "'spec':{'containers':" + containersJson + "}}");
    }

    private static JsonObject withSpec(String specFields) {
        return json("{'metadata':{'name':'web'},'spec':{'containers':[{'name':'c','image':'nginx:1.25'}]"
                + (specFields.isEmpty() ? "" : "," + specFields) + "}}");
    }

    // ---------------------------------------------------------------- defaulting

    @Test
    void minimalPodGetsKubernetesDefaults() {
        JsonObject pod = pod("[{'name':'nginx','image':'nginx'}]");
        assertNoErrors(create(strategy, pod));

        assertEquals("Always", string(pod, "spec.restartPolicy"));
        assertEquals("ClusterFirst", string(pod, "spec.dnsPolicy"));
        assertEquals("default-scheduler", string(pod, "spec.schedulerName"));
        assertEquals(30, at(pod, "spec.terminationGracePeriodSeconds").getAsInt());
        assertEquals(new JsonObject(), at(pod, "spec.securityContext"));
        assertEquals(true, at(pod, "spec.enableServiceLinks").getAsBoolean());
        assertEquals("PreemptLowerPriority", string(pod, "spec.preemptionPolicy"));
        assertEquals(0, at(pod, "spec.priority").getAsInt());
        JsonObject c = at(pod, "spec.containers").getAsJsonArray().get(0).getAsJsonObject();
        assertEquals("Always", string(c, "imagePullPolicy"));
        assertEquals("/dev/termination-log", string(c, "terminationMessagePath"));
        assertEquals("File", string(c, "terminationMessagePolicy"));
        assertEquals(new JsonObject(), c.get("resources"));
        assertEquals("Pending", string(pod, "status.phase"));
        assertEquals("BestEffort", string(pod, "status.qosClass"));
    }

    @Test
    void pullPolicyFollowsTheImageTag() {
        assertEquals("Always", pullPolicy("nginx"));
        assertEquals("Always", pullPolicy("nginx:latest"));
        assertEquals("Always", pullPolicy("registry.local:5000/team/app"));
        assertEquals("IfNotPresent", pullPolicy("registry.local:5000/team/app:1.2"));
        assertEquals("IfNotPresent", pullPolicy("nginx:1.25"));
        assertEquals("IfNotPresent", pullPolicy("nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"));
        JsonObject explicit = pod("[{'name':'c','image':'nginx','imagePullPolicy':'Never'}]");
        strategy.applyDefaults(explicit);
        assertEquals("Never", string(explicit.getAsJsonObject("spec").getAsJsonArray("containers").get(0).getAsJsonObject(),
                "imagePullPolicy"));
    }

    private String pullPolicy(String image) {
        JsonObject pod = pod("[{'name':'c','image':'" + image + "'}]");
        strategy.applyDefaults(pod);
        return string(pod.getAsJsonObject("spec").getAsJsonArray("containers").get(0).getAsJsonObject(), "imagePullPolicy");
    }

    @Test
    void portsProbesAndVolumesAreDefaulted() {
        JsonObject pod = json("""
                {'metadata':{'name':'p'},'spec':{
                  'containers':[{'name':'c','image':'app:1','ports':[{'containerPort':8080}],
                     'livenessProbe':{'httpGet':{'port':8080}},
                     'readinessProbe':{'tcpSocket':{'port':'http'}},
                     'env':[{'name':'NODE','valueFrom':{'fieldRef':{'fieldPath':'spec.nodeName'}}}],
                     'volumeMounts':[{'name':'cfg','mountPath':'/etc/cfg'},{'name':'scratch','mountPath':'/tmp'}]}],
                  'volumes':[{'name':'cfg','configMap':{'name':'settings'}},{'name':'scratch'},
                             {'name':'creds','secret':{'secretName':'s'}}]}}""");
        assertNoErrors(create(strategy, pod));
        JsonObject c = at(pod, "spec.containers").getAsJsonArray().get(0).getAsJsonObject();
        assertEquals("TCP", c.getAsJsonArray("ports").get(0).getAsJsonObject().get("protocol").getAsString());
        JsonObject liveness = c.getAsJsonObject("livenessProbe");
        assertEquals(1, liveness.get("timeoutSeconds").getAsInt());
        assertEquals(10, liveness.get("periodSeconds").getAsInt());
        assertEquals(1, liveness.get("successThreshold").getAsInt());
        assertEquals(3, liveness.get("failureThreshold").getAsInt());
        assertEquals("HTTP", string(liveness, "httpGet.scheme"));
        assertEquals("/", string(liveness, "httpGet.path"));
        assertEquals(3, at(c, "readinessProbe.failureThreshold").getAsInt());
        assertEquals("v1", string(c.getAsJsonArray("env").get(0).getAsJsonObject(), "valueFrom.fieldRef.apiVersion"));
        var volumes = at(pod, "spec.volumes").getAsJsonArray();
        assertEquals(420, at(volumes.get(0).getAsJsonObject(), "configMap.defaultMode").getAsInt());
        assertEquals(new JsonObject(), volumes.get(1).getAsJsonObject().get("emptyDir"));
        assertEquals(420, at(volumes.get(2).getAsJsonObject(), "secret.defaultMode").getAsInt());
    }

    private static String string(JsonObject o, String path) {
        return Fixtures.string(o, path);
    }

    @Test
    void limitsWithoutRequestsBecomeRequestsAndMakeThePodGuaranteed() {
        JsonObject pod = pod("[{'name':'c','image':'app:1','resources':{'limits':{'cpu':'500m','memory':'128Mi'}}}]");
        assertNoErrors(create(strategy, pod));
        JsonObject c = at(pod, "spec.containers").getAsJsonArray().get(0).getAsJsonObject();
        assertEquals("500m", string(c, "resources.requests.cpu"));
        assertEquals("128Mi", string(c, "resources.requests.memory"));
        assertEquals("Guaranteed", string(pod, "status.qosClass"));

        JsonObject burstable = pod("[{'name':'c','image':'app:1','resources':{'requests':{'cpu':'100m'}}}]");
        strategy.applyDefaults(burstable);
        assertEquals("Burstable", string(burstable, "status.qosClass"));
    }

    @Test
    void templatesDoNotGetPodOnlyDefaults() {
        JsonObject spec = json("{'containers':[{'name':'c','image':'app:1','resources':{'limits':{'cpu':'1'}}}]}");
        PodTemplateRules.defaultPodSpec(spec);
        assertEquals("Always", string(spec, "restartPolicy"));
        assertNull(spec.get("priority"));
        assertNull(spec.get("enableServiceLinks"));
        assertNull(at(spec.getAsJsonArray("containers").get(0).getAsJsonObject(), "resources.requests"));
    }

    @Test
    void defaultingIsIdempotent() {
        JsonObject pod = pod("[{'name':'c','image':'app','ports':[{'containerPort':80}]}]");
        strategy.applyDefaults(pod);
        JsonObject once = pod.deepCopy();
        strategy.applyDefaults(pod);
        assertEquals(once, pod);
    }

    // ---------------------------------------------------------------- validation

    @Test
    void aPodNeedsContainersWithNamesAndImages() {
        assertError(create(strategy, json("{'metadata':{'name':'p'},'spec':{}}")), "spec.containers", "Required value");
        List<FieldError> errors = create(strategy, pod("[{'name':'Web_1'},{'name':'b','image':'x'},{'name':'b','image':'y'}]"));
        assertError(errors, "spec.containers[0].image", "Required value");
        assertError(errors, "spec.containers[0].name", "Invalid value: \"Web_1\": a lowercase RFC 1123 label");
        assertError(errors, "spec.containers[2].name", "Duplicate value: \"b\"");
    }

    @Test
    void initContainerNamesMustDifferFromContainerNames() {
        JsonObject pod = withSpec("'initContainers':[{'name':'c','image':'busybox:1'}]");
        assertError(create(strategy, pod), "spec.initContainers[0].name", "Duplicate value: \"c\"");
    }

    @Test
    void portsAreChecked() {
        List<FieldError> errors = create(strategy, pod("""
                [{'name':'c','image':'x:1','ports':[
                  {'containerPort':0},
                  {'containerPort':70000,'name':'http'},
                  {'containerPort':81,'name':'http','protocol':'HTTP'},
                  {'containerPort':82,'name':'Not_A_Name'}]}]"""));
        assertError(errors, "spec.containers[0].ports[0].containerPort", "Required value");
        assertError(errors, "spec.containers[0].ports[1].containerPort", "must be between 1 and 65535, inclusive");
        assertError(errors, "spec.containers[0].ports[2].name", "Duplicate value: \"http\"");
        assertError(errors, "spec.containers[0].ports[2].protocol",
                "Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"");
        assertError(errors, "spec.containers[0].ports[3].name", "must contain only alpha-numeric characters");
    }

    @Test
    void envNeedsAValidNameAndExactlyOneSource() {
        List<FieldError> errors = create(strategy, pod("""
                [{'name':'c','image':'x:1','env':[
                  {'name':'','value':'a'},
                  {'name':'A','valueFrom':{}},
                  {'name':'B','valueFrom':{'configMapKeyRef':{'name':'cm','key':'k'},'secretKeyRef':{'name':'s','key':'k'}}},
                  {'name':'C','value':'x','valueFrom':{'secretKeyRef':{'name':'s','key':'k'}}},
                  {'name':'D=E','value':'x'}]}]"""));
        assertError(errors, "spec.containers[0].env[0].name", "Required value");
        assertError(errors, "spec.containers[0].env[1].valueFrom", "must specify one of: `fieldRef`");
        assertError(errors, "spec.containers[0].env[2].valueFrom", "may not have more than one field specified at a time");
        assertError(errors, "spec.containers[0].env[3].valueFrom", "may not be specified when `value` is not empty");
        assertError(errors, "spec.containers[0].env[4].name", "other than '='");
    }

    @Test
    void requestsMayNotExceedLimits() {
        List<FieldError> errors = create(strategy,
                pod("[{'name':'c','image':'x:1','resources':{'requests':{'cpu':'2'},'limits':{'cpu':'1'}}}]"));
        assertError(errors, "spec.containers[0].resources.requests[cpu]",
                "Invalid value: \"2\": must be less than or equal to cpu limit of 1");
        assertNoErrors(create(strategy,
                pod("[{'name':'c','image':'x:1','resources':{'requests':{'cpu':'500m','memory':1000},'limits':{'cpu':1}}}]")));
    }

    @Test
    void quantitiesMustParseAndNotBeNegative() {
        List<FieldError> errors = create(strategy,
                pod("[{'name':'c','image':'x:1','resources':{'limits':{'memory':'lots','cpu':'-1'}}}]"));
        assertError(errors, "spec.containers[0].resources.limits[memory]", "Invalid value: \"lots\"");
        assertError(errors, "spec.containers[0].resources.limits[cpu]", "must be greater than or equal to 0");
    }

    @Test
    void restartAndDnsPoliciesAreEnumerations() {
        List<FieldError> errors = create(strategy, withSpec("'restartPolicy':'Sometimes','dnsPolicy':'Google'"));
        assertError(errors, "spec.restartPolicy",
                "Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"");
        assertError(errors, "spec.dnsPolicy", "Unsupported value: \"Google\"");
        assertError(create(strategy, withSpec("'dnsPolicy':'None'")), "spec.dnsConfig", "Required value");
    }

    @Test
    void volumesAndMountsMustLineUp() {
        List<FieldError> errors = create(strategy, json("""
                {'metadata':{'name':'p'},'spec':{
                  'containers':[{'name':'c','image':'x:1','volumeMounts':[
                     {'name':'data','mountPath':'/data'},{'name':'cfg','mountPath':'/data'},{'name':'cfg'}]}],
                  'volumes':[{'name':'cfg','configMap':{'name':'c'}},{'name':'cfg','emptyDir':{}},
                             {'name':'two','emptyDir':{},'hostPath':{'path':'/x'}}]}}"""));
        assertError(errors, "spec.containers[0].volumeMounts[0].name", "Not found: \"data\"");
        assertError(errors, "spec.containers[0].volumeMounts[1].mountPath", "must be unique");
        assertError(errors, "spec.containers[0].volumeMounts[2].mountPath", "Required value");
        assertError(errors, "spec.volumes[1].name", "Duplicate value: \"cfg\"");
        // sources are checked in a fixed order (hostPath before emptyDir): the later one is reported
        assertError(errors, "spec.volumes[2].emptyDir", "may not specify more than 1 volume type");
    }

    @Test
    void probesNeedExactlyOneHandler() {
        List<FieldError> errors = create(strategy, pod("""
                [{'name':'c','image':'x:1',
                  'livenessProbe':{'periodSeconds':5},
                  'readinessProbe':{'exec':{'command':['true']},'tcpSocket':{'port':80}},
                  'startupProbe':{'httpGet':{'port':80},'successThreshold':2}}]"""));
        assertError(errors, "spec.containers[0].livenessProbe", "Required value: must specify a handler type");
        assertError(errors, "spec.containers[0].readinessProbe.tcpSocket", "may not specify more than 1 handler type");
        assertError(errors, "spec.containers[0].startupProbe.successThreshold", "must be 1");
    }

    @Test
    void schedulingFieldsAreChecked() {
        List<FieldError> errors = create(strategy, withSpec("""
                'terminationGracePeriodSeconds':-1,
                'nodeSelector':{'disk type':'ssd'},
                'tolerations':[{'key':'a','operator':'In','value':'x'},{'operator':'Equal','value':'v'},
                               {'key':'b','operator':'Exists','value':'v'},{'key':'c','effect':'NoSchedule','tolerationSeconds':5}]"""));
        assertError(errors, "spec.terminationGracePeriodSeconds", "must be greater than or equal to 0");
        assertError(errors, "spec.nodeSelector", "Invalid value: \"disk type\"");
        assertError(errors, "spec.tolerations[0].operator", "Unsupported value: \"In\": supported values: \"Equal\", \"Exists\"");
        assertError(errors, "spec.tolerations[1].operator", "operator must be Exists when `key` is empty");
        assertError(errors, "spec.tolerations[2].operator", "value must be empty when `operator` is 'Exists'");
        assertError(errors, "spec.tolerations[3].effect", "effect must be 'NoExecute' when `tolerationSeconds` is set");
    }

    @Test
    void wrongJsonTypesAreReportedNotThrown() {
        List<FieldError> errors = create(strategy, withSpec("'terminationGracePeriodSeconds':'thirty','hostNetwork':'yes'"));
        assertError(errors, "spec.terminationGracePeriodSeconds", "must be an integer");
        assertError(errors, "spec.hostNetwork", "must be a boolean");
        assertError(create(strategy, json("{'metadata':{'name':'p'},'spec':{'containers':'nginx'}}")),
                "spec.containers", "must be a list");
    }

    @Test
    void aCompletePodIsValid() {
        JsonObject pod = json("""
                {'metadata':{'name':'p'},'spec':{
                  'initContainers':[{'name':'init','image':'busybox:1.36','command':['sh','-c','true']}],
                  'containers':[{'name':'app','image':'registry.example.com/app:2.1',
                     'ports':[{'name':'http','containerPort':8080},{'name':'metrics','containerPort':9090,'protocol':'TCP'}],
                     'env':[{'name':'MODE','value':'prod'},{'name':'PASS','valueFrom':{'secretKeyRef':{'name':'db','key':'password'}}}],
                     'envFrom':[{'configMapRef':{'name':'settings'}}],
                     'resources':{'requests':{'cpu':'250m','memory':'64Mi'},'limits':{'cpu':'1','memory':'256Mi'}},
                     'readinessProbe':{'httpGet':{'path':'/healthz','port':'http'}},
                     'volumeMounts':[{'name':'data','mountPath':'/var/lib/app'}]}],
                  'volumes':[{'name':'data','persistentVolumeClaim':{'claimName':'app-data'}}],
                  'nodeSelector':{'kubernetes.io/os':'linux'},
                  'tolerations':[{'key':'node.kubernetes.io/not-ready','operator':'Exists','effect':'NoExecute','tolerationSeconds':300}]}}""");
        assertNoErrors(create(strategy, pod));
    }

    // ---------------------------------------------------------------- update

    @Test
    void anUpdateMayChangeImages() {
        JsonObject old = pod("[{'name':'c','image':'app:1'}]");
        JsonObject changed = pod("[{'name':'c','image':'app:2'}]");
        assertNoErrors(update(strategy, changed, old));
    }

    @Test
    void anUpdateMayNotChangeOtherSpecFields() {
        JsonObject old = pod("[{'name':'c','image':'app:1'}]");
        JsonObject changed = pod("[{'name':'c','image':'app:1','args':['--debug']}]");
        List<FieldError> errors = update(strategy, changed, old);
        assertError(errors, "spec", "Forbidden: pod updates may not change fields other than `spec.containers[*].image`");
        assertError(errors, "spec", "spec.containers[0].args");
    }

    @Test
    void tolerationsMayOnlyBeAdded() {
        JsonObject old = withSpec("'tolerations':[{'key':'a','operator':'Exists'}]");
        assertNoErrors(update(strategy,
                withSpec("'tolerations':[{'key':'a','operator':'Exists'},{'key':'b','operator':'Exists'}]"), old));
        assertError(update(strategy, withSpec("'tolerations':[{'key':'b','operator':'Exists'}]"),
                withSpec("'tolerations':[{'key':'a','operator':'Exists'}]")), "spec.tolerations", "Forbidden");
    }

    @Test
    void activeDeadlineMayOnlyShrink() {
        assertNoErrors(update(strategy, withSpec("'activeDeadlineSeconds':30"), withSpec("'activeDeadlineSeconds':60")));
        assertNoErrors(update(strategy, withSpec("'activeDeadlineSeconds':30"), withSpec("")));
        assertError(update(strategy, withSpec("'activeDeadlineSeconds':90"), withSpec("'activeDeadlineSeconds':60")),
                "spec.activeDeadlineSeconds", "must be less than or equal to previous value");
    }

    @Test
    void nodeNameMayBeSetOnceToBindThePod() {
        assertNoErrors(update(strategy, withSpec("'nodeName':'node-1'"), withSpec("")));
        assertFalse(update(strategy, withSpec("'nodeName':'node-2'"), withSpec("'nodeName':'node-1'")).isEmpty());
    }

    @Test
    void selectableFieldsIncludeEmptyValues() {
        JsonObject pod = pod("[{'name':'c','image':'x'}]");
        strategy.applyDefaults(pod);
        var fields = strategy.selectableFields(pod);
        assertEquals("", fields.get("spec.nodeName"));
        assertEquals("Always", fields.get("spec.restartPolicy"));
        assertEquals("false", fields.get("spec.hostNetwork"));
        assertEquals("Pending", fields.get("status.phase"));
        assertEquals("default-scheduler", fields.get("spec.schedulerName"));
    }
}
