package io.kubelix.apiserver.impl.auth;

import java.util.List;
import java.util.Map;

/**
 * Who sent a request, as Kubernetes' {@code authentication.k8s.io/v1 UserInfo} names it.
 *
 * @param uid   the service account's uid, or null for other users
 * @param extra extra attributes (for a service account token: its credential id)
 */
public record UserInfo(String username, String uid, List<String> groups, Map<String, List<String>> extra) {
    /** The request attribute the servlet keeps the authenticated user under. */
    public static final String ATTRIBUTE = UserInfo.class.getName();

    public static final String AUTHENTICATED = "system:authenticated";

    public UserInfo {
        groups = List.copyOf(groups);
        extra = Map.copyOf(extra);
    }
}
