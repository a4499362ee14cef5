package io.kubelix.kinds.builtin.impl;

import static io.kubelix.kinds.builtin.impl.Fixtures.assertError;
import static io.kubelix.kinds.builtin.impl.Fixtures.assertNoErrorAt;
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
import org.junit.jupiter.api.Test;

class ServiceStrategyTest {
    private final ServiceStrategy strategy = new ServiceStrategy();

    private static JsonObject service(String name, String spec) {
        return json("{'apiVersion':'v1','kind':'Service','metadata':{'name':'" + name + "'},'spec':" + spec + "}");
    }

    @Test
    void minimalServiceGetsKubernetesDefaults() {
        JsonObject svc = service("web", "{'selector':{'app':'web'},'ports':[{'port':80}]}");
        assertNoErrors(create(strategy, svc));
        assertEquals("ClusterIP", string(svc, "spec.type"));
        assertEquals("None", string(svc, "spec.sessionAffinity"));
        assertEquals("Cluster", string(svc, "spec.internalTrafficPolicy"));
        assertEquals("SingleStack", string(svc, "spec.ipFamilyPolicy"));
        JsonObject port = at(svc, "spec.ports").getAsJsonArray().get(0).getAsJsonObject();
        assertEquals("TCP", string(port, "protocol"));
        assertEquals(80, port.get("targetPort").getAsInt());
        assertNull(at(svc, "spec.externalTrafficPolicy"));
        assertEquals(new JsonObject(), at(svc, "status.loadBalancer"));
    }

    @Test
    void nodePortServicesGetAnExternalTrafficPolicy() {
        JsonObject svc = service("web", "{'type':'NodePort','ports':[{'port':80,'targetPort':'http','nodePort':30080}]}");
        assertNoErrors(create(strategy, svc));
        assertEquals("Cluster", string(svc, "spec.externalTrafficPolicy"));
        assertEquals("http", at(svc, "spec.ports").getAsJsonArray().get(0).getAsJsonObject().get("targetPort").getAsString());
    }

    @Test
    void serviceNamesMustStartWithALetter() {
        assertError(create(strategy, service("1web", "{'ports':[{'port':80}]}")), "metadata.name",
                "a DNS-1035 label must consist of lower case alphanumeric characters");
        assertNoErrorAt(create(strategy, service("web-1", "{'ports':[{'port':80}]}")), "metadata.name");
    }

    @Test
    void portsAreRequiredAndChecked() {
        assertError(create(strategy, service("a", "{}")), "spec.ports", "Required value");
        List<FieldError> errors = create(strategy, service("a", """
                {'ports':[{'port':0},{'name':'http','port':80,'targetPort':'Bad_Name'},
                          {'name':'http','port':443,'protocol':'ICMP'},{'name':'x','port':80,'nodePort':30001}]}"""));
        assertError(errors, "spec.ports[0].name", "Required value");
        assertError(errors, "spec.ports[0].port", "must be between 1 and 65535, inclusive");
        assertError(errors, "spec.ports[1].targetPort", "Invalid value: \"Bad_Name\"");
        assertError(errors, "spec.ports[2].name", "Duplicate value: \"http\"");
        assertError(errors, "spec.ports[2].protocol", "Unsupported value: \"ICMP\"");
        assertError(errors, "spec.ports[3].nodePort", "may not be used when `type` is 'ClusterIP'");
    }

    @Test
    void typeAndNodePortRangeAreChecked() {
        assertError(create(strategy, service("a", "{'type':'Ingress','ports':[{'port':80}]}")), "spec.type",
                "Unsupported value: \"Ingress\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"");
        assertError(create(strategy, service("a", "{'type':'NodePort','ports':[{'port':80,'nodePort':8080}]}")),
                "spec.ports[0].nodePort", "The range of valid ports is 30000-32767");
    }

    @Test
    void externalNameServicesNeedAHostNameAndNoPorts() {
        assertNoErrors(create(strategy, service("db", "{'type':'ExternalName','externalName':'db.example.com'}")));
        assertError(create(strategy, service("db", "{'type':'ExternalName'}")), "spec.externalName", "Required value");
        assertError(create(strategy, service("db", "{'type':'ExternalName','externalName':'not a host'}")),
                "spec.externalName", "a lowercase RFC 1123 subdomain");
        JsonObject externalName = service("db", "{'type':'ExternalName','externalName':'db.example.com'}");
        strategy.applyDefaults(externalName);
        assertNull(at(externalName, "spec.ipFamilyPolicy"));
    }

    @Test
    void headlessServicesNeedNoPorts() {
        assertNoErrors(create(strategy, service("db", "{'clusterIP':'None','selector':{'app':'db'}}")));
        assertError(create(strategy, service("db", "{'clusterIP':'10.0.0.300','ports':[{'port':1}]}")),
                "spec.clusterIP", "must be a valid IP address");
    }

    @Test
    void selectorLabelsMustBeValid() {
        assertError(create(strategy, service("a", "{'selector':{'app':'has space'},'ports':[{'port':80}]}")),
                "spec.selector", "Invalid value: \"has space\"");
    }

    @Test
    void clusterIpCannotChangeOnceSet() {
        JsonObject old = service("web", "{'clusterIP':'10.96.0.10','ports':[{'port':80}]}");
        assertNoErrors(update(strategy, service("web", "{'clusterIP':'10.96.0.10','ports':[{'port':8080}]}"), old));
        assertError(update(strategy, service("web", "{'clusterIP':'10.96.0.11','ports':[{'port':80}]}"), old),
                "spec.clusterIP", "field is immutable");
        // switching to ExternalName releases the address
        assertNoErrors(update(strategy, service("web", "{'type':'ExternalName','externalName':'example.com'}"), old));
    }
}
