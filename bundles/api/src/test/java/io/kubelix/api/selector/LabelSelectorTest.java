package io.kubelix.api.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Json;
import io.kubelix.api.resource.FieldError;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LabelSelectorTest {
    private static final Map<String, String> WEB_PROD = Map.of("app", "web", "env", "prod", "replicas", "3");
    private static final Map<String, String> WEB_QA = Map.of("app", "web", "env", "qa");
    private static final Map<String, String> DB = Map.of("app", "db");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // selector                              | web-prod | web-qa | db
        "app=web                                 | true  | true  | false",
        "app==web                                | true  | true  | false",
        "app!=web                                | false | false | true",
        "env!=prod                               | false | true  | true",
        "env                                     | true  | true  | false",
        "!env                                    | false | false | true",
        "env in (prod,qa)                        | true  | true  | false",
        "env notin (prod)                        | false | true  | true",
        "app=web,env in (qa, staging)            | false | true  | false",
        "app in (web,db),!env                    | false | false | true",
        "replicas>2                              | true  | false | false",
        "replicas<2                              | false | false | false",
        "'  app = web ,  env   notin  ( qa ) '   | true  | false | false",
        "app=                                    | false | false | false",
        "'app in (db,)'                          | false | false | true",
    })
    void matchesLikeKubernetes(String selector, boolean webProd, boolean webQa, boolean db) {
        LabelSelector s = LabelSelector.parse(selector);
        assertEquals(webProd, s.matches(WEB_PROD), "web-prod");
        assertEquals(webQa, s.matches(WEB_QA), "web-qa");
        assertEquals(db, s.matches(DB), "db");
    }

    @Test
    void emptyValueMatchesEmptyLabelNotMissingOne() {
        LabelSelector s = LabelSelector.parse("tier=");
        assertTrue(s.matches(Map.of("tier", "")));
        assertFalse(s.matches(Map.of()));
        assertTrue(LabelSelector.parse("tier in ()").matches(Map.of("tier", "")));
    }

    @Test
    void emptyOrNullSelectsEverything() {
        assertTrue(LabelSelector.parse("").isEverything());
        assertTrue(LabelSelector.parse("   ").isEverything());
        assertTrue(LabelSelector.parse(null).isEverything());
        assertTrue(LabelSelector.parse(null).matches(Map.of()));
        assertTrue(LabelSelector.parse("").matches(null));
        assertFalse(LabelSelector.parse("a").isEverything());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tier in (b,a),app=web           | app=web,tier in (a,b)",
        "'  b  notin ( z , y, z ) , a '  | a,b notin (y,z)",
        "x==1,!w                         | !w,x==1",
        "c>5,b<7                         | b<7,c>5",
        "a in ()                         | a in ()",
    })
    void printsCanonicalFormThatParsesBack(String input, String canonical) {
        LabelSelector s = LabelSelector.parse(input);
        assertEquals(canonical, s.toString());
        assertEquals(s, LabelSelector.parse(s.toString()));
    }

    @Test
    void syntaxErrorsAreWordedLikeKubernetes() {
        String[][] cases = {
            {"a b", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, >, <"},
            {"a in x", "unable to parse requirement: found 'x', expected: '('"},
            {"a in (x", "unable to parse requirement: found 'end of string', expected: ',' or ')'"},
            {"a in (x y)", "unable to parse requirement: found 'y', expected: ',' or ')'"},
            {"a=b c", "found 'c', expected: ',' or 'end of string'"},
            {",a", "found ',', expected: !, identifier, or 'end of string'"},
            {"a,", "found 'end of string', expected: identifier after ','"},
            {"a=(x)", "unable to parse requirement: found '(', expected: identifier"},
            {"!", "unable to parse requirement: found 'end of string', expected: identifier after '!'"},
            {"a>x", "unable to parse requirement: values[0]: Invalid value: \"x\": for 'Gt', 'Lt' operators, the value must be an integer"},
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelSelector.parse(c[0]), c[0]);
            assertEquals(c[1], e.getMessage(), c[0]);
        }
    }

    @Test
    void invalidKeysAndValuesNameTheProblem() {
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class,
                () -> LabelSelector.parse("-bad=x"));
        assertTrue(key.getMessage().startsWith("unable to parse requirement: key: Invalid value: \"-bad\": name part must consist"),
                key.getMessage());
        IllegalArgumentException value = assertThrows(IllegalArgumentException.class,
                () -> LabelSelector.parse("app in (ok,-bad)"));
        assertTrue(value.getMessage().startsWith(
                "unable to parse requirement: values[0][app]: Invalid value: \"-bad\": a valid label must be"), value.getMessage());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> LabelSelector.parse("app=" + "v".repeat(64)));
        assertTrue(tooLong.getMessage().endsWith("must be no more than 63 characters"), tooLong.getMessage());
        assertEquals("app=" + "v".repeat(63), LabelSelector.parse("app=" + "v".repeat(63)).toString());
    }

    @Test
    void keywordsAreOrdinaryValues() {
        assertTrue(LabelSelector.parse("op=in").matches(Map.of("op", "in")));
        assertTrue(LabelSelector.parse("op in (in,notin)").matches(Map.of("op", "notin")));
    }

    @Test
    void nullJsonSelectsNothingAndEmptyJsonSelectsEverything() {
        LabelSelector nothing = LabelSelector.fromJson(null);
        assertTrue(nothing.isNothing());
        assertFalse(nothing.isEverything());
        assertFalse(nothing.matches(Map.of()));
        assertFalse(nothing.matches(WEB_PROD));
        assertEquals(LabelSelector.NOTHING, nothing);
        LabelSelector everything = LabelSelector.fromJson(new JsonObject());
        assertTrue(everything.isEverything());
        assertTrue(everything.matches(Map.of()));
        assertTrue(LabelSelector.fromJson(Json.parseObject("{\"matchLabels\":{},\"matchExpressions\":[]}")).isEverything());
    }

    @Test
    void readsMatchLabelsAndMatchExpressions() {
        LabelSelector s = LabelSelector.fromJson(Json.parseObject("""
                {"matchLabels": {"app": "web"},
                 "matchExpressions": [
                   {"key": "env", "operator": "In", "values": ["qa", "prod"]},
                   {"key": "canary", "operator": "DoesNotExist"}]}"""));
        assertEquals("app=web,!canary,env in (prod,qa)", s.toString());
        assertTrue(s.matches(WEB_PROD));
        assertTrue(s.matches(WEB_QA));
        assertFalse(s.matches(Map.of("app", "web", "env", "prod", "canary", "true")));
        assertFalse(s.matches(DB));
    }

    @Test
    void toJsonRoundTrips() {
        LabelSelector s = LabelSelector.parse("app=web,env notin (a,b),x,!y");
        JsonObject json = s.toJson().orElseThrow();
        assertEquals(s, LabelSelector.fromJson(json));
        assertEquals(Optional.empty(), LabelSelector.parse("a!=b").toJson());
        assertEquals(Optional.empty(), LabelSelector.NOTHING.toJson());
    }

    @Test
    void formatsLikeKubectl() {
        assertEquals("<none>", LabelSelector.format(null));
        assertEquals("<none>", LabelSelector.format(new JsonObject()));
        assertEquals("<error>", LabelSelector.format(Json.parseObject("{\"matchLabels\":{\"a b\":\"c\"}}")));
        assertEquals("app=web,tier in (a,b)", LabelSelector.format(Json.parseObject(
                "{\"matchExpressions\":[{\"key\":\"tier\",\"operator\":\"In\",\"values\":[\"b\",\"a\"]}],"
                        + "\"matchLabels\":{\"app\":\"web\"}}")));
    }

    @Test
    void fromJsonRejectsInvalidSelectors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelSelector.fromJson(
                Json.parseObject("{\"matchExpressions\":[{\"key\":\"a\",\"operator\":\"Equals\"}]}")));
        assertTrue(e.getMessage().contains("matchExpressions[0].operator"), e.getMessage());
    }

    @Test
    void validationReportsKubernetesFieldPaths() {
        JsonObject selector = Json.parseObject("""
                {"matchLabels": {"Bad Key": "ok", "app": "-bad"},
                 "matchExpressions": [
                   {"key": "env", "operator": "In"},
                   {"key": "env", "operator": "Exists", "values": ["x"]},
                   {"key": "env", "operator": "Between", "values": ["x"]},
                   {"key": "env", "operator": "NotIn", "values": ["good", "not good"]}]}""");
        List<FieldError> errors = LabelSelector.validate(selector, "spec.selector");
        assertEquals(List.of(
                "FieldValueInvalid spec.selector.matchLabels",
                "FieldValueInvalid spec.selector.matchLabels",
                "FieldValueRequired spec.selector.matchExpressions[0].values",
                "FieldValueForbidden spec.selector.matchExpressions[1].values",
                "FieldValueInvalid spec.selector.matchExpressions[2].operator",
                "FieldValueInvalid spec.selector.matchExpressions[3].values[1]"),
                errors.stream().map(x -> x.reason() + " " + x.field()).toList());
        assertTrue(errors.get(0).message().startsWith("Invalid value: \"Bad Key\": name part"));
        assertTrue(errors.get(1).message().startsWith("Invalid value: \"-bad\": a valid label"));
        assertEquals("Required value: must be specified when `operator` is 'In' or 'NotIn'", errors.get(2).message());
        assertEquals("Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'", errors.get(3).message());
        assertEquals("Invalid value: \"Between\": not a valid selector operator", errors.get(4).message());
        assertEquals(List.of(), LabelSelector.validate(Json.parseObject("{\"matchLabels\":{\"a\":\"b\"}}"), "spec.selector"));
    }

    @Test
    void validationReportsWrongShapes() {
        List<FieldError> errors = LabelSelector.validate(Json.parseObject(
                "{\"matchLabels\":{\"a\":1},\"matchExpressions\":[{\"operator\":\"In\",\"values\":\"x\"}]}"), "selector");
        assertEquals(List.of("selector.matchLabels.a", "selector.matchExpressions[0].values",
                "selector.matchExpressions[0].key"), errors.stream().map(FieldError::field).toList());
    }

    @Test
    void ofLabelsIsAnEqualitySelector() {
        LabelSelector s = LabelSelector.ofLabels(Map.of("app", "web", "env", "prod"));
        assertEquals("app=web,env=prod", s.toString());
        assertTrue(s.matches(WEB_PROD));
        assertFalse(s.matches(WEB_QA));
        assertTrue(LabelSelector.ofLabels(Map.of()).isEverything());
        assertThrows(IllegalArgumentException.class, () -> LabelSelector.ofLabels(Map.of("bad key", "x")));
    }

    @Test
    void exactValueHelpsIndexing() {
        assertEquals(Optional.of("web"), LabelSelector.parse("env!=x,app=web").exactValue("app"));
        assertEquals(Optional.of("web"), LabelSelector.parse("app in (web)").exactValue("app"));
        assertEquals(Optional.empty(), LabelSelector.parse("app in (web,db)").exactValue("app"));
        assertEquals(Optional.empty(), LabelSelector.parse("app!=web").exactValue("app"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=b,a!=c", "a,a=b", "x in (1,2),x notin (2)"})
    void repeatedKeysAreAnded(String selector) {
        LabelSelector s = LabelSelector.parse(selector);
        assertEquals(2, s.requirements().size());
        assertEquals(s, LabelSelector.parse(s.toString()));
    }
}
