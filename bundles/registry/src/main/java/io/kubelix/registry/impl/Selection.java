package io.kubelix.registry.impl;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.ApiException;
import io.kubelix.api.resource.ListOptions;
import io.kubelix.api.resource.ResourceStrategy;
import io.kubelix.api.selector.FieldSelector;
import io.kubelix.api.selector.LabelSelector;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The label and field selectors of one list or watch, checked once and applied to each object. */
final class Selection {
    private final LabelSelector labels;
    private final FieldSelector fields;
    private final ResourceStrategy strategy;

    private Selection(LabelSelector labels, FieldSelector fields, ResourceStrategy strategy) {
        this.labels = labels;
        this.fields = fields;
        this.strategy = strategy;
    }

    static Selection of(ListOptions options, ResourceStrategy strategy) {
        LabelSelector labels;
        FieldSelector fields;
        try {
            labels = LabelSelector.parse(options.labelSelector());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("unable to parse labelSelector: " + e.getMessage());
        }
        try {
            fields = FieldSelector.parse(options.fieldSelector());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("unable to parse fieldSelector: " + e.getMessage());
        }
        Set<String> supported = new HashSet<>(Set.of("metadata.name", "metadata.namespace"));
        supported.addAll(strategy.selectableFields(new JsonObject()).keySet());
        for (FieldSelector.Requirement r : fields.requirements()) {
            if (!supported.contains(r.field())) {
                throw ApiException.badRequest("field label not supported: " + r.field());
            }
        }
        return new Selection(labels, fields, strategy);
    }

    boolean selectsEverything() {
        return labels.isEverything() && fields.isEverything();
    }

    /** The name the field selector pins, if any: lets a list read one key instead of scanning. */
    java.util.Optional<String> exactName() {
        return fields.exactValue("metadata.name");
    }

    boolean matches(JsonObject object) {
        if (!labels.matches(Objects.labels(object))) {
            return false;
        }
        if (fields.isEverything()) {
            return true;
        }
        Map<String, String> extra = strategy.selectableFields(object);
        return fields.matches(field -> switch (field) {
            case "metadata.name" -> Objects.name(object);
            case "metadata.namespace" -> Objects.namespace(object);
            default -> extra.get(field);
        });
    }
}
