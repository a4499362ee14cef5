package io.kubelix.apiserver.impl;

import java.util.Locale;

/** Reads what a client asks for in its Accept header. */
final class Negotiation {
    private Negotiation() {
    }

    /** Whether the client asked for server-side printing (a meta.k8s.io Table). */
    static boolean wantsTable(String accept) {
        if (accept == null) {
            return false;
        }
        for (String range : accept.split(",")) {
            String r = range.toLowerCase(Locale.ROOT).replace(" ", "");
            if (r.startsWith("application/json") && r.contains(";as=table") && r.contains("g=meta.k8s.io")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the client accepts only media types this server does not write (answers are JSON):
     * for example the Java client's protobuf-only requests. Such a client gets 406, not JSON it
     * cannot read.
     */
    static boolean acceptsNoJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        for (String range : accept.split(",")) {
            String type = range.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (type.equals("application/json") || type.equals("*/*") || type.equals("application/*")
                    || type.equals("application/yaml") || type.startsWith("text/") || type.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The aggregated discovery version ("v2" or "v2beta1") the client prefers, or null when its
     * first acceptable choice is the legacy format.
     */
    static String aggregatedDiscoveryVersion(String accept) {
        if (accept == null) {
            return null;
        }
        for (String range : accept.split(",")) {
            String r = range.toLowerCase(Locale.ROOT).replace(" ", "");
            if (r.contains("as=apigroupdiscoverylist") && r.contains("g=apidiscovery.k8s.io")) {
                if (r.contains(";v=v2beta1")) {
                    return "v2beta1";
                }
                if (r.contains(";v=v2")) {
                    return "v2";
                }
            } else if (r.startsWith("application/json") || r.startsWith("*/*")) {
                return null;
            }
        }
        return null;
    }
}
