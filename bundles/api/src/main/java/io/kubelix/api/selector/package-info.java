/**
 * Label and field selectors: parsing of the {@code labelSelector} / {@code fieldSelector} query
 * strings and of {@code metav1.LabelSelector} objects, matching, and canonical printing.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.kubelix.api.selector;
