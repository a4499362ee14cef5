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

/** Namespaces, nodes, priority and runtime classes, leases and controller revisions. */
class ClusterStrategiesTest {
    private final NamespaceStrategy namespaces = new NamespaceStrategy();
    private final NodeStrategy nodes = new NodeStrategy();
    private final PolicyStrategies.PriorityClasses priorityClasses = new PolicyStrategies.PriorityClasses();
    private final PolicyStrategies.RuntimeClasses runtimeClasses = new PolicyStrategies.RuntimeClasses();
    private final LeaseStrategy leases = new LeaseStrategy();
    private final ControllerRevisionStrategy revisions = new ControllerRevisionStrategy();

    @Test
    void namespacesStartActiveWithTheKubernetesFinalizer() {
        JsonObject ns = json("{'metadata':{'name':'team-a'}}");
        assertNoErrors(create(namespaces, ns));
        assertEquals("kubernetes", at(ns, "spec.finalizers").getAsJsonArray().get(0).getAsString());
        assertEquals("Active", string(ns, "status.phase"));
        assertEquals(Map.of("status.phase", "Active"), namespaces.selectableFields(ns));
        assertError(create(namespaces, json("{'metadata':{'name':'x'},'spec':{'finalizers':['cleanup']}}")),
                "spec.finalizers[0]", "name is neither a standard finalizer name nor is it fully qualified");
    }

    @Test
    void namespaceFinalizersDoNotChangeThroughAnUpdate() {
        JsonObject old = json("{'metadata':{'name':'team-a'}}");
        assertNoErrors(update(namespaces, json("{'metadata':{'name':'team-a','labels':{'env':'prod'}}}"), old));
        assertError(update(namespaces, json("{'metadata':{'name':'team-a'},'spec':{'finalizers':[]}}"), old),
                "spec.finalizers", "Forbidden");
    }

    @Test
    void nodeTaintsAndFields() {
        JsonObject node = json("{'metadata':{'name':'node-1'},'spec':{'unschedulable':true,'podCIDRs':['10.244.1.0/24'],"
                + "'taints':[{'key':'dedicated','value':'gpu','effect':'NoSchedule'}]},"
                + "'status':{'capacity':{'cpu':'4','memory':'8Gi','pods':'110'}}}");
        assertNoErrors(create(nodes, node));
        assertEquals("4", string(node, "status.allocatable.cpu"));
        assertEquals(Map.of("spec.unschedulable", "true"), nodes.selectableFields(node));
        List<FieldError> errors = create(nodes, json("{'metadata':{'name':'n'},'spec':{'podCIDR':'10.0.0.0',"
                + "'taints':[{'key':'a','effect':'Sometimes'},{'effect':'NoExecute'},{'key':'a','effect':'Sometimes'}]}}"));
        assertError(errors, "spec.taints[0].effect",
                "Unsupported value: \"Sometimes\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"");
        assertError(errors, "spec.taints[1].key", "Required value");
        assertError(errors, "spec.taints[2]", "Duplicate value");
        assertError(errors, "spec.podCIDR", "must be a valid CIDR");
        JsonObject old = json("{'metadata':{'name':'n'},'spec':{'podCIDRs':['10.244.1.0/24'],'providerID':'kind://a'}}");
        JsonObject moved = json("{'metadata':{'name':'n'},'spec':{'podCIDRs':['10.244.2.0/24'],'providerID':'kind://b'}}");
        errors = update(nodes, moved, old);
        assertError(errors, "spec.podCIDRs", "Forbidden");
        assertError(errors, "spec.providerID", "Forbidden");
    }

    @Test
    void priorityClassRules() {
        JsonObject pc = json("{'metadata':{'name':'high'},'value':1000000}");
        assertNoErrors(create(priorityClasses, pc));
        assertEquals("PreemptLowerPriority", string(pc, "preemptionPolicy"));
        assertError(create(priorityClasses, json("{'metadata':{'name':'x'}}")), "value", "Required value");
        assertError(create(priorityClasses, json("{'metadata':{'name':'x'},'value':2000000000}")), "value",
                "maximum allowed value of a user defined priority is 1000000000");
        assertError(create(priorityClasses, json("{'metadata':{'name':'system-mine'},'value':1}")), "metadata.name",
                "priority class names with 'system-' prefix are reserved");
        assertNoErrors(create(priorityClasses, json("{'metadata':{'name':'system-node-critical'},'value':2000001000}")));
        assertError(update(priorityClasses, json("{'metadata':{'name':'high'},'value':5}"), pc), "value",
                "may not be changed in an update");
        assertNoErrors(update(priorityClasses,
                json("{'metadata':{'name':'high'},'value':1000000,'description':'important'}"), pc));
    }

    @Test
    void runtimeClassHandlerIsRequiredAndFixed() {
        assertError(create(runtimeClasses, json("{'metadata':{'name':'gvisor'}}")), "handler", "Required value");
        assertError(create(runtimeClasses, json("{'metadata':{'name':'gvisor'},'handler':'Run_SC'}")), "handler",
                "a lowercase RFC 1123 label");
        JsonObject old = json("{'metadata':{'name':'gvisor'},'handler':'runsc','overhead':{'podFixed':{'memory':'64Mi'}}}");
        assertNoErrors(create(runtimeClasses, old));
        assertError(update(runtimeClasses, json("{'metadata':{'name':'gvisor'},'handler':'kata'}"), old), "handler",
                "Invalid value: \"kata\": field is immutable");
    }

    @Test
    void leaseRules() {
        assertNoErrors(create(leases, json("{'metadata':{'name':'kube-scheduler'},'spec':{'holderIdentity':'a',"
                + "'leaseDurationSeconds':15,'renewTime':'2024-05-01T10:00:00.000000Z','leaseTransitions':2}}")));
        List<FieldError> errors = create(leases, json("{'metadata':{'name':'l'},'spec':{'leaseDurationSeconds':0,"
                + "'acquireTime':'yesterday','leaseTransitions':-1}}"));
        assertError(errors, "spec.leaseDurationSeconds", "must be greater than 0");
        assertError(errors, "spec.acquireTime", "must be an RFC 3339 time");
        assertError(errors, "spec.leaseTransitions", "must be greater than or equal to 0");
    }

    @Test
    void controllerRevisionDataIsFixed() {
        JsonObject old = json("{'metadata':{'name':'web-1'},'revision':1,'data':{'spec':{'x':1}}}");
        assertNoErrors(create(revisions, old));
        assertError(create(revisions, json("{'metadata':{'name':'r'},'revision':-1}")), "revision",
                "must be greater than or equal to 0");
        assertNoErrors(update(revisions, json("{'metadata':{'name':'web-1'},'revision':3,'data':{'spec':{'x':1}}}"), old));
        assertError(update(revisions, json("{'metadata':{'name':'web-1'},'revision':1,'data':{'spec':{'x':2}}}"), old),
                "data", "field is immutable");
    }
}
