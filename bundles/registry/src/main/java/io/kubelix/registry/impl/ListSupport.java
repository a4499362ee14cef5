package io.kubelix.registry.impl;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Json;
import io.kubelix.api.resource.ApiException;
import io.kubelix.api.resource.EncodedList;
import io.kubelix.api.resource.ListOptions;
import io.kubelix.api.resource.ObjectList;
import io.kubelix.api.resource.ResourceDefinition;
import io.kubelix.api.resource.ResourceType;
import io.kubelix.api.store.CompactedException;
import io.kubelix.api.store.KeyValue;
import io.kubelix.api.store.KeyValueStore;
import io.kubelix.api.store.RangeRequest;
import io.kubelix.api.store.RangeResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists with Kubernetes' resourceVersion rules and pagination. Every page of a paginated list
 * reads the revision the first page was read at, so a list is one consistent snapshot even while
 * writes go on; once that revision is compacted the client gets 410 and starts over.
 */
final class ListSupport {
    private static final String EXPIRED_CONTINUE = "The provided continue parameter is too old to display a "
            + "consistent list result. You can start a new list without the continue parameter.";

    private ListSupport() {
    }

    /** One page of items in whatever form the caller wants. */
    private record Page<T>(List<T> items, String resourceVersion, String continueToken, Long remainingItemCount) {
    }

    /** Turns a stored key value into a list item, or null when the selection rejects it. */
    @FunctionalInterface
    private interface ItemReader<T> {
        T read(KeyValue kv);
    }

    static ObjectList list(KeyValueStore store, ResourceDefinition def, String namespace, ListOptions options) {
        ResourceType type = def.type();
        Selection selection = Selection.of(options, def.strategy());
        Page<JsonObject> page = page(store, type, namespace, options, selection, kv -> {
            JsonObject object = ObjectCodec.decode(kv, type);
            return selection.matches(object) ? object : null;
        });
        return new ObjectList(page.items(), page.resourceVersion(), page.continueToken(), page.remainingItemCount());
    }

    /** The list as JSON bytes; without selectors the stored bytes are served without decoding. */
    static EncodedList listEncoded(KeyValueStore store, ResourceDefinition def, String namespace,
            ListOptions options) {
        ResourceType type = def.type();
        Selection selection = Selection.of(options, def.strategy());
        ItemReader<byte[]> reader = selection.selectsEverything() ? kv -> ObjectCodec.encoded(kv, type) : kv -> {
            JsonObject object = ObjectCodec.decode(kv, type);
            return selection.matches(object) ? Json.writeBytes(object) : null;
        };
        Page<byte[]> page = page(store, type, namespace, options, selection, reader);
        return new EncodedList(page.items(), page.resourceVersion(), page.continueToken(), page.remainingItemCount());
    }

    private static <T> Page<T> page(KeyValueStore store, ResourceType type, String namespace, ListOptions options,
            Selection selection, ItemReader<T> reader) {
        String prefix = StorageKeys.listPrefix(type, namespace);
        long revision = 0;
        String startAfter = null;
        if (options.continueToken() != null && !options.continueToken().isEmpty()) {
            ContinueToken token = ContinueToken.decode(options.continueToken(), prefix);
            revision = token.revision();
            startAfter = token.startAfter();
        } else {
            revision = requestedRevision(store, options);
        }
        int limit = Math.max(0, options.limit());
        List<T> items = new ArrayList<>();
        String lastKey = null;
        boolean more = false;
        long remaining = 0;
        try {
            // Read in pages until the limit is filled with matching objects or the range ends.
            while (true) {
                int pageSize = limit == 0 ? 0 : Math.max(limit - items.size(), selection.selectsEverything() ? 0 : 64);
                RangeResult page = store.range(new RangeRequest(prefix, startAfter, revision, pageSize));
                revision = page.revision();
                List<KeyValue> kvs = page.kvs();
                int used = 0;
                for (KeyValue kv : kvs) {
                    used++;
                    T item = reader.read(kv);
                    lastKey = kv.key();
                    if (item != null) {
                        items.add(item);
                        if (limit > 0 && items.size() == limit) {
                            break;
                        }
                    }
                }
                boolean pageLeftover = used < kvs.size();
                if (limit > 0 && items.size() == limit) {
                    more = pageLeftover || page.more();
                    remaining = (kvs.size() - used) + page.remaining();
                    break;
                }
                if (!page.more()) {
                    break;
                }
                startAfter = lastKey;
            }
        } catch (CompactedException e) {
            if (options.continueToken() != null && !options.continueToken().isEmpty()) {
                throw ApiException.gone(EXPIRED_CONTINUE);
            }
            throw ApiException.gone("too old resource version: " + revision + " (" + e.compactedRevision() + ")");
        }
        String next = more ? new ContinueToken(revision, lastKey).encode() : null;
        Long remainingCount = more && selection.selectsEverything() ? remaining : null;
        return new Page<>(items, Long.toString(revision), next, remainingCount);
    }

    /**
     * The revision a list without a continue token reads: the latest one unless the client asked
     * for an exact revision. "At least N" is satisfied by the latest revision when it is N or newer.
     */
    private static long requestedRevision(KeyValueStore store, ListOptions options) {
        String rv = options.resourceVersion();
        if (rv == null || rv.isEmpty() || rv.equals("0")) {
            return 0;
        }
        long requested;
        try {
            requested = Long.parseLong(rv);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid resource version \"" + rv + "\": it must be a number");
        }
        String match = options.resourceVersionMatch();
        long current = store.revision();
        if (requested > current) {
            throw new ApiException(504, "Timeout", "Too large resource version: " + requested + ", current: "
                    + current, null, null, null, List.of(), 1);
        }
        if ("Exact".equals(match)) {
            return requested;
        }
        if (match != null && !match.isEmpty() && !"NotOlderThan".equals(match)) {
            throw ApiException.badRequest("resourceVersionMatch: Unsupported value: \"" + match
                    + "\": supported values: \"Exact\", \"NotOlderThan\"");
        }
        return 0;
    }
}
