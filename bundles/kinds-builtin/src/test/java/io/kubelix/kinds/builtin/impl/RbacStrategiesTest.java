package io.kubelix.kinds.builtin.impl;

import static io.kubelix.kinds.builtin.impl.Fixtures.assertError;
import static io.kubelix.kinds.builtin.impl.Fixtures.assertNoErrors;
import static io.kubelix.kinds.builtin.impl.Fixtures.create;
import static io.kubelix.kinds.builtin.impl.Fixtures.json;
import static io.kubelix.kinds.builtin.impl.Fixtures.string;
import static io.kubelix.kinds.builtin.impl.Fixtures.update;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import io.kubelix.api.resource.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class RbacStrategiesTest {
    private final RbacStrategies.Roles roles = new RbacStrategies.Roles(true);
    private final RbacStrategies.Roles clusterRoles = new RbacStrategies.Roles(false);
    private final RbacStrategies.Bindings bindings = new RbacStrategies.Bindings(true);
    private final RbacStrategies.Bindings clusterBindings = new RbacStrategies.Bindings(false);

    @Test
    void rulesNeedVerbsAndEitherResourcesOrUrls() {
        JsonObject role = json("""
                {'metadata':{'name':'reader','namespace':'default'},'rules':[
                  {'apiGroups':[''],'resources':['pods'],'verbs':[]},
                  {'verbs':['get'],'resources':['pods']},
                  {'apiGroups':['apps'],'verbs':['get']},
                  {'nonResourceURLs':['/healthz'],'verbs':['get']}]}""");
        List<FieldError> errors = create(roles, role);
        assertError(errors, "rules[0].verbs", "Required value: verbs must contain at least one value");
        assertError(errors, "rules[1].apiGroups", "resource rules must supply at least one api group");
        assertError(errors, "rules[2].resources", "resource rules must supply at least one resource");
        assertError(errors, "rules[3].nonResourceURLs", "namespaced rules cannot apply to non-resource URLs");

        JsonObject clusterRole = json("{'metadata':{'name':'system:health'},'rules':[{'nonResourceURLs':['/healthz'],'verbs':['get']},"
                + "{'apiGroups':['','apps'],'resources':['pods','deployments'],'resourceNames':['x'],'verbs':['get','list']}]}");
        assertNoErrors(create(clusterRoles, clusterRole));
        assertError(create(clusterRoles, json("{'metadata':{'name':'x'},'rules':[{'nonResourceURLs':['/x'],"
                + "'resources':['pods'],'verbs':['get']}]}")), "rules[0].nonResourceURLs",
                "rules cannot apply to both regular resources and non-resource URLs");
        assertEquals(List.of(), roles.specFields());
    }

    @Test
    void bindingsReferenceARoleAndKnownSubjects() {
        JsonObject binding = json("""
                {'metadata':{'name':'read-pods','namespace':'default'},
                 'roleRef':{'apiGroup':'rbac.authorization.k8s.io','kind':'Role','name':'reader'},
                 'subjects':[{'kind':'User','name':'jane'},{'kind':'ServiceAccount','name':'builder','namespace':'ci'},
                             {'kind':'Group','name':'devs'}]}""");
        assertNoErrors(create(bindings, binding));
        assertEquals("rbac.authorization.k8s.io", string(binding.getAsJsonArray("subjects").get(0).getAsJsonObject(), "apiGroup"));
        assertEquals("", string(binding.getAsJsonArray("subjects").get(1).getAsJsonObject(), "apiGroup"));

        List<FieldError> errors = create(bindings, json("""
                {'metadata':{'name':'b'},'roleRef':{'apiGroup':'rbac','kind':'Policy'},
                 'subjects':[{'kind':'Robot','name':'r2'},{'kind':'User'},{'kind':'ServiceAccount','name':'x','apiGroup':'rbac.authorization.k8s.io'}]}"""));
        assertError(errors, "roleRef.apiGroup", "Unsupported value: \"rbac\"");
        assertError(errors, "roleRef.kind", "Unsupported value: \"Policy\": supported values: \"Role\", \"ClusterRole\"");
        assertError(errors, "roleRef.name", "Required value");
        assertError(errors, "subjects[0].kind", "Unsupported value: \"Robot\"");
        assertError(errors, "subjects[1].name", "Required value");
        assertError(errors, "subjects[2].apiGroup", "supported values: \"\"");
    }

    @Test
    void clusterRoleBindingsBindClusterRolesToNamespacedServiceAccounts() {
        List<FieldError> errors = create(clusterBindings, json("""
                {'metadata':{'name':'b'},'roleRef':{'apiGroup':'rbac.authorization.k8s.io','kind':'Role','name':'r'},
                 'subjects':[{'kind':'ServiceAccount','name':'builder'}]}"""));
        assertError(errors, "roleRef.kind", "supported values: \"ClusterRole\"");
        assertError(errors, "subjects[0].namespace", "Required value");
    }

    @Test
    void roleRefCannotChange() {
        JsonObject old = json("{'metadata':{'name':'b'},'roleRef':{'apiGroup':'rbac.authorization.k8s.io','kind':'ClusterRole','name':'view'}}");
        JsonObject sameRef = json("{'metadata':{'name':'b'},'roleRef':{'apiGroup':'rbac.authorization.k8s.io','kind':'ClusterRole',"
                + "'name':'view'},'subjects':[{'kind':'User','name':'joe'}]}");
        assertNoErrors(update(bindings, sameRef, old));
        JsonObject otherRef = json("{'metadata':{'name':'b'},'roleRef':{'apiGroup':'rbac.authorization.k8s.io','kind':'ClusterRole','name':'edit'}}");
        assertError(update(bindings, otherRef, old), "roleRef", "cannot change roleRef");
    }
}
