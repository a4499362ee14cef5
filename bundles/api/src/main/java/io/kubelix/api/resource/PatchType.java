package io.kubelix.api.resource;

/** The patch formats of the Kubernetes API, named by their Content-Type. */
public enum PatchType {
    JSON_PATCH("application/json-patch+json"),
    MERGE_PATCH("application/merge-patch+json"),
    STRATEGIC_MERGE_PATCH("application/strategic-merge-patch+json"),
    APPLY_PATCH("application/apply-patch+yaml");

    private final String contentType;

    PatchType(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** The patch type for a Content-Type header value (parameters ignored), or null. */
    public static PatchType fromContentType(String header) {
        if (header == null) {
            return null;
        }
        String base = header.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        for (PatchType t : values()) {
            if (t.contentType.equals(base)) {
                return t;
            }
        }
        return null;
    }
}
