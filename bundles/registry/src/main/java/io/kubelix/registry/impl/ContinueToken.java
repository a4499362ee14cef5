package io.kubelix.registry.impl;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Json;
import io.kubelix.api.resource.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code continue} token of a paginated list: the revision the first page was read at
 * and the last key returned, so every page reads the same snapshot.
 */
record ContinueToken(long revision, String startAfter) {

    String encode() {
        JsonObject o = new JsonObject();
        o.addProperty("v", "meta.k8s.io/v1");
        o.addProperty("rv", revision);
        o.addProperty("start", startAfter);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.writeBytes(o));
    }

    static ContinueToken decode(String token, String expectedPrefix) {
        try {
            JsonObject o = Json.parseObject(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            long rv = o.get("rv").getAsLong();
            String start = o.get("start").getAsString();
            if (rv <= 0 || !start.startsWith(expectedPrefix)) {
                throw new IllegalArgumentException("token does not belong to this list");
            }
            return new ContinueToken(rv, start);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("invalid value for continue: the token is malformed or belongs to "
                    + "another list; start the list again without it");
        }
    }
}
