"""The official Kubernetes Python client (Debian's python3-kubernetes) against a running Kubelix.

Usage: /usr/bin/python3 python_scenario.py <kubeconfig> [namespace]

Prints "ok: <step>" for each step that passed and "FAILED: <step>: <what was expected and what
came back>" on stderr for each that failed. Later steps still run (most do not depend on earlier
ones), so one run shows every problem; the exit code is 1 when any step failed.
"""

import base64
import json
import sys
import threading
import time
import traceback

from kubernetes import client, config, watch
from kubernetes.client.rest import ApiException


class StepFailed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise StepFailed(message)


FAILED_STEPS = []


def run_step(name, action):
    try:
        action()
    except StepFailed as e:
        return fail(name, str(e))
    except ApiException as e:
        return fail(name, "HTTP %s %s: %s" % (e.status, e.reason, e.body))
    except Exception:  # anything else the client raised is a failure of this step too
        return fail(name, traceback.format_exc())
    print("ok: " + name, flush=True)


def fail(name, message):
    FAILED_STEPS.append(name)
    print("FAILED: %s: %s" % (name, message), file=sys.stderr, flush=True)


def api_error(call, *args, **kwargs):
    """Runs a call that must fail; returns (status code, parsed Status body)."""
    try:
        call(*args, **kwargs)
    except ApiException as e:
        try:
            body = json.loads(e.body) if e.body else {}
        except ValueError:
            raise StepFailed("HTTP %s with a body that is not JSON: %r" % (e.status, e.body))
        return e.status, body
    raise StepFailed("%s succeeded but should have failed" % call.__name__)


def expect_status(status, body, code, reason, mentioned):
    check(status == code, "expected HTTP %d, got %s: %s" % (code, status, body))
    check(body.get("kind") == "Status", "the error body is not a Status: %s" % body)
    check(body.get("code") == code, "Status.code is not %d: %s" % (code, body))
    check(body.get("reason") == reason, "Status.reason is not %s: %s" % (reason, body))
    check(mentioned in body.get("message", ""), "Status.message does not name %s: %s" % (mentioned, body))


def raw_watch(v1, ns, rv):
    """What the watch request answers, unparsed, as the client sends it (watch=True) and with
    watch=true: for the failure message."""
    seen = []
    for flag in (True, "true"):
        resp = v1.list_namespaced_config_map(ns, label_selector="watched=yes", resource_version=rv,
                                             watch=flag, timeout_seconds=1, _preload_content=False)
        seen.append("watch=%s answered HTTP %s Content-Type %s with %r" % (
            flag, resp.status, resp.getheader("Content-Type"), resp.data[:300]))
    return "; ".join(seen)


def config_map(name, labels, data):
    return client.V1ConfigMap(
        metadata=client.V1ObjectMeta(name=name, labels=labels), data=data)


def main():
    if len(sys.argv) < 2:
        print("usage: python_scenario.py <kubeconfig> [namespace]", file=sys.stderr)
        sys.exit(2)
    kubeconfig = sys.argv[1]
    ns = sys.argv[2] if len(sys.argv) > 2 else "python-client"

    config.load_kube_config(config_file=kubeconfig)
    v1 = client.CoreV1Api()
    apps = client.AppsV1Api()
    # This client version picks strategic merge for dict bodies and JSON patch for lists; a client
    # whose default Content-Type header wins sends a merge patch instead.
    merge_client = client.ApiClient()
    merge_client.set_default_header("Content-Type", "application/merge-patch+json")
    v1_merge = client.CoreV1Api(merge_client)

    def version():
        info = client.VersionApi().get_code()
        check(info.major == "1" and info.minor == "32", "server version is not 1.32: %s" % info)
    run_step("version", version)

    def create_namespace():
        created = v1.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=ns)))
        check(created.metadata.name == ns, "created namespace is %s" % created.metadata.name)
        check(created.metadata.uid, "created namespace has no uid")
    run_step("create namespace", create_namespace)

    def create_config_maps():
        created = v1.create_namespaced_config_map(ns, config_map("cm-a", {"app": "py"}, {"a": "1", "b": "2"}))
        check(created.metadata.resource_version, "no resourceVersion on the created ConfigMap")
        check(created.data == {"a": "1", "b": "2"}, "created data is %s" % created.data)
        v1.create_namespaced_config_map(ns, config_map("cm-b", {"app": "other"}, {"x": "y"}))
    run_step("create configmaps", create_config_maps)

    def read_config_map():
        read = v1.read_namespaced_config_map("cm-a", ns)
        check(read.data == {"a": "1", "b": "2"}, "read data is %s" % read.data)
        check(read.metadata.labels == {"app": "py"}, "read labels are %s" % read.metadata.labels)
    run_step("read configmap", read_config_map)

    def list_by_label():
        names = [c.metadata.name for c in v1.list_namespaced_config_map(ns, label_selector="app=py").items]
        check(names == ["cm-a"], "label_selector app=py listed %s" % names)
        names = [c.metadata.name for c in v1.list_namespaced_config_map(ns, label_selector="app!=py").items]
        check("cm-b" in names and "cm-a" not in names, "label_selector app!=py listed %s" % names)
    run_step("list with label_selector", list_by_label)

    def list_by_field():
        names = [c.metadata.name for c in
                 v1.list_namespaced_config_map(ns, field_selector="metadata.name=cm-b").items]
        check(names == ["cm-b"], "field_selector metadata.name=cm-b listed %s" % names)
    run_step("list with field_selector", list_by_field)

    def strategic_merge_patch():
        patched = v1.patch_namespaced_config_map("cm-a", ns, {"data": {"b": "22", "c": "3"}})
        check(patched.data == {"a": "1", "b": "22", "c": "3"}, "after the strategic merge patch: %s" % patched.data)
    run_step("patch configmap (strategic merge)", strategic_merge_patch)

    def merge_patch():
        patched = v1_merge.patch_namespaced_config_map(
            "cm-a", ns, {"metadata": {"labels": {"tier": "x"}}, "data": {"a": None}})
        check(patched.data == {"b": "22", "c": "3"}, "after the merge patch: %s" % patched.data)
        check(patched.metadata.labels == {"app": "py", "tier": "x"},
              "labels after the merge patch: %s" % patched.metadata.labels)
    run_step("patch configmap (merge)", merge_patch)

    def json_patch():
        patched = v1.patch_namespaced_config_map("cm-a", ns, [
            {"op": "replace", "path": "/data/b", "value": "two"},
            {"op": "remove", "path": "/data/c"}])
        check(patched.data == {"b": "two"}, "after the JSON patch: %s" % patched.data)
    run_step("patch configmap (json patch)", json_patch)

    def replace():
        current = v1.read_namespaced_config_map("cm-a", ns)
        current.data = {"replaced": "yes"}
        replaced = v1.replace_namespaced_config_map("cm-a", ns, current)
        check(replaced.data == {"replaced": "yes"}, "after replace: %s" % replaced.data)
        check(replaced.metadata.resource_version != current.metadata.resource_version,
              "replace kept resourceVersion %s" % current.metadata.resource_version)
        # The same body again carries a resourceVersion that is no longer current.
        status, body = api_error(v1.replace_namespaced_config_map, "cm-a", ns, current)
        check(status == 409, "a replace with a stale resourceVersion answered %s: %s" % (status, body))
    run_step("replace configmap", replace)

    def secret():
        v1.create_namespaced_secret(ns, client.V1Secret(
            metadata=client.V1ObjectMeta(name="creds"), type="Opaque",
            string_data={"password": "s3cret"},
            data={"blob": base64.b64encode(b"\x00\x01\xff").decode()}))
        read = v1.read_namespaced_secret("creds", ns)
        check(read.data is not None, "the secret has no data")
        check(base64.b64decode(read.data.get("password", "")) == b"s3cret",
              "stringData was not folded into data: %s" % read.data)
        check(base64.b64decode(read.data.get("blob", "")) == b"\x00\x01\xff", "binary data: %s" % read.data)
        check(not read.string_data, "stringData came back: %s" % read.string_data)
    run_step("create and read secret", secret)

    def watch_events():
        rv = v1.list_namespaced_config_map(ns, label_selector="watched=yes").metadata.resource_version
        events = []
        errors = []
        w = watch.Watch()

        def collect():
            try:
                for event in w.stream(v1.list_namespaced_config_map, ns, label_selector="watched=yes",
                                      resource_version=rv, timeout_seconds=10):
                    events.append((event["type"], event["object"].metadata.name,
                                   (event["object"].data or {}).get("n")))
                    if event["type"] == "DELETED":
                        w.stop()
            except Exception:
                errors.append(traceback.format_exc())

        reader = threading.Thread(target=collect, daemon=True)
        reader.start()
        v1.create_namespaced_config_map(ns, config_map("watched", {"watched": "yes"}, {"n": "1"}))
        v1.patch_namespaced_config_map("watched", ns, {"data": {"n": "2"}})
        v1.create_namespaced_config_map(ns, config_map("unwatched", {"watched": "no"}, {}))
        v1.delete_namespaced_config_map("watched", ns)
        reader.join(15)
        v1.delete_namespaced_config_map("unwatched", ns)
        check(not reader.is_alive(), "the watch did not end within 15 s; events so far: %s" % events)
        check(not errors, "the watch failed: %s" % errors)
        expected = [("ADDED", "watched", "1"), ("MODIFIED", "watched", "2"), ("DELETED", "watched", "2")]
        check(events == expected, "watch from resourceVersion %s saw %s, expected %s; %s"
              % (rv, events, expected, raw_watch(v1, ns, rv)))
    run_step("watch configmaps", watch_events)

    def deployment_scale():
        body = client.V1Deployment(
            metadata=client.V1ObjectMeta(name="web", labels={"app": "web"}),
            spec=client.V1DeploymentSpec(
                replicas=1,
                selector=client.V1LabelSelector(match_labels={"app": "web"}),
                template=client.V1PodTemplateSpec(
                    metadata=client.V1ObjectMeta(labels={"app": "web"}),
                    spec=client.V1PodSpec(containers=[client.V1Container(name="app", image="nginx:1.27")]))))
        apps.create_namespaced_deployment(ns, body)
        scale = apps.read_namespaced_deployment_scale("web", ns)
        check(scale.kind == "Scale", "the scale subresource has kind %s" % scale.kind)
        check(scale.spec.replicas == 1, "scale.spec.replicas is %s" % scale.spec.replicas)
        patched = apps.patch_namespaced_deployment_scale("web", ns, {"spec": {"replicas": 3}})
        check(patched.spec.replicas == 3, "patched scale.spec.replicas is %s" % patched.spec.replicas)
        read = apps.read_namespaced_deployment("web", ns)
        check(read.spec.replicas == 3, "deployment spec.replicas after scaling is %s" % read.spec.replicas)
    run_step("deployment scale", deployment_scale)

    def errors():
        status, body = api_error(v1.read_namespaced_config_map, "does-not-exist", ns)
        expect_status(status, body, 404, "NotFound", "does-not-exist")
        status, body = api_error(v1.create_namespaced_config_map, ns, config_map("cm-b", None, None))
        expect_status(status, body, 409, "AlreadyExists", "cm-b")
        status, body = api_error(v1.create_namespaced_config_map, ns, config_map("Bad_Name", None, None))
        expect_status(status, body, 422, "Invalid", "Bad_Name")
    run_step("errors 404 409 422", errors)

    def delete():
        v1.delete_namespaced_config_map("cm-a", ns)
        v1.delete_namespaced_config_map("cm-b", ns)
        v1.delete_namespaced_secret("creds", ns)
        apps.delete_namespaced_deployment("web", ns)
        status, body = api_error(v1.read_namespaced_config_map, "cm-a", ns)
        check(status == 404, "cm-a still readable after delete: %s %s" % (status, body))
        deadline = time.monotonic() + 20
        while True:
            remaining = [c.metadata.name for c in v1.list_namespaced_config_map(ns).items
                         if c.metadata.name in ("cm-a", "cm-b")]
            deployments = [d.metadata.name for d in apps.list_namespaced_deployment(ns).items]
            if not remaining and not deployments:
                break
            check(time.monotonic() < deadline,
                  "still listed 20 s after delete: configmaps %s deployments %s" % (remaining, deployments))
            time.sleep(0.2)
    run_step("delete", delete)

    if FAILED_STEPS:
        print("%d step(s) failed: %s" % (len(FAILED_STEPS), ", ".join(FAILED_STEPS)), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
