package io.kubelix.api.resource;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * One page of a list.
 *
 * @param items              the objects, each with apiVersion and kind set
 * @param resourceVersion    the revision the list reflects; a watch from it misses nothing
 * @param continueToken      the token for the next page, or null on the last page
 * @param remainingItemCount how many items follow this page, or null when unknown or none
 */
public record ObjectList(List<JsonObject> items, String resourceVersion, String continueToken,
        Long remainingItemCount) {
}
