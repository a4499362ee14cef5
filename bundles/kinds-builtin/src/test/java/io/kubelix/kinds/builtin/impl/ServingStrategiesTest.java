package io.kubelix.kinds.builtin.impl;

import static io.kubelix.kinds.builtin.impl.Fixtures.assertError;
import static io.kubelix.kinds.builtin.impl.Fixtures.assertNoErrors;
import static io.kubelix.kinds.builtin.impl.Fixtures.at;
import static io.kubelix.kinds.builtin.impl.Fixtures.create;
import static io.kubelix.kinds.builtin.impl.Fixtures.json;
import static io.kubelix.kinds.builtin.impl.Fixtures.string;
import static io.kubelix.kinds.builtin.impl.Fixtures.update;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import io.kubelix.api.resource.FieldError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Autoscalers, disruption budgets, endpoints, events, quotas and limit ranges. */
class ServingStrategiesTest {
    private final HpaStrategy hpaV1 = HpaStrategy.v1();
    private final HpaStrategy hpaV2 = HpaStrategy.v2();
    private final PolicyStrategies.PodDisruptionBudgets budgets = new PolicyStrategies.PodDisruptionBudgets();
    private final NetworkStrategies.Endpoints endpoints = new NetworkStrategies.Endpoints();
    private final NetworkStrategies.EndpointSlices slices = new NetworkStrategies.EndpointSlices();
    private final EventStrategies.CoreEvents coreEvents = new EventStrategies.CoreEvents();
    private final EventStrategies.NewEvents newEvents = new EventStrategies.NewEvents();
    private final QuotaStrategies.ResourceQuotas quotas = new QuotaStrategies.ResourceQuotas();
    private final QuotaStrategies.LimitRanges limitRanges = new QuotaStrategies.LimitRanges();

    @Test
    void autoscalerDefaultsPerVersion() {
        String spec = "{'metadata':{'name':'web'},'spec':{'scaleTargetRef':{'apiVersion':'apps/v1','kind':'Deployment',"
                + "'name':'web'},'maxReplicas':10}}";
        JsonObject v1 = json(spec);
        assertNoErrors(create(hpaV1, v1));
        assertEquals(1, at(v1, "spec.minReplicas").getAsInt());
        JsonObject v2 = json(spec);
        assertNoErrors(create(hpaV2, v2));
        JsonObject metric = at(v2, "spec.metrics").getAsJsonArray().get(0).getAsJsonObject();
        assertEquals("Resource", string(metric, "type"));
        assertEquals("cpu", string(metric, "resource.name"));
        assertEquals(80, at(metric, "resource.target.averageUtilization").getAsInt());
    }

    @Test
    void autoscalerBounds() {
        List<FieldError> errors = create(hpaV1, json("{'metadata':{'name':'x'},'spec':{'scaleTargetRef':{},"
                + "'minReplicas':5,'maxReplicas':3,'targetCPUUtilizationPercentage':0}}"));
        assertError(errors, "spec.scaleTargetRef.kind", "Required value");
        assertError(errors, "spec.scaleTargetRef.name", "Required value");
        assertError(errors, "spec.maxReplicas", "must be greater than or equal to `minReplicas`");
        assertError(errors, "spec.targetCPUUtilizationPercentage", "must be greater than 0");
        assertError(create(hpaV2, json("{'metadata':{'name':'x'},'spec':{'scaleTargetRef':{'kind':'Deployment','name':'w'},"
                + "'maxReplicas':0}}")), "spec.maxReplicas", "must be greater than 0");
        assertError(create(hpaV2, json("{'metadata':{'name':'x'},'spec':{'scaleTargetRef':{'kind':'Deployment','name':'w'},"
                + "'maxReplicas':3,'metrics':[{'type':'Pods'}]}}")), "spec.metrics[0].pods",
                "must populate information for the given metric source");
    }

    @Test
    void disruptionBudgetsTakeOneOfMinAvailableAndMaxUnavailable() {
        assertNoErrors(create(budgets, json("{'metadata':{'name':'b'},'spec':{'minAvailable':'50%','selector':{'matchLabels':{'app':'web'}}}}")));
        assertError(create(budgets, json("{'metadata':{'name':'b'},'spec':{'minAvailable':1,'maxUnavailable':1}}")),
                "spec", "minAvailable and maxUnavailable cannot be both set");
        assertError(create(budgets, json("{'metadata':{'name':'b'},'spec':{'maxUnavailable':'150%'}}")),
                "spec.maxUnavailable", "must not be greater than 100%");
    }

    @Test
    void endpointAddressesMustBeUsableIps() {
        JsonObject ep = json("{'metadata':{'name':'web'},'subsets':[{'addresses':[{'ip':'10.244.1.5'},{'ip':'fd00::5'}],"
                + "'ports':[{'port':8080}]}]}");
        assertNoErrors(create(endpoints, ep));
        assertEquals("TCP", string(at(ep, "subsets").getAsJsonArray().get(0).getAsJsonObject().getAsJsonArray("ports")
                .get(0).getAsJsonObject(), "protocol"));
        List<FieldError> errors = create(endpoints, json("{'metadata':{'name':'web'},'subsets':[{'addresses':["
                + "{'ip':'10.0.0.256'},{'ip':'127.0.0.1'},{'ip':'169.254.1.1'},{'ip':'224.0.0.5'}],"
                + "'ports':[{'port':80},{'name':'b','port':80}]},{'ports':[]}]}"));
        assertError(errors, "subsets[0].addresses[0].ip", "must be a valid IP address");
        assertError(errors, "subsets[0].addresses[1].ip", "may not be in the loopback range");
        assertError(errors, "subsets[0].addresses[2].ip", "may not be in the link-local range");
        assertError(errors, "subsets[0].addresses[3].ip", "may not be in the link-local multicast range");
        assertError(errors, "subsets[0].ports[0].name", "Required value");
        assertError(errors, "subsets[1]", "must specify `addresses` or `notReadyAddresses`");
    }

    @Test
    void endpointSliceAddressesMatchTheirTypeWhichIsFixed() {
        JsonObject slice = json("{'metadata':{'name':'web-abc'},'addressType':'IPv4','endpoints':[{'addresses':['10.1.2.3'],"
                + "'conditions':{'ready':true}}],'ports':[{'name':'http','port':80}]}");
        assertNoErrors(create(slices, slice));
        List<FieldError> errors = create(slices, json("{'metadata':{'name':'s'},'addressType':'IPv4',"
                + "'endpoints':[{'addresses':['fd00::1']},{'addresses':[]}]}"));
        assertError(errors, "endpoints[0].addresses[0]", "must be a valid IPv4 address");
        assertError(errors, "endpoints[1].addresses", "must contain at least 1 address");
        assertError(create(slices, json("{'metadata':{'name':'s'}}")), "addressType", "Required value");
        assertError(create(slices, json("{'metadata':{'name':'s'},'addressType':'IPX'}")), "addressType", "Unsupported value");
        JsonObject ipv6 = json("{'metadata':{'name':'web-abc'},'addressType':'IPv6'}");
        assertError(update(slices, ipv6, slice), "addressType", "field is immutable");
    }

    @Test
    void coreEventsNeedAnInvolvedObjectInTheirNamespace() {
        JsonObject event = json("{'metadata':{'name':'web.1','namespace':'default'},'involvedObject':{'kind':'Pod',"
                + "'namespace':'default','name':'web','uid':'u1'},'reason':'Started','type':'Normal','source':{'component':'kubelet'}}");
        assertNoErrors(create(coreEvents, event));
        Map<String, String> fields = coreEvents.selectableFields(event);
        assertEquals("Pod", fields.get("involvedObject.kind"));
        assertEquals("web", fields.get("involvedObject.name"));
        assertEquals("kubelet", fields.get("source"));
        assertEquals("Started", fields.get("reason"));
        assertEquals("", fields.get("involvedObject.fieldPath"));
        assertError(create(coreEvents, json("{'metadata':{'name':'e','namespace':'default'},'reason':'x'}")),
                "involvedObject", "Required value");
        assertError(create(coreEvents, json("{'metadata':{'name':'e','namespace':'default'},'involvedObject':{'kind':'Pod',"
                + "'namespace':'other','name':'p'}}")), "involvedObject.namespace", "does not match event.namespace");
        assertError(create(coreEvents, json("{'metadata':{'name':'e','namespace':'default'},'involvedObject':{'kind':'Pod'},"
                + "'type':'Catastrophe'}")), "type", "Unsupported value: \"Catastrophe\"");
    }

    @Test
    void newEventsKeepNotesShort() {
        assertNoErrors(create(newEvents, json("{'metadata':{'name':'e','namespace':'default'},'reason':'Scheduled','note':'ok'}")));
        JsonObject longNote = json("{'metadata':{'name':'e','namespace':'default'}}");
        longNote.addProperty("note", "x".repeat(2000));
        assertError(create(newEvents, longNote), "note", "Too long");
    }

    @Test
    void quotaQuantitiesMustBeValid() {
        assertNoErrors(create(quotas, json("{'metadata':{'name':'q'},'spec':{'hard':{'pods':'10','requests.cpu':'4',"
                + "'requests.memory':'8Gi','count/deployments.apps':'5'}}}")));
        List<FieldError> errors = create(quotas, json("{'metadata':{'name':'q'},'spec':{'hard':{'cpu':'four',"
                + "'memory':'-1Gi'},'scopes':['Sometimes']}}"));
        assertError(errors, "spec.hard[cpu]", "Invalid value: \"four\"");
        assertError(errors, "spec.hard[memory]", "must be greater than or equal to 0");
        assertError(errors, "spec.scopes", "Unsupported value: \"Sometimes\"");
    }

    @Test
    void limitRangesDefaultAndOrderTheirBounds() {
        JsonObject lr = json("{'metadata':{'name':'l'},'spec':{'limits':[{'type':'Container','max':{'cpu':'2'},"
                + "'min':{'memory':'64Mi'}}]}}");
        assertNoErrors(create(limitRanges, lr));
        JsonObject item = at(lr, "spec.limits").getAsJsonArray().get(0).getAsJsonObject();
        assertEquals("2", string(item, "default.cpu"));
        assertEquals("2", string(item, "defaultRequest.cpu"));
        assertEquals("64Mi", string(item, "defaultRequest.memory"));

        List<FieldError> errors = create(limitRanges, json("{'metadata':{'name':'l'},'spec':{'limits':["
                + "{'type':'Container','min':{'cpu':'2'},'max':{'cpu':'1'},'default':{'cpu':'3'},'defaultRequest':{'cpu':'500m'}},"
                + "{'type':'Pod','default':{'cpu':'1'}},{'type':'Node'}]}}"));
        assertError(errors, "spec.limits[0].min[cpu]", "min value 2 is greater than max value 1");
        assertError(errors, "spec.limits[0].default[cpu]", "default value 3 is greater than max value 1");
        assertError(errors, "spec.limits[0].defaultRequest[cpu]", "min value 2 is greater than default request value 500m");
        assertError(errors, "spec.limits[1].default", "may not be specified when `type` is 'Pod'");
        assertError(errors, "spec.limits[2].type", "Unsupported value: \"Node\"");
    }
}
