package io.kubelix.apiserver.impl.auth;

import com.google.gson.JsonObject;
import io.kubelix.api.json.Objects;
import io.kubelix.api.resource.ApiException;
import io.kubelix.api.resource.ResourceService;
import io.kubelix.api.resource.ResourceType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps a request's bearer token to a user: the admin token is {@code kubelix-admin} in {@code system:masters};
 * a service account token issued here (valid signature, not expired, meant for this API server, and its
 * service account, and bound object if any, still there with the same uid) is
 * {@code system:serviceaccount:<ns>:<name>}.
 *
 * <p>Authentication only: RBAC is not enforced yet, so every authenticated user may do everything.
 */
public final class Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
    public static final String ADMIN_USER = "kubelix-admin";
    static final String CREDENTIAL_ID = "authentication.kubernetes.io/credential-id";

    private final byte[] adminToken;
    private final ServiceAccountTokens tokens;
    private final ResourceService service;
    private final Clock clock;

    public Authenticator(String adminToken, ServiceAccountTokens tokens, ResourceService service, Clock clock) {
        this.adminToken = adminToken.getBytes(StandardCharsets.UTF_8);
        this.tokens = tokens;
        this.service = service;
        this.clock = clock;
    }

    public ServiceAccountTokens tokens() {
        return tokens;
    }

    /** The user an {@code Authorization} header stands for, or null when it proves nobody. */
    public UserInfo authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorizationHeader.substring(7).trim();
        if (MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), adminToken)) {
            return new UserInfo(ADMIN_USER, null, List.of("system:masters", UserInfo.AUTHENTICATED), Map.of());
        }
        if (!ServiceAccountTokens.looksLikeJwt(token)) {
            return null;
        }
        try {
            ServiceAccountTokens.Claims claims = tokens.verify(token, clock.instant());
            checkStillBound(claims);
            Map<String, List<String>> extra = claims.id() == null ? Map.of()
                    : Map.of(CREDENTIAL_ID, List.of("JTI=" + claims.id()));
            return new UserInfo(claims.subject(), claims.serviceAccountUid(), List.of("system:serviceaccounts",
                    "system:serviceaccounts:" + claims.namespace(), UserInfo.AUTHENTICATED), extra);
        } catch (ServiceAccountTokens.InvalidTokenException e) {
            // The reason only, never the token.
            LOG.debug("Rejected a service account token: {}", e.getMessage());
            return null;
        }
    }

    /** A token dies with its service account (and bound object): a new one of the same name gets a new uid. */
    private void checkStillBound(ServiceAccountTokens.Claims claims) throws ServiceAccountTokens.InvalidTokenException {
        if (!sameUid("serviceaccounts", claims.namespace(), claims.serviceAccount(), claims.serviceAccountUid())) {
            throw new ServiceAccountTokens.InvalidTokenException("service account " + claims.namespace() + "/"
                    + claims.serviceAccount() + " is gone or was recreated");
        }
        if (claims.boundKind() != null && !sameUid(claims.boundKind().equals("Pod") ? "pods" : "secrets",
                claims.namespace(), claims.boundName(), claims.boundUid())) {
            throw new ServiceAccountTokens.InvalidTokenException("the token's bound " + claims.boundKind() + " "
                    + claims.namespace() + "/" + claims.boundName() + " is gone or was recreated");
        }
    }

    private boolean sameUid(String plural, String namespace, String name, String uid) {
        ResourceType type = service.findType("", "v1", plural).orElse(null);
        if (type == null || name == null) {
            return false;
        }
        try {
            JsonObject object = service.get(type, namespace, name, null);
            return uid != null && uid.equals(Objects.uid(object));
        } catch (ApiException e) {
            if (e.code() == 404) {
                return false;
            }
            throw e; // e.g. the store is unavailable: an error, not a rejected token
        }
    }
}
