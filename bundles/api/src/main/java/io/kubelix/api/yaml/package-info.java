/**
 * Safe reading of YAML manifests into JSON objects and writing of JSON as kubectl-style YAML.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.kubelix.api.yaml;
