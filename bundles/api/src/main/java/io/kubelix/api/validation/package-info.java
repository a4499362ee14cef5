/**
 * Checks of names, keys and values with Kubernetes' rules and Kubernetes' error messages, so that
 * kubectl users see the wording they know.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.kubelix.api.validation;
