package io.kubelix.api.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.kubelix.api.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlTest {
    @Test
    void readsMultipleDocumentsAndSkipsEmptyOnes() {
        List<JsonObject> objects = Yaml.readObjects("""
                ---
                # only a comment
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: one
                ---
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: two}
                ...
                ---
                """);
        assertEquals(List.of("one", "two"), objects.stream().map(o -> o.getAsJsonObject("metadata").get("name").getAsString()).toList());
        assertEquals(List.of(), Yaml.readObjects(""));
        assertEquals(List.of(), Yaml.readObjects("# nothing\n---\n"));
    }

    @Test
    void expandsListsIntoTheirItems() {
        List<JsonObject> objects = Yaml.readObjects("""
                apiVersion: v1
                kind: List
                items:
                - kind: Pod
                  metadata: {name: a}
                - kind: PodList
                  items:
                  - kind: Pod
                    metadata: {name: b}
                ---
                kind: ServiceList
                items: []
                ---
                kind: Service
                metadata: {name: c}
                """);
        assertEquals(List.of("a", "b", "c"), objects.stream().map(o -> o.getAsJsonObject("metadata").get("name").getAsString()).toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Yaml.readObjects("kind: List\nitems:\n- 1\n"));
        assertTrue(e.getMessage().contains("items[0] of the List is a number, not an object"), e.getMessage());
    }

    @Test
    void scalarsBecomeTheRightJsonTypes() {
        JsonObject o = Yaml.readObject("""
                replicas: 3
                big: 12345678901234567890
                hex: 0x1F
                octal: 0755
                ratio: 0.5
                one: 1.0
                exp: 1e3
                enabled: true
                legacy: yes
                nothing: null
                tilde: ~
                empty:
                quoted: "123"
                single: 'true'
                text: hello world
                """);
        assertEquals(new JsonPrimitive(3), o.get("replicas"));
        assertEquals("{\"replicas\":3}", Json.write(only(o, "replicas")));
        assertEquals("12345678901234567890", o.get("big").getAsBigInteger().toString());
        assertEquals(31, o.get("hex").getAsInt());
        assertEquals(493, o.get("octal").getAsInt());
        assertEquals("{\"ratio\":0.5,\"one\":1.0}", Json.write(only(o, "ratio", "one")));
        assertEquals(1000, o.get("exp").getAsInt());
        assertEquals(new JsonPrimitive(true), o.get("enabled"));
        assertEquals(new JsonPrimitive(true), o.get("legacy"));
        assertEquals(JsonNull.INSTANCE, o.get("nothing"));
        assertEquals(JsonNull.INSTANCE, o.get("tilde"));
        assertTrue(o.has("empty") && o.get("empty").isJsonNull());
        assertEquals(new JsonPrimitive("123"), o.get("quoted"));
        assertEquals(new JsonPrimitive("true"), o.get("single"));
        assertEquals(new JsonPrimitive("hello world"), o.get("text"));
    }

    @Test
    void scalarsResolveAsKubectlReadsThem() {
        JsonObject o = Yaml.readObject("""
                time: 12:30
                short: y
                no: n
                octal: 0o17
                under: 1_000
                point: .5
                dot: 1.
                """);
        assertEquals(new JsonPrimitive("12:30"), o.get("time"));
        assertEquals(new JsonPrimitive(true), o.get("short"));
        // The key "no" is itself a boolean, so it becomes "false", as with kubectl.
        assertEquals(new JsonPrimitive(false), o.get("false"));
        assertEquals(15, o.get("octal").getAsInt());
        assertEquals(1000, o.get("under").getAsInt());
        assertEquals("{\"point\":0.5,\"dot\":1.0}", Json.write(only(o, "point", "dot")));
        assertTrue(Yaml.write(o).contains("time: \"12:30\"\n"), "portable quoting of base-60 look-alikes");
    }

    @Test
    void timestampsAndDatesStayStringsAsWritten() {
        JsonObject o = Yaml.readObject("""
                metadata:
                  creationTimestamp: 2024-01-02T03:04:05Z
                  other: 2001-12-14 21:59:43.10 -5
                day: 2024-01-02
                """);
        assertEquals(new JsonPrimitive("2024-01-02T03:04:05Z"), o.getAsJsonObject("metadata").get("creationTimestamp"));
        assertEquals(new JsonPrimitive("2001-12-14 21:59:43.10 -5"), o.getAsJsonObject("metadata").get("other"));
        assertEquals(new JsonPrimitive("2024-01-02"), o.get("day"));
    }

    @Test
    void nonStringKeysBecomeStrings() {
        JsonObject o = Yaml.readObject("1: a\ntrue: b\n0x10: c\n1.50: d\n~: e\n2024-01-01: f\n");
        assertEquals(List.of("1", "true", "16", "1.5", "null", "2024-01-01"), List.copyOf(o.keySet()));
    }

    @Test
    void plainJsonIsYaml() {
        JsonObject o = Yaml.readObject("{\n\t\"kind\": \"Pod\",\n\t\"spec\": {\"n\": [1, 2.5, true, null, \"x\"]}\n}");
        assertEquals("{\"kind\":\"Pod\",\"spec\":{\"n\":[1,2.5,true,null,\"x\"]}}", Json.write(o));
    }

    @Test
    void anchorsAliasesAndMergeKeysWork() {
        JsonObject o = Yaml.readObject("""
                defaults: &defaults
                  image: nginx
                  pull: Always
                a:
                  <<: *defaults
                  pull: IfNotPresent
                b: *defaults
                """);
        assertEquals("{\"image\":\"nginx\",\"pull\":\"Always\"}", Json.write(o.get("b")));
        assertEquals("IfNotPresent", o.getAsJsonObject("a").get("pull").getAsString());
        assertEquals("nginx", o.getAsJsonObject("a").get("image").getAsString());
    }

    @Test
    void billionLaughsIsRejected() {
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char previous = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i == 0 ? "" : ",").append('*').append(previous);
            }
            bomb.append("]\n");
            previous = c;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Yaml.readObjects(bomb.toString()));
        assertEquals("invalid YAML: more than 50 aliases to lists or mappings in one document (a guard against alias "
                + "expansion bombs)", e.getMessage());
    }

    @Test
    void deepNestingIsRejected() {
        assertEquals(1, Yaml.readObjects("a: " + "[".repeat(150) + "]".repeat(150)).size());
        IllegalArgumentException yaml = assertThrows(IllegalArgumentException.class,
                () -> Yaml.readObjects("a: " + "[".repeat(5000) + "]".repeat(5000)));
        assertEquals("invalid YAML: lists and mappings nest more than 200 levels deep", yaml.getMessage());
        IllegalArgumentException json = assertThrows(IllegalArgumentException.class,
                () -> Yaml.readObjects("{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}"));
        assertTrue(json.getMessage().startsWith("invalid JSON: Nesting limit 200 reached at line 1"), json.getMessage());
        assertTrue(json.getMessage().length() < 300, json.getMessage());
    }

    @Test
    void recursiveAliasIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Yaml.readObjects("a: &x [1, *x]\n"));
        assertTrue(e.getMessage().contains("contains it"), e.getMessage());
    }

    @Test
    void duplicateKeysAreRejectedWithTheirLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Yaml.readObjects("metadata:\n  name: a\n  labels: {}\n  name: b\n"));
        assertEquals("duplicate key \"name\" at line 4, column 3 (first defined at line 2)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Yaml.readObjects("1: a\n\"1\": b\n"));
    }

    @Test
    void javaTypeTagsAreRejected() {
        for (String text : List.of(
                "a: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x/\"]]]]\n",
                "a: !!java.util.Date 2024-01-01\n",
                "a: !custom x\n",
                "!!java.lang.Object {}\n")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Yaml.readObjects(text), text);
            assertTrue(e.getMessage().contains("tag"), e.getMessage());
        }
    }

    @Test
    void syntaxErrorsNameLineAndColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Yaml.readObjects("kind: Pod\nmetadata:\n  name: [a, b\n"));
        assertTrue(e.getMessage().startsWith("invalid YAML at line 4, column 1: "), e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Yaml.readObjects("a: b\n c: d\n"));
        assertTrue(bad.getMessage().startsWith("invalid YAML at line 2, column"), bad.getMessage());
        assertTrue(!bad.getMessage().contains("^"), "no source snippet: " + bad.getMessage());
    }

    @Test
    void documentsMustBeObjects() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Yaml.readObjects("kind: A\n---\n- a\n- b\n"));
        assertEquals("document 2 (line 3) is a list, not an object", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Yaml.readObjects("just a string"));
    }

    @Test
    void hugeTextIsRejected() {
        String text = "a: \"" + "x".repeat(Yaml.MAX_CODE_POINTS) + "\"\n";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Yaml.readObjects(text));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
        assertEquals(1, Yaml.readObjects("a: \"" + "x".repeat(1024 * 1024) + "\"\n").size());
    }

    @Test
    void readObjectWantsExactlyOne() {
        assertEquals("List", Yaml.readObject("kind: List\nitems: [{kind: Pod}]\n").get("kind").getAsString());
        assertThrows(IllegalArgumentException.class, () -> Yaml.readObject(""));
        assertThrows(IllegalArgumentException.class, () -> Yaml.readObject("---\n# empty\n"));
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class, () -> Yaml.readObject("a: 1\n---\nb: 2\n"));
        assertTrue(two.getMessage().contains("2 documents"), two.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Yaml.readObject("[1, 2]"));
    }

    @Test
    void writesLikeKubectl() {
        JsonObject pod = Json.parseObject("""
                {"apiVersion":"v1","kind":"Pod",
                 "metadata":{"name":"web","labels":{"app":"web"},"annotations":{"note":"line1\\nline2\\n"}},
                 "spec":{"containers":[{"name":"web","image":"nginx:1.25","ports":[{"containerPort":80}],
                   "args":["true","123","","--flag","a: b","2024-01-01"],"env":[],"resources":{}}],
                   "x":null,"ok":false,"ratio":0.5}}""");
        assertEquals("""
                apiVersion: v1
                kind: Pod
                metadata:
                  annotations:
                    note: |
                      line1
                      line2
                  labels:
                    app: web
                  name: web
                spec:
                  containers:
                  - args:
                    - "true"
                    - "123"
                    - ""
                    - --flag
                    - 'a: b'
                    - "2024-01-01"
                    env: []
                    image: nginx:1.25
                    name: web
                    ports:
                    - containerPort: 80
                    resources: {}
                  ok: false
                  ratio: 0.5
                  x: null
                """, Yaml.write(pod));
    }

    @Test
    void writeAllSeparatesDocuments() {
        String text = Yaml.writeAll(List.of(Json.parseObject("{\"a\":1}"), Json.parseObject("{\"b\":2}")));
        assertEquals("a: 1\n---\nb: 2\n", text);
        assertEquals(2, Yaml.readObjects(text).size());
    }

    @Test
    void stringsRoundTripExactly() {
        List<String> tricky = List.of("true", "True", "yes", "on", "off", "no", "y", "n", "null", "Null", "~", "", "123",
                "-1", "0x1F", "0o17", "0755", "1e3", "1.5", ".5", "1_000", "1:30", ".inf", "-.Inf", ".nan", "2024-01-01",
                "2024-01-02T03:04:05Z", "<<", "=", "- a", "-", "--", "---", "...", "a: b", "a:b", "a #b", "#x", "@at",
                "`tick", "%pct", "*star", "&amp", "!bang", "|pipe", ">gt", "[", "]", "{", "}", ",", "?", "? x", ": x",
                "'quoted'", "\"dq\"", "  lead", "trail  ", " ", "\t", "tab\tinside", "multi\nline\n", "multi\nline",
                "trailing\n\n\n", "\n", "\n\nleading newlines", " leading space\nmulti", "trailing space \nx",
                "line\r\nwindows", "nul\u0000byte", "bell\u0007", "next\u0085line", "sep\u2028x", "bom\ufeff",
                "caf\u00e9 \u4e2d\u6587 \ud83d\ude00", "back\\slash", "x".repeat(300), "long words ".repeat(30));
        JsonObject o = new JsonObject();
        JsonArray values = new JsonArray();
        for (String s : tricky) {
            values.add(s);
            o.addProperty(s.isEmpty() ? "empty-key" : s, s);
        }
        o.add("values", values);
        String yaml = Yaml.write(o);
        JsonObject back = Yaml.readObject(yaml);
        List<String> wrong = new java.util.ArrayList<>();
        for (int i = 0; i < tricky.size(); i++) {
            if (!new JsonPrimitive(tricky.get(i)).equals(back.getAsJsonArray("values").get(i))) {
                wrong.add(Json.write(new JsonPrimitive(tricky.get(i))) + " came back as " + back.getAsJsonArray("values").get(i));
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(o, back);
    }

    @Test
    void objectsRoundTrip() {
        String json = """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"},
                 "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\\"a\\":1}\\n"},
                 "creationTimestamp":"2024-01-02T03:04:05Z","generation":7},
                 "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},
                  "template":{"spec":{"containers":[{"name":"c","command":["sh","-c","echo hi; exit 0"],
                   "resources":{"limits":{"cpu":"500m","memory":"1Gi"},"requests":{"cpu":0.25}},
                   "env":[{"name":"A","value":"1"},{"name":"B","value":""}]}],"nodeSelector":{}}},
                  "nested":[[1,2],[],[{"a":[]}]],"big":12345678901234567890123,"neg":-7,"f":-1.25e-3}}""";
        JsonObject original = Json.parseObject(json);
        String yaml = Yaml.write(original);
        JsonObject back = Yaml.readObject(yaml);
        assertEquals(original, back);
        assertEquals(yaml, Yaml.write(back));
        // Numbers keep their spelling, so quantities written as numbers (cpu: 1e3) keep their format.
        assertEquals("-1.25e-3", back.getAsJsonObject("spec").get("f").toString());
        assertEquals("12345678901234567890123", back.getAsJsonObject("spec").get("big").toString());
    }

    @Test
    void scalarsAndEmptyCollectionsWrite() {
        assertEquals("{}\n", Yaml.write(new JsonObject()));
        assertEquals("[]\n", Yaml.write(new JsonArray()));
        assertEquals("null\n", Yaml.write(JsonNull.INSTANCE));
        JsonElement value = Yaml.readValue(Yaml.write(new JsonPrimitive("true")));
        assertEquals(new JsonPrimitive("true"), value);
    }

    private static JsonObject only(JsonObject o, String... keys) {
        JsonObject out = new JsonObject();
        for (String k : keys) {
            out.add(k, o.get(k));
        }
        return out;
    }
}
