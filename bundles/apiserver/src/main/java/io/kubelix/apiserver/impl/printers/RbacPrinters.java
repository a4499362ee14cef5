package io.kubelix.apiserver.impl.printers;

import static io.kubelix.apiserver.impl.printers.Cells.str;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Roles and cluster roles (NAME CREATED AT), role bindings and cluster role bindings. */
final class RbacPrinters {
    private RbacPrinters() {
    }

    static KindTable roles() {
        return KindTable.of(Column.NAME, Column.CREATED_AT);
    }

    static KindTable bindings() {
        return KindTable.of(Column.NAME,
                Column.text("Role", "The bound role, as Kind/name.",
                        o -> Cells.orEmpty(str(o, "roleRef.kind")) + "/" + Cells.orEmpty(str(o, "roleRef.name"))),
                Column.AGE,
                Column.text("Users", "Users the role is bound to.", o -> subjects(o, "User")).wide(),
                Column.text("Groups", "Groups the role is bound to.", o -> subjects(o, "Group")).wide(),
                Column.text("ServiceAccounts", "Service accounts the role is bound to, as namespace:name.",
                        o -> subjects(o, "ServiceAccount")).wide());
    }

    private static String subjects(JsonObject binding, String kind) {
        List<String> names = new ArrayList<>();
        for (JsonObject subject : Cells.objects(binding, "subjects")) {
            if (!kind.equals(str(subject, "kind"))) {
                continue;
            }
            String name = Cells.orEmpty(str(subject, "name"));
            names.add(kind.equals("ServiceAccount") ? Cells.orEmpty(str(subject, "namespace")) + ":" + name : name);
        }
        return String.join(", ", names);
    }
}
