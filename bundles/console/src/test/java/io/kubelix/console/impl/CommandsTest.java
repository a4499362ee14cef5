package io.kubelix.console.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Json;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.api.yaml.Yaml;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands as a console user runs them, against a real registry; each test uses its own namespace. */
class CommandsTest {
    @TempDir
    static Path dir;
    static LiveRegistry live;

    @BeforeAll
    static void start() throws Exception {
        live = new LiveRegistry(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        live.close();
    }

    /** What a command printed, and whether it succeeded. */
    record Run(boolean ok, String out, String err) {
        String describe() {
            return "ok=" + ok + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }

    static Run run(KubeCommand command) {
        command.resources = live.registry;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        boolean ok = command.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(ok, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Path manifest(String name, String yaml) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    static Run apply(Path file, String namespace) {
        ApplyCommand apply = new ApplyCommand();
        apply.file = file.toString();
        apply.namespace = namespace;
        return run(apply);
    }

    static Run get(String namespace, String type, String output, String... names) {
        GetCommand get = new GetCommand();
        get.typeName = type;
        get.names = names.length == 0 ? null : List.of(names);
        get.namespace = namespace;
        get.output = output;
        return run(get);
    }

    static void namespace(String name) throws Exception {
        Run r = apply(manifest(name + "-ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + name + "\n"),
                null);
        assertEquals("namespace/" + name + " created\n", r.out(), r.describe());
    }

    static JsonObject stored(String plural, String ns, String name) {
        ResourceType type = KindResolver.resolve(live.registry.resourceTypes(), plural);
        return live.registry.get(type, ns, name, null);
    }

    @Test
    void getNamespacesListsTheBuiltInOnes() {
        Run r = get(null, "ns", null);
        assertTrue(r.ok(), r.describe());
        assertTrue(r.out().startsWith("NAME"), r.describe());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("default +Active +\\S+")), r.describe());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("kube-system +Active +\\S+")), r.describe());
    }

    @Test
    void applyCreatesThenSaysUnchangedThenConfigured() throws Exception {
        namespace("apply");
        String yaml = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                data:
                  color: blue
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                spec:
                  containers:
                  - name: web
                    image: busybox:1.36
                """;
        Path file = manifest("apply.yaml", yaml);
        Run first = apply(file, "apply");
        assertEquals("configmap/settings created\npod/web created\n", first.out(), first.describe());
        assertEquals("blue", Objects.pathString(stored("cm", "apply", "settings"), "data.color"));

        Run again = apply(file, "apply");
        assertEquals("configmap/settings unchanged\npod/web unchanged\n", again.out(), again.describe());

        Run changed = apply(manifest("apply2.yaml", yaml.replace("color: blue", "color: green")), "apply");
        assertEquals("configmap/settings configured\npod/web unchanged\n", changed.out(), changed.describe());
        assertEquals("green", Objects.pathString(stored("cm", "apply", "settings"), "data.color"));
    }

    @Test
    void applyExpandsListsAndReportsEachFailureInPlainWords() throws Exception {
        namespace("lists");
        Path file = manifest("list.json", """
                {"apiVersion":"v1","kind":"List","items":[
                  {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"one","namespace":"lists"}},
                  {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"Not_Valid","namespace":"lists"}},
                  {"apiVersion":"v1","kind":"Potato","metadata":{"name":"x"}},
                  {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"two","namespace":"lists"}}]}""");
        Run r = apply(file, null);
        assertEquals("configmap/one created\nconfigmap/two created\n", r.out(), r.describe());
        List<String> errors = r.err().lines().toList();
        assertTrue(errors.get(0).startsWith("Error: ConfigMap \"Not_Valid\" is invalid:"), r.describe());
        assertTrue(errors.get(1).startsWith("  * metadata.name: Invalid value: \"Not_Valid\""), r.describe());
        assertTrue(r.err().contains("Error: no matches for kind \"Potato\" in version \"v1\""), r.describe());
        assertFalse(r.err().contains("Exception"), r.describe());
    }

    @Test
    void aNamespaceOptionThatContradictsTheManifestIsRefused() throws Exception {
        Path file = manifest("other.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: x\n");
        Run r = apply(file, "y");
        assertEquals("", r.out(), r.describe());
        assertTrue(r.err().startsWith("Error: the namespace from the provided object \"x\" does not match"),
                r.describe());
    }

    @Test
    void aMissingFileOrObjectIsAPlainError() {
        Run noFile = apply(dir.resolve("nope.yaml"), null);
        assertFalse(noFile.ok());
        assertTrue(noFile.err().startsWith("Error: the file " + dir.resolve("nope.yaml") + " does not exist"),
                noFile.describe());

        Run missing = get(null, "pods", null, "ghost");
        assertEquals("Error: pods \"ghost\" not found\n", missing.err(), missing.describe());
        assertEquals("", missing.out());

        Run unknownType = get(null, "potatoes", null);
        assertFalse(unknownType.ok());
        assertEquals("Error: the server doesn't have a resource type \"potatoes\"\n", unknownType.err());
    }

    @Test
    void createRefusesWhatExistsAndDeleteRemovesByNameOrManifest() throws Exception {
        namespace("crud");
        Path file = manifest("crud.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c1\n---\n"
                + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c2\n");
        CreateCommand create = new CreateCommand();
        create.file = file.toString();
        create.namespace = "crud";
        assertEquals("configmap/c1 created\nconfigmap/c2 created\n", run(create).out());
        Run twice = run(create);
        assertEquals("Error: configmaps \"c1\" already exists\nError: configmaps \"c2\" already exists\n",
                twice.err(), twice.describe());

        DeleteCommand byName = new DeleteCommand();
        byName.typeName = "configmap";
        byName.names = List.of("c1", "ghost");
        byName.namespace = "crud";
        Run deleted = run(byName);
        assertEquals("configmap \"c1\" deleted\n", deleted.out(), deleted.describe());
        assertEquals("Error: configmaps \"ghost\" not found\n", deleted.err());

        DeleteCommand byFile = new DeleteCommand();
        byFile.file = file.toString();
        byFile.namespace = "crud";
        Run fromFile = run(byFile);
        assertEquals("configmap \"c2\" deleted\n", fromFile.out(), fromFile.describe());
        assertTrue(fromFile.err().contains("configmaps \"c1\" not found"), fromFile.describe());
        assertEquals("No resources found in crud namespace.\n", get("crud", "cm", null).err());
    }

    @Test
    void labelSetsRefusesOverwritingUnlessToldAndRemoves() throws Exception {
        namespace("labels");
        apply(manifest("l.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: l\n  labels:\n    tier: web\n"),
                "labels");
        LabelCommand label = new LabelCommand();
        label.typeName = "cm";
        label.namespace = "labels";
        label.arguments = List.of("l", "app=shop");
        assertEquals("configmap/l labeled\n", run(label).out());

        label.arguments = List.of("l", "tier=db");
        Run refused = run(label);
        assertEquals("Error: 'tier' already has a value (web), and --overwrite is false\n", refused.err(),
                refused.describe());
        assertEquals("web", Objects.labels(stored("cm", "labels", "l")).get("tier"));

        label.overwrite = true;
        label.arguments = List.of("l", "tier=db", "app-");
        assertEquals("configmap/l labeled\n", run(label).out());
        assertEquals(java.util.Map.of("tier", "db"), Objects.labels(stored("cm", "labels", "l")));

        Run none = run(label);
        assertEquals("configmap/l not labeled\n", none.out(), none.describe());

        Run selected = get("labels", "cm", "name");
        assertEquals("configmap/l\n", selected.out());

        AnnotateCommand annotate = new AnnotateCommand();
        annotate.typeName = "configmaps";
        annotate.namespace = "labels";
        annotate.arguments = List.of("l", "note=hello world");
        assertEquals("configmap/l annotated\n", run(annotate).out());
        assertEquals("hello world", Objects.annotations(stored("cm", "labels", "l")).get("note"));

        label.arguments = List.of("l", "bad label=x");
        Run invalid = run(label);
        assertTrue(invalid.err().startsWith("Error: ConfigMap \"l\" is invalid:\n  * metadata.labels"),
                invalid.describe());
    }

    @Test
    void scaleChangesReplicasThroughTheScaleSubresource() throws Exception {
        namespace("scaling");
        apply(manifest("d.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: shop
                spec:
                  replicas: 1
                  selector:
                    matchLabels: {app: shop}
                  template:
                    metadata:
                      labels: {app: shop}
                    spec:
                      containers: [{name: web, image: nginx}]
                """), "scaling");
        ScaleCommand scale = new ScaleCommand();
        scale.typeName = "deploy";
        scale.names = List.of("shop");
        scale.namespace = "scaling";
        scale.replicas = "4";
        assertEquals("deployment.apps/shop scaled\n", run(scale).out());
        assertEquals(4, stored("deployments", "scaling", "shop").getAsJsonObject("spec").get("replicas").getAsInt());

        scale.replicas = null;
        scale.names = List.of("shop", "--replicas=2");
        assertEquals("deployment.apps/shop scaled\n", run(scale).out());
        assertEquals(2, stored("deployments", "scaling", "shop").getAsJsonObject("spec").get("replicas").getAsInt());
        scale.names = List.of("shop");
        scale.replicas = null;
        assertEquals("Error: say how many replicas: --replicas=N\n", run(scale).err());

        scale.replicas = "many";
        assertEquals("Error: --replicas must be a whole number, not \"many\"\n", run(scale).err());
        scale.replicas = "2";
        scale.typeName = "cm";
        assertEquals("Error: configmaps cannot be scaled (no scale subresource)\n", run(scale).err());
    }

    @Test
    void getPrintsYamlJsonAndAllNamespaces() throws Exception {
        namespace("formats");
        apply(manifest("f.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: f\ndata:\n  k: v\n"), "formats");
        JsonObject one = Yaml.readObject(get("formats", "cm", "yaml", "f").out());
        assertEquals("ConfigMap", Objects.kind(one));
        assertEquals("v", Objects.pathString(one, "data.k"));
        JsonObject list = Json.parseObject(get("formats", "configmaps", "json").out());
        assertEquals("List", Objects.kind(list));
        assertEquals("f", Objects.name(list.getAsJsonArray("items").get(0).getAsJsonObject()));

        GetCommand all = new GetCommand();
        all.typeName = "cm";
        all.allNamespaces = true;
        all.fieldSelector = "metadata.name=f";
        Run r = run(all);
        assertTrue(r.out().startsWith("NAMESPACE   NAME   DATA   AGE\n"), r.describe());
        assertTrue(r.out().contains("\nformats     f      1      "), r.describe());

        // Options after the arguments, as kubectl users type them (Karaf leaves them among the arguments).
        Run trailing = get(null, "cm", null, "f", "-n", "formats", "-o", "name");
        assertEquals("configmap/f\n", trailing.out(), trailing.describe());
        Run trailingAll = get(null, "cm", null, "--all-namespaces", "--field-selector=metadata.name=f");
        assertTrue(trailingAll.out().contains("\nformats     f      1      "), trailingAll.describe());
        Run dangling = get(null, "cm", null, "f", "-n");
        assertEquals("Error: the option -n needs a value\n", dangling.err(), dangling.describe());

        apply(manifest("f2.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n"), "formats");
        Run twoTypes = get("formats", "cm,secrets", null);
        assertTrue(twoTypes.out().matches("NAME +DATA +AGE\nconfigmap/f +1 +\\S+\n\nNAME +TYPE +DATA +AGE\n"
                + "secret/s +Opaque +0 +\\S+\n"), twoTypes.describe());
        assertEquals("configmap/f\nsecret/s\n", get("formats", "configmap,secret", "name").out());

        Run badFormat = get("formats", "cm", "xml");
        assertTrue(badFormat.err().startsWith("Error: unknown output format \"xml\""), badFormat.describe());
    }

    @Test
    void describeShowsIdentityLabelsAndTheRestAsYaml() throws Exception {
        namespace("describe");
        apply(manifest("desc.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: d
                  labels: {app: shop, tier: web}
                data:
                  color: blue
                """), "describe");
        DescribeCommand describe = new DescribeCommand();
        describe.typeName = "ConfigMap";
        describe.names = List.of("d", "ghost");
        describe.namespace = "describe";
        Run r = run(describe);
        List<String> lines = r.out().lines().toList();
        assertEquals("Name:               d", lines.get(0), r.describe());
        assertEquals("Namespace:          describe", lines.get(1));
        assertEquals("Labels:             app=shop", lines.get(2));
        assertEquals("                    tier=web", lines.get(3));
        assertEquals("Annotations:        <none>", lines.get(4));
        int data = lines.indexOf("Data:");
        assertTrue(data > 0, r.describe());
        assertEquals("  color: blue", lines.get(data + 1));
        assertFalse(r.out().contains("managedFields"), r.describe());
        assertEquals("Error: configmaps \"ghost\" not found\n", r.err());
    }
}
