package io.kubelix.apiserver.openapigen;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.annotations.SerializedName;
import io.swagger.annotations.ApiModel;
import io.swagger.annotations.ApiModelProperty;
import java.io.IOException;
import java.io.Writer;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Build-time generator of the OpenAPI v3 schemas the API server publishes (for {@code kubectl explain}).
 * It reflects over the model classes of Kubernetes' Java client (a test-scope dependency, never a
 * runtime one) and writes one JSON file into the bundle's classes:
 * {@code {"kinds":{"<group>/<version>/<Kind>":"<schema name>"},"schemas":{...}}}.
 * Run by the apiserver pom in {@code process-test-classes}; argument: the output file.
 */
public final class SchemaGenerator {
    private static final String MODELS = "io.kubernetes.client.openapi.models.";
    private static final String REF_PREFIX = "#/components/schemas/";

    /** Served group/version/kind to the client's model class (simple name). Kinds without a model get no schema. */
    private static final String[][] KINDS = {
            {"", "v1", "Namespace", "V1Namespace"},
            {"", "v1", "Pod", "V1Pod"},
            {"", "v1", "Service", "V1Service"},
            {"", "v1", "Endpoints", "V1Endpoints"},
            {"", "v1", "ConfigMap", "V1ConfigMap"},
            {"", "v1", "Secret", "V1Secret"},
            {"", "v1", "ServiceAccount", "V1ServiceAccount"},
            {"", "v1", "Node", "V1Node"},
            {"", "v1", "Event", "CoreV1Event"},
            {"", "v1", "PersistentVolume", "V1PersistentVolume"},
            {"", "v1", "PersistentVolumeClaim", "V1PersistentVolumeClaim"},
            {"", "v1", "ResourceQuota", "V1ResourceQuota"},
            {"", "v1", "LimitRange", "V1LimitRange"},
            {"", "v1", "ReplicationController", "V1ReplicationController"},
            {"apps", "v1", "Deployment", "V1Deployment"},
            {"apps", "v1", "ReplicaSet", "V1ReplicaSet"},
            {"apps", "v1", "StatefulSet", "V1StatefulSet"},
            {"apps", "v1", "DaemonSet", "V1DaemonSet"},
            {"apps", "v1", "ControllerRevision", "V1ControllerRevision"},
            {"batch", "v1", "Job", "V1Job"},
            {"batch", "v1", "CronJob", "V1CronJob"},
            {"autoscaling", "v1", "HorizontalPodAutoscaler", "V1HorizontalPodAutoscaler"},
            {"autoscaling", "v2", "HorizontalPodAutoscaler", "V2HorizontalPodAutoscaler"},
            {"policy", "v1", "PodDisruptionBudget", "V1PodDisruptionBudget"},
            {"coordination.k8s.io", "v1", "Lease", "V1Lease"},
            {"discovery.k8s.io", "v1", "EndpointSlice", "V1EndpointSlice"},
            {"storage.k8s.io", "v1", "StorageClass", "V1StorageClass"},
            {"storage.k8s.io", "v1", "CSIDriver", "V1CSIDriver"},
            {"storage.k8s.io", "v1", "CSINode", "V1CSINode"},
            {"storage.k8s.io", "v1", "VolumeAttachment", "V1VolumeAttachment"},
            {"node.k8s.io", "v1", "RuntimeClass", "V1RuntimeClass"},
            {"scheduling.k8s.io", "v1", "PriorityClass", "V1PriorityClass"},
            {"events.k8s.io", "v1", "Event", "EventsV1Event"},
            {"rbac.authorization.k8s.io", "v1", "Role", "V1Role"},
            {"rbac.authorization.k8s.io", "v1", "RoleBinding", "V1RoleBinding"},
            {"rbac.authorization.k8s.io", "v1", "ClusterRole", "V1ClusterRole"},
            {"rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "V1ClusterRoleBinding"},
            {"apiextensions.k8s.io", "v1", "CustomResourceDefinition", "V1CustomResourceDefinition"},
    };

    private final Map<String, JsonObject> schemas = new TreeMap<>();
    private final Deque<Class<?>> pending = new ArrayDeque<>();

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SchemaGenerator <output json file>");
        }
        JsonObject out = new SchemaGenerator().generate();
        Path file = Path.of(args[0]);
        Files.createDirectories(file.getParent());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            new GsonBuilder().disableHtmlEscaping().create().toJson(out, w);
        }
        System.out.println("OpenAPI schemas: " + out.getAsJsonObject("schemas").size() + " written to " + file);
    }

    JsonObject generate() throws IOException {
        JsonObject kinds = new JsonObject();
        Map<String, JsonArray> gvksByClass = new LinkedHashMap<>();
        for (String[] k : KINDS) {
            Class<?> model = modelClass(k[3]);
            String name = schemaName(model);
            kinds.addProperty(k[0] + "/" + k[1] + "/" + k[2], name);
            JsonObject gvk = new JsonObject();
            gvk.addProperty("group", k[0]);
            gvk.addProperty("version", k[1]);
            gvk.addProperty("kind", k[2]);
            gvksByClass.computeIfAbsent(name, n -> new JsonArray()).add(gvk);
            pending.add(model);
        }
        while (!pending.isEmpty()) {
            Class<?> c = pending.poll();
            if (!schemas.containsKey(schemaName(c))) {
                schemas.put(schemaName(c), objectSchema(c));
            }
        }
        gvksByClass.forEach((name, gvks) -> schemas.get(name).add("x-kubernetes-group-version-kind", gvks));
        JsonObject all = new JsonObject();
        schemas.forEach(all::add);
        JsonObject out = new JsonObject();
        out.add("kinds", kinds);
        out.add("schemas", all);
        return out;
    }

    private static Class<?> modelClass(String simpleName) {
        try {
            // Not initialised: the models' static blocks pull in the client's HTTP machinery.
            return Class.forName(MODELS + simpleName, false, SchemaGenerator.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the Kubernetes client has no model class " + simpleName
                    + "; fix the KINDS table in " + SchemaGenerator.class.getName(), e);
        }
    }

    /**
     * "V1Probe" becomes "v1.Probe", "EventsV1Event" becomes "events.v1.Event": unique, and the last
     * segment is what kubectl explain prints as the field's type.
     */
    static String schemaName(Class<?> model) {
        String s = model.getSimpleName();
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("([A-Z][a-z]+)?(V\\d+(?:alpha\\d+|beta\\d+)?)([A-Z].*)").matcher(s);
        if (!m.matches()) {
            return s;
        }
        String group = m.group(1) == null ? "" : m.group(1).toLowerCase() + ".";
        return group + m.group(2).toLowerCase() + "." + m.group(3);
    }

    private JsonObject objectSchema(Class<?> c) {
        JsonObject schema = new JsonObject();
        schema.addProperty("type", "object");
        ApiModel model = c.getAnnotation(ApiModel.class);
        if (model != null && !model.description().isEmpty()) {
            schema.addProperty("description", model.description());
        }
        JsonObject properties = new JsonObject();
        JsonArray required = new JsonArray();
        for (Field f : c.getDeclaredFields()) {
            SerializedName json = f.getAnnotation(SerializedName.class);
            if (json == null || Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            JsonObject property = typeSchema(f.getGenericType());
            ApiModelProperty doc = documentation(c, f);
            String description = doc == null ? "" : doc.value();
            if (description.isEmpty() && f.getType().getName().startsWith(MODELS)) {
                // The client has no descriptions for fields that reference another model. Without one,
                // kubectl explain lists the field as "<no description>"; the type's description is the
                // next best thing (explaining that very field then prints it twice).
                ApiModel type = f.getType().getAnnotation(ApiModel.class);
                description = type == null ? "" : type.description();
            }
            if (!description.isEmpty()) {
                describe(property, description);
            }
            if (doc != null && doc.required()) {
                required.add(json.value());
            }
            properties.add(json.value(), property);
        }
        schema.add("properties", properties);
        if (!required.isEmpty()) {
            schema.add("required", required);
        }
        return schema;
    }

    /** A $ref cannot carry a description next to it in OpenAPI 3.0, so wrap it the way Kubernetes does. */
    private static void describe(JsonObject property, String description) {
        if (property.has("$ref")) {
            JsonArray allOf = new JsonArray();
            JsonObject ref = new JsonObject();
            ref.add("$ref", property.remove("$ref"));
            allOf.add(ref);
            property.add("allOf", allOf);
        }
        property.addProperty("description", description);
    }

    private static ApiModelProperty documentation(Class<?> c, Field f) {
        String bare = f.getName().startsWith("_") ? f.getName().substring(1) : f.getName();
        String suffix = Character.toUpperCase(bare.charAt(0)) + bare.substring(1);
        for (String getter : new String[] {"get" + suffix, "is" + suffix}) {
            try {
                Method m = c.getMethod(getter);
                ApiModelProperty p = m.getAnnotation(ApiModelProperty.class);
                if (p != null) {
                    return p;
                }
            } catch (NoSuchMethodException e) {
                // try the next spelling, then the field itself
            }
        }
        return f.getAnnotation(ApiModelProperty.class);
    }

    private JsonObject typeSchema(Type type) {
        JsonObject s = new JsonObject();
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (Map.class.isAssignableFrom(raw)) {
                s.addProperty("type", "object");
                s.add("additionalProperties", typeSchema(args[1]));
                return s;
            }
            if (java.util.Collection.class.isAssignableFrom(raw)) {
                s.addProperty("type", "array");
                s.add("items", typeSchema(args[0]));
                return s;
            }
            return typeSchema(raw);
        }
        Class<?> c = (Class<?>) type;
        String name = c.getName();
        if (c == String.class) {
            s.addProperty("type", "string");
        } else if (c == Integer.class || c == int.class) {
            s.addProperty("type", "integer");
            s.addProperty("format", "int32");
        } else if (c == Long.class || c == long.class) {
            s.addProperty("type", "integer");
            s.addProperty("format", "int64");
        } else if (c == Boolean.class || c == boolean.class) {
            s.addProperty("type", "boolean");
        } else if (c == Double.class || c == Float.class || c == double.class || c == float.class
                || c == java.math.BigDecimal.class) {
            s.addProperty("type", "number");
            s.addProperty("format", c == Float.class || c == float.class ? "float" : "double");
        } else if (c == java.time.OffsetDateTime.class) {
            s.addProperty("type", "string");
            s.addProperty("format", "date-time");
        } else if (c == byte[].class) {
            s.addProperty("type", "string");
            s.addProperty("format", "byte");
        } else if (name.equals("io.kubernetes.client.custom.IntOrString")) {
            s.addProperty("x-kubernetes-int-or-string", true);
        } else if (name.equals("io.kubernetes.client.custom.Quantity")) {
            s.addProperty("type", "string");
        } else if (c.isEnum()) {
            s.addProperty("type", "string");
        } else if (name.startsWith(MODELS)) {
            s.addProperty("$ref", REF_PREFIX + schemaName(c));
            if (!schemas.containsKey(schemaName(c))) {
                pending.add(c);
            }
        } else {
            // Object, V1Patch, raw JSON: anything goes.
            s.addProperty("type", "object");
            s.addProperty("x-kubernetes-preserve-unknown-fields", true);
        }
        return s;
    }
}
