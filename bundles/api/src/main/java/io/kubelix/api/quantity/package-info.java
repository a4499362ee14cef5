/** Resource quantities ({@code 100m}, {@code 1Gi}, {@code 1e3}) with exact arithmetic and Kubernetes' canonical form. */
@org.osgi.annotation.versioning.Version("1.0.0")
package io.kubelix.api.quantity;
