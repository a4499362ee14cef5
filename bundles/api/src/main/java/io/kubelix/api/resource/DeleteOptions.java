package io.kubelix.api.resource;

/**
 * Options of a delete, as in {@code metav1.DeleteOptions}.
 *
 * @param propagationPolicy   "Background" (the default), "Foreground" or "Orphan"; null for the
 *                            kind's default
 * @param gracePeriodSeconds  for pods: how long to wait before killing; null for the pod's own
 * @param uidPrecondition     delete only if the object still has this uid
 * @param rvPrecondition      delete only if the object still has this resourceVersion
 * @param dryRun              answer as if deleted, but delete nothing
 */
public record DeleteOptions(String propagationPolicy, Long gracePeriodSeconds, String uidPrecondition,
        String rvPrecondition, boolean dryRun) {
    public static final DeleteOptions DEFAULT = new DeleteOptions(null, null, null, null, false);

    public static DeleteOptions propagation(String policy) {
        return new DeleteOptions(policy, null, null, null, false);
    }
}
