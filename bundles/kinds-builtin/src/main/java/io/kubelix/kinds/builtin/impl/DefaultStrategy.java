package io.kubelix.kinds.builtin.impl;

import io.kubelix.api.resource.ResourceStrategy;
import java.util.List;

/** Kinds with no rules of their own: only the registry's generic handling applies. */
final class DefaultStrategy implements ResourceStrategy {
    /** For kinds whose desired state is {@code spec}: a spec change bumps generation. */
    static final DefaultStrategy WITH_SPEC = new DefaultStrategy(List.of("spec"));
    /** For kinds without a spec (ServiceAccount, ...): generation stays put. */
    static final DefaultStrategy WITHOUT_SPEC = new DefaultStrategy(List.of());

    private final List<String> specFields;

    private DefaultStrategy(List<String> specFields) {
        this.specFields = specFields;
    }

    @Override
    public List<String> specFields() {
        return specFields;
    }
}
