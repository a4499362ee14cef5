package io.kubelix.api.store;

/**
 * One change seen by a watch.
 *
 * @param type     PUT for a create or update, DELETE for a removal
 * @param kv       for PUT the new value; for DELETE the key with the value it had when removed and
 *                 {@code modRevision} set to the deleting revision
 * @param prevKv   the value before the change, or null when the key was created
 * @param revision the revision of the change
 */
public record WatchEvent(Type type, KeyValue kv, KeyValue prevKv, long revision) {
    public enum Type { PUT, DELETE }
}
