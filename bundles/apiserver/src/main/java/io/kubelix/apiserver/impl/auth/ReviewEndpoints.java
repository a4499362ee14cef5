package io.kubelix.apiserver.impl.auth;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.ApiException;
import io.kubelix.api.resource.FieldError;
import io.kubelix.api.resource.ResourceService;
import io.kubelix.api.resource.ResourceType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The create-only, never-stored endpoints of authentication and authorization:
 * {@code authorization.k8s.io/v1} SelfSubjectAccessReview and SelfSubjectRulesReview ({@code kubectl auth can-i}),
 * {@code authentication.k8s.io/v1} SelfSubjectReview ({@code kubectl auth whoami}), and the
 * {@code serviceaccounts/token} subresource that issues a TokenRequest ({@code kubectl create token}).
 *
 * <p>RBAC is not enforced yet: every authenticated user may do everything, and the reviews say exactly that.
 */
public final class ReviewEndpoints {
    static final String AUTHORIZATION = "authorization.k8s.io";
    static final String AUTHENTICATION = "authentication.k8s.io";
    static final String NOT_ENFORCED = "RBAC is not enforced yet: every authenticated user may do everything";
    static final Duration DEFAULT_EXPIRATION = Duration.ofHours(1);
    /** Kubernetes' lower bound. */
    static final Duration MIN_EXPIRATION = Duration.ofMinutes(10);
    /** Longer requests are shortened to this, as Kubernetes does with its maximum token expiration. */
    static final Duration MAX_EXPIRATION = Duration.ofHours(48);

    public static final ResourceType SELF_SUBJECT_ACCESS_REVIEWS = virtual(AUTHORIZATION,
            "SelfSubjectAccessReview", "selfsubjectaccessreviews");
    public static final ResourceType SELF_SUBJECT_RULES_REVIEWS = virtual(AUTHORIZATION,
            "SelfSubjectRulesReview", "selfsubjectrulesreviews");
    public static final ResourceType SELF_SUBJECT_REVIEWS = virtual(AUTHENTICATION,
            "SelfSubjectReview", "selfsubjectreviews");
    /** Only for the wording of errors about a TokenRequest body. */
    static final ResourceType TOKEN_REQUESTS = virtual(AUTHENTICATION, "TokenRequest", "tokenrequests");
    /** The types above that have a URL of their own, for routing and discovery. */
    public static final List<ResourceType> TYPES = List.of(SELF_SUBJECT_ACCESS_REVIEWS, SELF_SUBJECT_RULES_REVIEWS,
            SELF_SUBJECT_REVIEWS);
    public static final String TOKEN = "token";

    /** A subresource served here rather than by the registry, for discovery. */
    public record Subresource(String name, String group, String version, String kind, List<String> verbs) {
    }

    private final ResourceService service;
    private final ServiceAccountTokens tokens;
    private final Clock clock;

    public ReviewEndpoints(ResourceService service, ServiceAccountTokens tokens, Clock clock) {
        this.service = service;
        this.tokens = tokens;
        this.clock = clock;
    }

    private static ResourceType virtual(String group, String kind, String plural) {
        return new ResourceType(group, "v1", kind, plural, kind.toLowerCase(java.util.Locale.ROOT), false, List.of(),
                List.of(), List.of("create"), List.of());
    }

    /** The virtual type at {@code /apis/group/version/plural}, if this class serves one. */
    public static Optional<ResourceType> find(String group, String version, String plural) {
        return TYPES.stream().filter(t -> t.group().equals(group) && t.version().equals(version)
                && t.plural().equals(plural)).findFirst();
    }

    /** The subresources of a stored type that are served here (today: serviceaccounts/token). */
    public static List<Subresource> subresources(ResourceType type) {
        return isServiceAccounts(type) ? List.of(new Subresource(TOKEN, AUTHENTICATION, "v1", "TokenRequest",
                List.of("create"))) : List.of();
    }

    public static boolean servesSubresource(ResourceType type, String subresource) {
        return TOKEN.equals(subresource) && isServiceAccounts(type);
    }

    private static boolean isServiceAccounts(ResourceType type) {
        return type.group().isEmpty() && type.version().equals("v1") && type.plural().equals("serviceaccounts");
    }

    // ---- reviews ----

    /** Answers a review POSTed to one of {@link #TYPES} by {@code user}; nothing is stored. */
    public JsonObject review(ResourceType type, JsonObject body, UserInfo user) {
        JsonObject review = typed(type, body);
        JsonObject spec = Objects.pathObject(review, "spec");
        if (spec == null) {
            spec = new JsonObject();
            review.add("spec", spec);
        }
        JsonObject status = new JsonObject();
        if (type == SELF_SUBJECT_ACCESS_REVIEWS) {
            boolean resource = spec.get("resourceAttributes") instanceof JsonObject;
            boolean nonResource = spec.get("nonResourceAttributes") instanceof JsonObject;
            if (resource == nonResource) {
                throw ApiException.invalid(type, nameOf(review), List.of(FieldError.invalid("spec.resourceAttributes",
                        resource ? "both given" : "neither given",
                        "exactly one of nonResourceAttributes or resourceAttributes must be specified")));
            }
            // Not an authorization decision: RBAC is not enforced yet, so every authenticated user may.
            status.addProperty("allowed", true);
            status.addProperty("reason", NOT_ENFORCED);
        } else if (type == SELF_SUBJECT_RULES_REVIEWS) {
            status.add("resourceRules", array(rule("apiGroups", "resources")));
            status.add("nonResourceRules", array(rule("nonResourceURLs")));
            status.addProperty("incomplete", false);
        } else if (type == SELF_SUBJECT_REVIEWS) {
            status.add("userInfo", userInfo(user));
        } else {
            throw new IllegalArgumentException("not a review type: " + type.kind());
        }
        review.add("status", status);
        return review;
    }

    private static JsonObject rule(String... everythingFields) {
        JsonObject rule = new JsonObject();
        rule.add("verbs", array("*"));
        for (String field : everythingFields) {
            rule.add(field, array("*"));
        }
        return rule;
    }

    static JsonObject userInfo(UserInfo user) {
        JsonObject info = new JsonObject();
        info.addProperty("username", user.username());
        if (user.uid() != null) {
            info.addProperty("uid", user.uid());
        }
        JsonArray groups = new JsonArray();
        user.groups().forEach(groups::add);
        info.add("groups", groups);
        if (!user.extra().isEmpty()) {
            JsonObject extra = new JsonObject();
            user.extra().forEach((k, v) -> {
                JsonArray values = new JsonArray();
                v.forEach(values::add);
                extra.add(k, values);
            });
            info.add("extra", extra);
        }
        return info;
    }

    // ---- token requests ----

    /**
     * Issues a token for service account {@code namespace/name} as asked by a TokenRequest body; the
     * answer is the TokenRequest with {@code status.token} and {@code status.expirationTimestamp}.
     *
     * @throws ApiException 404 when the service account (or the bound object) does not exist, 422 for a bad spec
     */
    public JsonObject requestToken(ResourceType serviceAccounts, String namespace, String name, JsonObject body) {
        JsonObject request = typed(TOKEN_REQUESTS, body);
        JsonObject spec = Objects.pathObject(request, "spec");
        if (spec == null) {
            spec = new JsonObject();
            request.add("spec", spec);
        }
        List<FieldError> errors = new ArrayList<>();
        List<String> audiences = audiences(spec, errors);
        Duration expiration = expiration(spec, errors);
        JsonObject ref = spec.get("boundObjectRef") instanceof JsonObject o ? o : null;
        String refKind = ref == null ? null : Objects.string(ref, "kind");
        if (ref != null) {
            if (refKind == null || !List.of("Pod", "Secret").contains(refKind)) {
                errors.add(FieldError.notSupported("spec.boundObjectRef.kind", refKind, List.of("Pod", "Secret")));
            }
            String refApiVersion = Objects.string(ref, "apiVersion");
            if (refApiVersion != null && !refApiVersion.equals("v1")) {
                errors.add(FieldError.notSupported("spec.boundObjectRef.apiVersion", refApiVersion, List.of("v1")));
            }
            if (Objects.string(ref, "name") == null || Objects.string(ref, "name").isEmpty()) {
                errors.add(FieldError.required("spec.boundObjectRef.name"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(TOKEN_REQUESTS, name, errors);
        }
        // 404 "serviceaccounts "x" not found" when there is no such service account.
        JsonObject serviceAccount = service.get(serviceAccounts, namespace, name, null);
        String boundName = null;
        String boundUid = null;
        if (ref != null) {
            boundName = Objects.string(ref, "name");
            boundUid = boundObjectUid(namespace, name, refKind, boundName, Objects.string(ref, "uid"));
            ref.addProperty("apiVersion", "v1");
            ref.addProperty("uid", boundUid);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(expiration);
        String token = tokens.issue(new ServiceAccountTokens.Claims(namespace, name, Objects.uid(serviceAccount),
                audiences, now, expires, ServiceAccountTokens.newId(), refKind, boundName, boundUid));

        JsonObject metadata = new JsonObject();
        metadata.addProperty("name", name);
        metadata.addProperty("namespace", namespace);
        metadata.add("creationTimestamp", JsonNull.INSTANCE);
        request.add("metadata", metadata);
        JsonArray aud = new JsonArray();
        audiences.forEach(aud::add);
        spec.add("audiences", aud);
        spec.addProperty("expirationSeconds", expiration.toSeconds());
        JsonObject status = new JsonObject();
        status.addProperty("token", token);
        status.addProperty("expirationTimestamp", expires.toString());
        request.add("status", status);
        return request;
    }

    private static List<String> audiences(JsonObject spec, List<FieldError> errors) {
        List<String> audiences = new ArrayList<>();
        JsonElement given = spec.get("audiences");
        if (given != null && !given.isJsonNull()) {
            if (!given.isJsonArray()) {
                errors.add(FieldError.invalid("spec.audiences", given.toString(), "must be a list of strings"));
                return audiences;
            }
            JsonArray list = given.getAsJsonArray();
            for (int i = 0; i < list.size(); i++) {
                JsonElement a = list.get(i);
                if (!a.isJsonPrimitive() || a.getAsString().isBlank()) {
                    errors.add(FieldError.invalid("spec.audiences[" + i + "]", a.toString(),
                            "must be a non-empty string"));
                } else if (!audiences.contains(a.getAsString())) {
                    audiences.add(a.getAsString());
                }
            }
        }
        if (audiences.isEmpty()) {
            audiences.add(ServiceAccountTokens.API_AUDIENCE);
        }
        return audiences;
    }

    private static Duration expiration(JsonObject spec, List<FieldError> errors) {
        JsonElement given = spec.get("expirationSeconds");
        if (given == null || given.isJsonNull()) {
            return DEFAULT_EXPIRATION;
        }
        long seconds;
        try {
            seconds = given.getAsLong();
        } catch (RuntimeException e) {
            errors.add(FieldError.invalid("spec.expirationSeconds", given.toString(), "must be a number of seconds"));
            return DEFAULT_EXPIRATION;
        }
        if (seconds < MIN_EXPIRATION.toSeconds()) {
            errors.add(FieldError.invalid("spec.expirationSeconds", seconds,
                    "may not specify a duration less than 10 minutes"));
            return DEFAULT_EXPIRATION;
        }
        return Duration.ofSeconds(Math.min(seconds, MAX_EXPIRATION.toSeconds()));
    }

    /** The uid of the object a token is bound to; it must exist, match a given uid, and (a Pod) run as the account. */
    private String boundObjectUid(String namespace, String serviceAccount, String kind, String name, String uid) {
        ResourceType type = service.findType("", "v1", kind.equals("Pod") ? "pods" : "secrets")
                .orElseThrow(() -> ApiException.badRequest("cannot bind a token to a " + kind + ": " + kind
                        + " objects are not served"));
        JsonObject object = service.get(type, namespace, name, null);
        String actual = Objects.uid(object);
        if (uid != null && !uid.isEmpty() && !uid.equals(actual)) {
            throw new ApiException(409, "Conflict", "the uid in the bound object reference (" + uid + ") does not "
                    + "match the uid of " + kind + " " + namespace + "/" + name + " (" + actual + "); the object "
                    + "may have been deleted and created again");
        }
        if (kind.equals("Pod")) {
            String podAccount = Objects.pathString(object, "spec.serviceAccountName");
            if (podAccount == null || podAccount.isEmpty()) {
                podAccount = "default";
            }
            if (!podAccount.equals(serviceAccount)) {
                throw new ApiException(409, "Conflict", "cannot bind a token for service account \"" + serviceAccount
                        + "\" to pod \"" + name + "\", which runs as service account \"" + podAccount + "\"");
            }
        }
        return actual;
    }

    // ---- shared ----

    /** A copy of the body with apiVersion and kind filled in; a body of another kind is refused. */
    private static JsonObject typed(ResourceType type, JsonObject body) {
        String apiVersion = Objects.apiVersion(body);
        String kind = Objects.kind(body);
        if ((kind != null && !kind.isEmpty() && !kind.equals(type.kind()))
                || (apiVersion != null && !apiVersion.isEmpty() && !apiVersion.equals(type.apiVersion()))) {
            throw ApiException.badRequest("the body is " + (apiVersion == null ? "" : apiVersion + " ") + kind
                    + ", but this endpoint takes " + type.apiVersion() + " " + type.kind());
        }
        JsonObject copy = new JsonObject();
        copy.addProperty("kind", type.kind());
        copy.addProperty("apiVersion", type.apiVersion());
        body.entrySet().forEach(e -> {
            if (!e.getKey().equals("kind") && !e.getKey().equals("apiVersion") && !e.getKey().equals("status")) {
                copy.add(e.getKey(), e.getValue().deepCopy());
            }
        });
        if (!(copy.get("metadata") instanceof JsonObject)) {
            JsonObject metadata = new JsonObject();
            metadata.add("creationTimestamp", JsonNull.INSTANCE);
            copy.add("metadata", metadata);
        }
        return copy;
    }

    private static String nameOf(JsonObject object) {
        String name = Objects.name(object);
        return name == null ? "" : name;
    }

    private static JsonArray array(Object... values) {
        JsonArray a = new JsonArray();
        for (Object v : values) {
            if (v instanceof JsonElement e) {
                a.add(e);
            } else {
                a.add(String.valueOf(v));
            }
        }
        return a;
    }
}
