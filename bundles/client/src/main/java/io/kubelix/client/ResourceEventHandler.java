package io.kubelix.client;

import com.google.gson.JsonObject;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the changes a {@link SharedInformer} sees. Calls for one informer come on its single
 * dispatcher thread, one at a time, in the order the changes happened. Every object passed is a
 * private copy the handler may keep or change. A handler that throws is logged and keeps getting
 * events. Handlers should be quick (typically: put the object's key on a {@link WorkQueue}); a
 * slow one delays the other handlers of the same informer, not the watch.
 */
@ConsumerType
public interface ResourceEventHandler {

    /** An object appeared: created, or present when the handler was added. */
    default void onAdd(JsonObject object) {
    }

    /**
     * An object changed. On a periodic resync both arguments hold the same state (as separate
     * copies): compare resourceVersions to tell a resync from a real change.
     */
    default void onUpdate(JsonObject oldObject, JsonObject newObject) {
    }

    /**
     * An object went.
     *
     * @param object            its final state; when {@code finalStateUnknown}, the last state
     *                          the cache saw
     * @param finalStateUnknown true when the deletion was noticed by a re-list after the watch was
     *                          interrupted, so the object may have changed before it was deleted
     */
    default void onDelete(JsonObject object, boolean finalStateUnknown) {
    }
}
