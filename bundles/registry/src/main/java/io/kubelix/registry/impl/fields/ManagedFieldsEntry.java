package io.kubelix.registry.impl.fields;

/**
 * One entry of {@code metadata.managedFields}: the fields {@code manager} owns through operations of
 * one kind ("Apply" or "Update").
 */
public record ManagedFieldsEntry(String manager, String operation, String apiVersion, String time, FieldSet fields) {
    public static final String APPLY = "Apply";
    public static final String UPDATE = "Update";

    public boolean is(String manager, String operation) {
        return this.manager.equals(manager) && this.operation.equals(operation);
    }

    public ManagedFieldsEntry withFields(FieldSet newFields) {
        return new ManagedFieldsEntry(manager, operation, apiVersion, time, newFields);
    }
}
