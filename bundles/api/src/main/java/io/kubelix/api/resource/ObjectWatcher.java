package io.kubelix.api.resource;

import com.google.gson.JsonObject;
import org.osgi.annotation.versioning.ConsumerType;

/** Receives the events of an object watch. Called on a store thread: return quickly. */
@ConsumerType
public interface ObjectWatcher {
    /**
     * One event.
     *
     * @param type   ADDED, MODIFIED, DELETED, BOOKMARK or ERROR
     * @param object the object (for BOOKMARK, only apiVersion, kind and metadata.resourceVersion;
     *               for ERROR, a Status)
     */
    void onEvent(String type, JsonObject object);

    /** The watch ended: timeout, shutdown, or history compacted under it. */
    default void onClosed() {
    }
}
