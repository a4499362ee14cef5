package io.kubelix.apiserver.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.UnknownFieldSet;
import io.kubelix.api.json.Json;
import io.kubelix.api.resource.ApiException;
import io.kubelix.apiserver.impl.protobuf.ProtoKinds;
import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Meta.ObjectMeta;
import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Authentication;
import io.kubernetes.client.proto.V1Authorization;
import io.kubernetes.client.proto.V1Autoscaling;
import io.kubernetes.client.proto.V2beta2Autoscaling;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

class ProtobufBodiesTest {

    private static final long NOV_25_10AM = Instant.parse("2026-11-25T10:00:00Z").getEpochSecond();

    /** The envelope as kubectl writes it: "k8s\0", then runtime.Unknown with empty encoding and type. */
    private static byte[] envelope(String apiVersion, String kind, byte[] raw) {
        Runtime.Unknown unknown = Runtime.Unknown.newBuilder()
                .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
                .setRaw(ByteString.copyFrom(raw))
                .setContentEncoding("")
                .setContentType("")
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'k', '8', 's', 0});
        out.writeBytes(unknown.toByteArray());
        return out.toByteArray();
    }

    private static byte[] envelope(String apiVersion, Message object) {
        return envelope(apiVersion, object.getDescriptorForType().getName(), object.toByteArray());
    }

    /** Go's marshaller writes non-pointer fields even when empty: this is what kubectl's metadata looks like. */
    private static ObjectMeta.Builder goMeta(String name) {
        return ObjectMeta.newBuilder().setName(name).setGenerateName("").setNamespace("").setSelfLink("")
                .setUid("").setResourceVersion("").setGeneration(0)
                .setCreationTimestamp(Meta.Time.newBuilder().setSeconds(0).setNanos(0));
    }

    private static void assertJson(String expected, JsonObject actual) {
        assertEquals(Json.parseObject(expected), actual, () -> "got " + actual);
    }

    private static ApiException refused(byte[] body) {
        return assertThrows(ApiException.class, () -> ProtobufBodies.decode(body));
    }

    @Test
    void configMapFromKubectlCreate() {
        V1.ConfigMap configMap = V1.ConfigMap.newBuilder()
                .setMetadata(goMeta("settings"))
                .putData("a", "b")
                .putData("file.txt", "line 1\nline 2\n")
                .putData("empty", "")
                .putBinaryData("blob", ByteString.copyFrom(new byte[] {0, (byte) 0xff, 1}))
                .build();
        JsonObject json = ProtobufBodies.decode(envelope("v1", configMap));
        assertJson("""
                {"apiVersion":"v1","kind":"ConfigMap",
                 "metadata":{"name":"settings"},
                 "data":{"a":"b","empty":"","file.txt":"line 1\\nline 2\\n"},
                 "binaryData":{"blob":"AP8B"}}""", json);
        // apiVersion and kind lead, as in a JSON body.
        assertTrue(Json.write(json).startsWith("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\""), json::toString);
    }

    @Test
    void secretBytesAreBase64() {
        String dockerConfig = "{\"auths\":{\"reg.example\":{\"username\":\"u\",\"password\":\"p\",\"auth\":\"dTpw\"}}}";
        V1.Secret secret = V1.Secret.newBuilder()
                .setMetadata(goMeta("pull"))
                .setType("kubernetes.io/dockerconfigjson")
                .putData(".dockerconfigjson", ByteString.copyFromUtf8(dockerConfig))
                .putData("password", ByteString.copyFromUtf8("hunter2"))
                .build();
        assertJson("""
                {"apiVersion":"v1","kind":"Secret",
                 "metadata":{"name":"pull"},
                 "type":"kubernetes.io/dockerconfigjson",
                 "data":{".dockerconfigjson":"eyJhdXRocyI6eyJyZWcuZXhhbXBsZSI6eyJ1c2VybmFtZSI6InUiLCJwYXNzd29yZCI6InAiLCJhdXRoIjoiZFRwdyJ9fX0=",
                         "password":"aHVudGVyMg=="}}""",
                ProtobufBodies.decode(envelope("v1", secret)));
    }

    @Test
    void deploymentWithQuantitiesIntOrStringAndTimes() {
        V1Apps.Deployment deployment = V1Apps.Deployment.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName("web").putLabels("app", "web")
                        .setCreationTimestamp(Meta.Time.newBuilder().setSeconds(NOV_25_10AM)))
                .setSpec(V1Apps.DeploymentSpec.newBuilder()
                        .setReplicas(0)
                        .setSelector(Meta.LabelSelector.newBuilder().putMatchLabels("app", "web"))
                        .setTemplate(V1.PodTemplateSpec.newBuilder()
                                .setMetadata(goMeta("").putLabels("app", "web"))
                                .setSpec(V1.PodSpec.newBuilder().addContainers(V1.Container.newBuilder()
                                        .setName("busybox").setImage("busybox").setTerminationMessagePath("")
                                        .setResources(V1.ResourceRequirements.newBuilder()
                                                .putLimits("cpu", Quantity.newBuilder().setString("500m").build())
                                                .putLimits("memory", Quantity.newBuilder().setString("128Mi").build())
                                                .putRequests("cpu", Quantity.newBuilder().setString("250m").build())))))
                        .setStrategy(V1Apps.DeploymentStrategy.newBuilder().setType("RollingUpdate")
                                .setRollingUpdate(V1Apps.RollingUpdateDeployment.newBuilder()
                                        .setMaxSurge(IntOrString.newBuilder().setType(1).setStrVal("25%"))
                                        .setMaxUnavailable(IntOrString.newBuilder().setType(0).setIntVal(1)))))
                .setStatus(V1Apps.DeploymentStatus.newBuilder())
                .build();
        assertJson("""
                {"apiVersion":"apps/v1","kind":"Deployment",
                 "metadata":{"name":"web","labels":{"app":"web"},"creationTimestamp":"2026-11-25T10:00:00Z"},
                 "spec":{"replicas":0,
                         "selector":{"matchLabels":{"app":"web"}},
                         "template":{"metadata":{"labels":{"app":"web"}},
                                     "spec":{"containers":[{"name":"busybox","image":"busybox",
                                       "resources":{"limits":{"cpu":"500m","memory":"128Mi"},
                                                    "requests":{"cpu":"250m"}}}]}},
                         "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":1,"maxSurge":"25%"}}},
                 "status":{}}""",
                ProtobufBodies.decode(envelope("apps/v1", deployment)));
    }

    @Test
    void serviceWithNumericTargetPortAndManagedFields() {
        V1.Service service = V1.Service.newBuilder()
                .setMetadata(goMeta("db").addManagedFields(Meta.ManagedFieldsEntry.newBuilder()
                        .setManager("kubectl").setOperation("Update").setApiVersion("v1")
                        .setTime(Meta.Time.newBuilder().setSeconds(NOV_25_10AM))
                        .setFieldsType("FieldsV1")
                        .setFieldsV1(Meta.FieldsV1.newBuilder()
                                .setRaw(ByteString.copyFromUtf8("{\"f:spec\":{\"f:type\":{}}}")))))
                .setSpec(V1.ServiceSpec.newBuilder().setType("ClusterIP").setClusterIP("")
                        .addPorts(V1.ServicePort.newBuilder().setName("5432-5432").setProtocol("TCP")
                                .setPort(5432).setTargetPort(IntOrString.newBuilder().setType(0).setIntVal(5432)))
                        .putSelector("app", "db"))
                .build();
        assertJson("""
                {"apiVersion":"v1","kind":"Service",
                 "metadata":{"name":"db","managedFields":[{"manager":"kubectl","operation":"Update",
                   "apiVersion":"v1","time":"2026-11-25T10:00:00Z","fieldsType":"FieldsV1",
                   "fieldsV1":{"f:spec":{"f:type":{}}}}]},
                 "spec":{"ports":[{"name":"5432-5432","protocol":"TCP","port":5432,"targetPort":5432}],
                         "selector":{"app":"db"},"type":"ClusterIP"}}""",
                ProtobufBodies.decode(envelope("v1", service)));
    }

    /** Go writes unset non-pointer fields as zeros; only pointer fields' zeros (and required ones) are meant. */
    @Test
    void zeroValuesAreKeptOnlyWhereGoWouldWriteThemToJson() {
        V1.Pod pod = V1.Pod.newBuilder()
                .setMetadata(goMeta("p"))
                .setSpec(V1.PodSpec.newBuilder()
                        .setTerminationGracePeriodSeconds(0)
                        .setAutomountServiceAccountToken(false)
                        .setHostNetwork(false)
                        .setHostname("")
                        .addContainers(V1.Container.newBuilder().setName("app").setImage("busybox")
                                .setStdin(false).setTty(false).setWorkingDir("")
                                .addPorts(V1.ContainerPort.newBuilder().setContainerPort(8080).setHostPort(0)
                                        .setName("").setProtocol("TCP"))
                                .setReadinessProbe(V1.Probe.newBuilder().setInitialDelaySeconds(0).setTimeoutSeconds(0)
                                        .setPeriodSeconds(0).setSuccessThreshold(0).setFailureThreshold(0)
                                        .setHandler(V1.ProbeHandler.newBuilder().setTcpSocket(
                                                V1.TCPSocketAction.newBuilder().setHost("")
                                                        .setPort(IntOrString.newBuilder().setType(0).setIntVal(8080)))))
                                .setSecurityContext(V1.SecurityContext.newBuilder().setRunAsUser(0)
                                        .setAllowPrivilegeEscalation(false))
                                .addEnv(V1.EnvVar.newBuilder().setName("MODE").setValue("")
                                        .setValueFrom(V1.EnvVarSource.newBuilder().setConfigMapKeyRef(
                                                V1.ConfigMapKeySelector.newBuilder().setKey("mode")
                                                        .setLocalObjectReference(V1.LocalObjectReference.newBuilder()
                                                                .setName("settings")))))
                                .addVolumeMounts(V1.VolumeMount.newBuilder().setName("conf").setMountPath("/etc/app")
                                        .setReadOnly(true)))
                        .addVolumes(V1.Volume.newBuilder().setName("conf").setVolumeSource(V1.VolumeSource.newBuilder()
                                .setConfigMap(V1.ConfigMapVolumeSource.newBuilder().setDefaultMode(0644)
                                        .setLocalObjectReference(V1.LocalObjectReference.newBuilder()
                                                .setName("settings"))))))
                .build();
        assertJson("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},
                 "spec":{"containers":[{"name":"app","image":"busybox",
                           "ports":[{"containerPort":8080,"protocol":"TCP"}],
                           "readinessProbe":{"tcpSocket":{"port":8080}},
                           "securityContext":{"runAsUser":0,"allowPrivilegeEscalation":false},
                           "env":[{"name":"MODE","valueFrom":{"configMapKeyRef":{"name":"settings","key":"mode"}}}],
                           "volumeMounts":[{"name":"conf","mountPath":"/etc/app","readOnly":true}]}],
                         "volumes":[{"name":"conf","configMap":{"name":"settings","defaultMode":420}}],
                         "terminationGracePeriodSeconds":0,"automountServiceAccountToken":false}}""",
                ProtobufBodies.decode(envelope("v1", pod)));

        V1.Service service = V1.Service.newBuilder().setMetadata(goMeta("np"))
                .setSpec(V1.ServiceSpec.newBuilder().setType("NodePort").setHealthCheckNodePort(0)
                        .setPublishNotReadyAddresses(false)
                        .addPorts(V1.ServicePort.newBuilder().setPort(80).setNodePort(0)
                                .setTargetPort(IntOrString.newBuilder().setType(0).setIntVal(8080))))
                .build();
        assertJson("""
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"np"},
                 "spec":{"ports":[{"port":80,"targetPort":8080}],"type":"NodePort"}}""",
                ProtobufBodies.decode(envelope("v1", service)));
    }

    @Test
    void reviewsAndTokenRequestsAndAutoscalers() {
        V1Authorization.SelfSubjectAccessReview review = V1Authorization.SelfSubjectAccessReview.newBuilder()
                .setMetadata(goMeta(""))
                .setSpec(V1Authorization.SelfSubjectAccessReviewSpec.newBuilder()
                        .setResourceAttributes(V1Authorization.ResourceAttributes.newBuilder()
                                .setNamespace("default").setVerb("create").setGroup("").setResource("pods")))
                .build();
        assertJson("""
                {"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview","metadata":{},
                 
                 "spec":{"resourceAttributes":{"namespace":"default","verb":"create","resource":"pods"}}}""",
                ProtobufBodies.decode(envelope("authorization.k8s.io/v1", review)));

        V1Authentication.TokenRequest token = V1Authentication.TokenRequest.newBuilder()
                .setSpec(V1Authentication.TokenRequestSpec.newBuilder().addAudiences("https://kubernetes.default.svc")
                        .setExpirationSeconds(3600))
                .build();
        assertJson("""
                {"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest",
                 "spec":{"audiences":["https://kubernetes.default.svc"],"expirationSeconds":3600}}""",
                ProtobufBodies.decode(envelope("authentication.k8s.io/v1", token)));

        V1Autoscaling.HorizontalPodAutoscaler hpa = V1Autoscaling.HorizontalPodAutoscaler.newBuilder()
                .setMetadata(goMeta("web"))
                .setSpec(V1Autoscaling.HorizontalPodAutoscalerSpec.newBuilder()
                        .setScaleTargetRef(V1Autoscaling.CrossVersionObjectReference.newBuilder()
                                .setApiVersion("apps/v1").setKind("Deployment").setName("web"))
                        .setMinReplicas(1).setMaxReplicas(5).setTargetCPUUtilizationPercentage(80))
                .build();
        assertJson("""
                {"apiVersion":"autoscaling/v1","kind":"HorizontalPodAutoscaler",
                 "metadata":{"name":"web"},
                 "spec":{"scaleTargetRef":{"kind":"Deployment","name":"web","apiVersion":"apps/v1"},
                         "minReplicas":1,"maxReplicas":5,"targetCPUUtilizationPercentage":80}}""",
                ProtobufBodies.decode(envelope("autoscaling/v1", hpa)));
    }

    /** autoscaling/v2 is read with the v2beta2 messages; this holds only while their field numbers agree. */
    @Test
    void autoscalingV2FieldNumbersMatchV2beta2() {
        Descriptor spec = V2beta2Autoscaling.HorizontalPodAutoscalerSpec.getDescriptor();
        assertEquals(1, spec.findFieldByName("scaleTargetRef").getNumber());
        assertEquals(2, spec.findFieldByName("minReplicas").getNumber());
        assertEquals(3, spec.findFieldByName("maxReplicas").getNumber());
        assertEquals(4, spec.findFieldByName("metrics").getNumber());
        assertEquals(5, spec.findFieldByName("behavior").getNumber());
        Descriptor metric = V2beta2Autoscaling.MetricSpec.getDescriptor();
        assertEquals(4, metric.findFieldByName("resource").getNumber());
        assertEquals(5, metric.findFieldByName("external").getNumber());
        assertEquals(7, metric.findFieldByName("containerResource").getNumber());
        Descriptor rules = V2beta2Autoscaling.HPAScalingRules.getDescriptor();
        assertEquals(3, rules.findFieldByName("stabilizationWindowSeconds").getNumber());
        assertEquals(2, rules.findFieldByName("policies").getNumber());

        V2beta2Autoscaling.HorizontalPodAutoscaler hpa = V2beta2Autoscaling.HorizontalPodAutoscaler.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName("web"))
                .setSpec(V2beta2Autoscaling.HorizontalPodAutoscalerSpec.newBuilder().setMaxReplicas(3)
                        .addMetrics(V2beta2Autoscaling.MetricSpec.newBuilder().setType("Resource")
                                .setResource(V2beta2Autoscaling.ResourceMetricSource.newBuilder().setName("cpu")
                                        .setTarget(V2beta2Autoscaling.MetricTarget.newBuilder().setType("Utilization")
                                                .setAverageUtilization(70)))))
                .build();
        assertJson("""
                {"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler","metadata":{"name":"web"},
                 "spec":{"maxReplicas":3,"metrics":[{"type":"Resource","resource":{"name":"cpu",
                         "target":{"type":"Utilization","averageUtilization":70}}}]}}""",
                ProtobufBodies.decode(envelope("autoscaling/v2", hpa)));
    }

    @Test
    void leaseHasMicroTimes() {
        Message prototype = ProtoKinds.prototype("coordination.k8s.io/v1", "Lease");
        Descriptor lease = prototype.getDescriptorForType();
        Descriptor leaseSpec = lease.findFieldByName("spec").getMessageType();
        DynamicMessage spec = DynamicMessage.newBuilder(leaseSpec)
                .setField(leaseSpec.findFieldByName("holderIdentity"), "node-1")
                .setField(leaseSpec.findFieldByName("leaseDurationSeconds"), 40)
                .setField(leaseSpec.findFieldByName("renewTime"),
                        Meta.MicroTime.newBuilder().setSeconds(NOV_25_10AM).setNanos(123_456_000).build())
                .build();
        DynamicMessage object = DynamicMessage.newBuilder(lease)
                .setField(lease.findFieldByName("metadata"), ObjectMeta.newBuilder().setName("node-1").build())
                .setField(lease.findFieldByName("spec"), spec)
                .build();
        assertJson("""
                {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"node-1"},
                 "spec":{"holderIdentity":"node-1","leaseDurationSeconds":40,
                         "renewTime":"2026-11-25T10:00:00.123456Z"}}""",
                ProtobufBodies.decode(envelope("coordination.k8s.io/v1", "Lease", object.toByteArray())));
    }

    @Test
    void controllerRevisionDataIsEmbeddedJson() {
        V1Apps.ControllerRevision revision = V1Apps.ControllerRevision.newBuilder()
                .setMetadata(ObjectMeta.newBuilder().setName("web-1"))
                .setData(Runtime.RawExtension.newBuilder().setRaw(ByteString.copyFromUtf8("{\"spec\":{\"a\":[1,2]}}")))
                .setRevision(1)
                .build();
        assertJson("""
                {"apiVersion":"apps/v1","kind":"ControllerRevision","metadata":{"name":"web-1"},
                 "data":{"spec":{"a":[1,2]}},"revision":1}""",
                ProtobufBodies.decode(envelope("apps/v1", revision)));

        V1Apps.ControllerRevision notJson = revision.toBuilder()
                .setData(Runtime.RawExtension.newBuilder().setRaw(ByteString.copyFrom(new byte[] {0x0a, 0x01}))).build();
        ApiException e = refused(envelope("apps/v1", notJson));
        assertEquals(400, e.code());
        assertTrue(e.getMessage().contains("data"), e.getMessage());
    }

    @Test
    void bodyWithoutTheEnvelopePrefixIs400() {
        byte[] json = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\"}".getBytes(StandardCharsets.UTF_8);
        ApiException e = refused(json);
        assertEquals(400, e.code());
        assertEquals("BadRequest", e.reason());
        assertTrue(e.getMessage().contains("k8s\\0"), e.getMessage());
        assertEquals(400, refused(new byte[] {'k', '8'}).code());
    }

    @Test
    void truncatedBodiesAre400() {
        V1.ConfigMap configMap = V1.ConfigMap.newBuilder().setMetadata(goMeta("cut")).putData("a", "b").build();
        byte[] whole = envelope("v1", configMap);
        // Every prefix that ends before the object does is cut inside a length-delimited field (the last 4
        // bytes are the empty contentEncoding and contentType, which a reader may do without).
        for (int length = 5; length < whole.length - 4; length++) {
            byte[] cut = Arrays.copyOf(whole, length);
            ApiException e = refused(cut);
            assertEquals(400, e.code(), "prefix of " + length + " bytes: " + e.getMessage());
        }
        // The object itself cut short inside an intact envelope.
        byte[] raw = configMap.toByteArray();
        ApiException e = refused(envelope("v1", "ConfigMap", Arrays.copyOf(raw, raw.length - 2)));
        assertEquals(400, e.code());
        assertTrue(e.getMessage().contains("v1 ConfigMap"), e.getMessage());
    }

    @Test
    void envelopeWithoutKindOrObjectIs400() {
        byte[] raw = V1.ConfigMap.newBuilder().setMetadata(goMeta("x")).build().toByteArray();
        assertEquals(400, refused(envelope("v1", "", raw)).code());
        assertEquals(400, refused(envelope("", "ConfigMap", raw)).code());
        ApiException empty = refused(envelope("v1", "ConfigMap", new byte[0]));
        assertEquals(400, empty.code());
        assertTrue(empty.getMessage().contains("no object"), empty.getMessage());
    }

    @Test
    void unknownKindIs415() {
        byte[] raw = V1.ConfigMap.newBuilder().setMetadata(goMeta("x")).build().toByteArray();
        ApiException e = refused(envelope("example.com/v1", "Widget", raw));
        assertEquals(415, e.code());
        assertEquals("UnsupportedMediaType", e.reason());
        assertTrue(e.getMessage().contains("example.com/v1 Widget"), e.getMessage());
        assertEquals(415, refused(envelope("v2", "ConfigMap", raw)).code());
    }

    @Test
    void fieldsUnknownToTheSchemaAreRefusedUnlessZero() {
        V1.ConfigMap known = V1.ConfigMap.newBuilder().setMetadata(goMeta("x")).putData("a", "b").build();
        UnknownFieldSet zero = UnknownFieldSet.newBuilder()
                .addField(99, UnknownFieldSet.Field.newBuilder().addVarint(0).addLengthDelimited(ByteString.EMPTY).build())
                .build();
        V1.ConfigMap withZero = known.toBuilder().setUnknownFields(zero).build();
        assertJson("""
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"data":{"a":"b"}}""",
                ProtobufBodies.decode(envelope("v1", withZero)));

        UnknownFieldSet set = UnknownFieldSet.newBuilder()
                .addField(99, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8("new")).build())
                .build();
        ObjectMeta metaWithNewField = goMeta("x").setUnknownFields(set).build();
        ApiException e = refused(envelope("v1", known.toBuilder().setMetadata(metaWithNewField).build()));
        assertEquals(400, e.code());
        assertTrue(e.getMessage().contains("field number 99") && e.getMessage().contains("metadata"), e.getMessage());
    }

    @Test
    void everyRegisteredKindMatchesItsMessage() {
        for (String gvk : ProtoKinds.known()) {
            int slash = gvk.lastIndexOf('/');
            Message prototype = ProtoKinds.prototype(gvk.substring(0, slash), gvk.substring(slash + 1));
            Descriptor type = prototype.getDescriptorForType();
            assertEquals(gvk.substring(slash + 1), type.getName());
            assertTrue(type.findFieldByName("metadata") != null || type.getName().equals("Binding"), gvk);
        }
        for (String needed : new String[] {"v1/ConfigMap", "v1/Secret", "v1/Namespace", "v1/Service",
                "v1/ServiceAccount", "apps/v1/Deployment", "autoscaling/v1/HorizontalPodAutoscaler",
                "authorization.k8s.io/v1/SelfSubjectAccessReview", "authentication.k8s.io/v1/TokenRequest",
                "coordination.k8s.io/v1/Lease", "events.k8s.io/v1/Event", "policy/v1/PodDisruptionBudget"}) {
            assertTrue(ProtoKinds.known().contains(needed), needed);
        }
    }
}
