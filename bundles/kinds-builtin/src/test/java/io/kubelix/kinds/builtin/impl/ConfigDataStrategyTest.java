package io.kubelix.kinds.builtin.impl;

import static io.kubelix.kinds.builtin.impl.Fixtures.assertError;
import static io.kubelix.kinds.builtin.impl.Fixtures.assertNoErrors;
import static io.kubelix.kinds.builtin.impl.Fixtures.create;
import static io.kubelix.kinds.builtin.impl.Fixtures.json;
import static io.kubelix.kinds.builtin.impl.Fixtures.string;
import static io.kubelix.kinds.builtin.impl.Fixtures.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.kubelix.api.resource.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDataStrategyTest {
    private final ConfigDataStrategy configMaps = ConfigDataStrategy.configMaps();
    private final ConfigDataStrategy secrets = ConfigDataStrategy.secrets();

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void configMapKeysMustBeValidFileNames() {
        List<FieldError> errors = create(configMaps, json("{'metadata':{'name':'c'},'data':{'bad key':'v','ok.key':'v'}}"));
        assertError(errors, "data[bad key]", "a valid config key must consist of alphanumeric characters, '-', '_' or '.'");
        assertEquals(1, errors.size(), Fixtures.show(errors));
    }

    @Test
    void aKeyCannotBeInDataAndBinaryData() {
        assertError(create(configMaps, json("{'metadata':{'name':'c'},'data':{'k':'v'},'binaryData':{'k':'" + b64("x") + "'}}")),
                "binaryData", "duplicate of key present in data");
        assertError(create(configMaps, json("{'metadata':{'name':'c'},'binaryData':{'k':'***'}}")),
                "binaryData[k]", "must be base64-encoded");
    }

    @Test
    void configMapsAreLimitedToOneMebibyte() {
        JsonObject big = json("{'metadata':{'name':'c'},'data':{}}");
        big.getAsJsonObject("data").addProperty("k", "x".repeat(1024 * 1024));
        assertError(create(configMaps, big), "data", "Too long");
        JsonObject fits = json("{'metadata':{'name':'c'},'data':{}}");
        fits.getAsJsonObject("data").addProperty("k", "x".repeat(1000 * 1024));
        assertNoErrors(create(configMaps, fits));
    }

    @Test
    void immutableConfigMapsRejectDataChanges() {
        JsonObject old = json("{'metadata':{'name':'c'},'immutable':true,'data':{'k':'v'}}");
        List<FieldError> errors = update(configMaps, json("{'metadata':{'name':'c'},'immutable':true,'data':{'k':'w'}}"), old);
        assertError(errors, "data", "Forbidden: field is immutable when `immutable` is set");
        assertError(update(configMaps, json("{'metadata':{'name':'c'},'immutable':false,'data':{'k':'v'}}"), old),
                "immutable", "Forbidden: field is immutable when `immutable` is set");
        assertNoErrors(update(configMaps,
                json("{'metadata':{'name':'c','labels':{'a':'b'}},'immutable':true,'data':{'k':'v'}}"), old));
        // mutable ones may change freely, and may become immutable
        assertNoErrors(update(configMaps, json("{'metadata':{'name':'c'},'immutable':true,'data':{'k':'w'}}"),
                json("{'metadata':{'name':'c'},'data':{'k':'v'}}")));
    }

    @Test
    void secretsDefaultToOpaqueAndFoldStringDataIntoData() {
        JsonObject secret = json("{'metadata':{'name':'s'},'data':{'a':'" + b64("1") + "'},'stringData':{'b':'two'}}");
        assertNoErrors(create(secrets, secret));
        assertEquals("Opaque", string(secret, "type"));
        assertEquals(b64("two"), string(secret, "data.b"));
        assertNull(secret.get("stringData"));
        assertEquals(Map.of("type", "Opaque"), secrets.selectableFields(secret));
        assertEquals(List.of(), secrets.specFields());
    }

    @Test
    void secretValuesMustBeBase64AndAreNeverEchoed() {
        List<FieldError> errors = create(secrets, json("{'metadata':{'name':'s'},'data':{'password':'hunter2!'}}"));
        assertError(errors, "data[password]", "must be base64-encoded");
        assertFalse(Fixtures.show(errors).contains("hunter2"), Fixtures.show(errors));
    }

    @Test
    void wellKnownSecretTypesNeedTheirKeys() {
        assertError(create(secrets, json("{'metadata':{'name':'s'},'type':'kubernetes.io/tls','data':{'tls.crt':''}}")),
                "data[tls.key]", "Required value");
        assertError(create(secrets, json("{'metadata':{'name':'s'},'type':'kubernetes.io/dockerconfigjson','data':{}}")),
                "data[.dockerconfigjson]", "Required value");
        List<FieldError> badJson = create(secrets, json("{'metadata':{'name':'s'},'type':'kubernetes.io/dockerconfigjson',"
                + "'data':{'.dockerconfigjson':'" + b64("{auths: nope") + "'}}"));
        assertError(badJson, "data[.dockerconfigjson]", "<secret contents redacted>");
        assertNoErrors(create(secrets, json("{'metadata':{'name':'s'},'type':'kubernetes.io/dockerconfigjson',"
                + "'data':{'.dockerconfigjson':'" + b64("{\"auths\":{}}") + "'}}")));
        assertError(create(secrets, json("{'metadata':{'name':'s'},'type':'kubernetes.io/basic-auth','data':{}}")),
                "data[username]", "Required value");
        assertError(create(secrets, json("{'metadata':{'name':'s'},'type':'kubernetes.io/ssh-auth','data':{}}")),
                "data[ssh-privatekey]", "Required value");
        assertError(create(secrets, json("{'metadata':{'name':'s'},'type':'kubernetes.io/service-account-token'}")),
                "metadata.annotations[kubernetes.io/service-account.name]", "Required value");
        assertNoErrors(create(secrets, json("{'metadata':{'name':'s'},'type':'example.com/custom','data':{}}")));
    }

    @Test
    void secretTypeCannotChange() {
        List<FieldError> errors = update(secrets, json("{'metadata':{'name':'s'},'type':'kubernetes.io/tls',"
                + "'data':{'tls.crt':'','tls.key':''}}"), json("{'metadata':{'name':'s'},'data':{}}"));
        assertError(errors, "type", "Invalid value: \"kubernetes.io/tls\": field is immutable");
        assertTrue(secrets.validateUpdate(json("{'type':'Opaque'}"), json("{'type':'Opaque'}")).isEmpty());
    }
}
