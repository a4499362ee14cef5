package io.kubelix.api.resource;

/**
 * Options of a create, update or patch.
 *
 * @param dryRun          validate and answer as if written, but write nothing
 * @param fieldManager    who makes the change (for managedFields)
 * @param fieldValidation "Strict", "Warn" or "Ignore"; null for the default (Warn, as Kubernetes)
 * @param force           for server-side apply: take over conflicting fields
 */
public record WriteOptions(boolean dryRun, String fieldManager, String fieldValidation, boolean force) {
    public static final WriteOptions DEFAULT = new WriteOptions(false, null, null, false);

    public static WriteOptions manager(String fieldManager) {
        return new WriteOptions(false, fieldManager, null, false);
    }
}
