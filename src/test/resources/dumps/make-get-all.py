"""Writes seed-002-get-all.yaml: what `kubectl get all -A -o yaml` printed on seed 002's k3d
cluster (CloudMart, broken state) after one rollout: every Deployment with its current
ReplicaSet, the previous one scaled to 0, and their Pods, the Services, and k3s's own
kube-system workloads. Built from examples/cloudmart/k8s as the API server returns objects:
defaults filled in, status, ownerReferences, and the last-applied-configuration annotation.
Run: python3 make-get-all.py (PyYAML needed)."""
import copy, hashlib, json, os, yaml

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLE = os.path.join(HERE, "..", "..", "..", "..", "examples", "cloudmart", "k8s")

def uid(s):
    h = hashlib.md5(s.encode()).hexdigest()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"

def tag(s, n=10):
    return hashlib.sha256(s.encode()).hexdigest()[:n]

def suffix(s):
    alphabet = "bcdfghjklmnpqrstvwxz2456789"
    h = int(hashlib.md5(s.encode()).hexdigest(), 16)
    return "".join(alphabet[(h >> (5 * i)) % len(alphabet)] for i in range(5))

APPLIED = "2025-02-11T16:40:12Z"
ROLLED = "2025-02-11T16:47:05Z"

def live_meta(obj, created, generation=None, rv=None):
    m = obj["metadata"]
    applied = copy.deepcopy(obj)
    applied["metadata"].setdefault("annotations", {})
    out = {
        "annotations": dict(m.get("annotations", {})),
        "creationTimestamp": created,
        "labels": m.get("labels"),
        "name": m["name"],
        "namespace": m.get("namespace", "default"),
        "resourceVersion": rv or str(int(tag(m["name"], 4), 16) + 1000),
        "uid": uid(obj["kind"] + m["name"]),
    }
    out["annotations"]["kubectl.kubernetes.io/last-applied-configuration"] = \
        json.dumps(applied, separators=(",", ":"), sort_keys=True) + "\n"
    if generation:
        out["generation"] = generation
    return {k: v for k, v in out.items() if v is not None}

def defaults(pod_spec):
    for c in pod_spec["containers"]:
        c.setdefault("imagePullPolicy", "Always" if c["image"].endswith(":latest") else "IfNotPresent")
        c.setdefault("terminationMessagePath", "/dev/termination-log")
        c.setdefault("terminationMessagePolicy", "File")
        c.setdefault("resources", {})
        for p in c.get("ports", []):
            p.setdefault("protocol", "TCP")
        for probe in ("livenessProbe", "readinessProbe"):
            if probe in c:
                pr = c[probe]
                pr.setdefault("failureThreshold", 3)
                pr.setdefault("periodSeconds", 10)
                pr.setdefault("successThreshold", 1)
                pr.setdefault("timeoutSeconds", 1)
                if "httpGet" in pr:
                    pr["httpGet"].setdefault("scheme", "HTTP")
    pod_spec.update({"dnsPolicy": "ClusterFirst", "restartPolicy": "Always",
        "schedulerName": "default-scheduler", "securityContext": {},
        "terminationGracePeriodSeconds": 30})
    return pod_spec

def deployment_objects(d):
    """The Deployment as the API returns it, its two ReplicaSets and its Pods."""
    name, ns = d["metadata"]["name"], d["metadata"]["namespace"]
    replicas = d["spec"].get("replicas", 1)
    template = copy.deepcopy(d["spec"]["template"])
    defaults(template["spec"])
    dep = {"apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": live_meta(d, APPLIED, generation=2),
        "spec": {"progressDeadlineSeconds": 600, "replicas": replicas, "revisionHistoryLimit": 10,
            "selector": d["spec"]["selector"],
            "strategy": {"rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}, "type": "RollingUpdate"},
            "template": template},
        "status": {"observedGeneration": 2, "replicas": replicas, "updatedReplicas": replicas,
            "unavailableReplicas": replicas,
            "conditions": [{"lastTransitionTime": ROLLED, "lastUpdateTime": ROLLED,
                "message": "Deployment does not have minimum availability.",
                "reason": "MinimumReplicasUnavailable", "status": "False", "type": "Available"}]}}
    dep["metadata"]["annotations"]["deployment.kubernetes.io/revision"] = "2"
    objects = {"deployments": [dep], "replicasets": [], "pods": []}
    for revision, (rs_replicas, created) in enumerate([(0, APPLIED), (replicas, ROLLED)], start=1):
        h = tag(name + str(revision), 9)
        rs_template = copy.deepcopy(template)
        rs_template["metadata"]["labels"]["pod-template-hash"] = h
        if revision == 1:
            # The first rollout ran the image the manifest had before its last edit.
            for c in rs_template["spec"]["containers"]:
                c["image"] = c["image"].split(":")[0] + ":v1.9"
        rs_name = f"{name}-{h}"
        owner = [{"apiVersion": "apps/v1", "blockOwnerDeletion": True, "controller": True,
            "kind": "Deployment", "name": name, "uid": dep["metadata"]["uid"]}]
        rs = {"apiVersion": "apps/v1", "kind": "ReplicaSet",
            "metadata": {"annotations": {"deployment.kubernetes.io/desired-replicas": str(replicas),
                "deployment.kubernetes.io/max-replicas": str(replicas + 1),
                "deployment.kubernetes.io/revision": str(revision)},
                "creationTimestamp": created, "generation": 1 if revision == 2 else 2,
                "labels": rs_template["metadata"]["labels"], "name": rs_name, "namespace": ns,
                "ownerReferences": owner, "resourceVersion": str(int(tag(rs_name, 4), 16) + 1000),
                "uid": uid("ReplicaSet" + rs_name)},
            "spec": {"replicas": rs_replicas, "selector": {"matchLabels": rs_template["metadata"]["labels"]},
                "template": rs_template},
            "status": {"observedGeneration": 1, "replicas": rs_replicas}}
        objects["replicasets"].append(rs)
        for i in range(rs_replicas):
            pod_name = f"{rs_name}-{suffix(rs_name + str(i))}"
            spec = copy.deepcopy(rs_template["spec"])
            spec.update({"nodeName": "k3d-brokenprod-server-0", "serviceAccount": "default",
                "serviceAccountName": "default", "enableServiceLinks": True, "priority": 0})
            c0 = spec["containers"][0]
            objects["pods"].append({"apiVersion": "v1", "kind": "Pod",
                "metadata": {"creationTimestamp": created, "generateName": rs_name + "-",
                    "labels": rs_template["metadata"]["labels"], "name": pod_name, "namespace": ns,
                    "ownerReferences": [{"apiVersion": "apps/v1", "blockOwnerDeletion": True,
                        "controller": True, "kind": "ReplicaSet", "name": rs_name,
                        "uid": rs["metadata"]["uid"]}],
                    "resourceVersion": str(int(tag(pod_name, 4), 16) + 1000), "uid": uid(pod_name)},
                "spec": spec,
                "status": {"phase": "Running", "hostIP": "172.18.0.3",
                    "podIP": f"10.42.0.{20 + int(tag(pod_name, 2), 16) % 200}", "qosClass": "Burstable",
                    "startTime": created,
                    "containerStatuses": [{"name": c0["name"], "image": c0["image"], "ready": False,
                        "restartCount": 5, "started": True,
                        "state": {"running": {"startedAt": "2025-02-11T16:51:38Z"}}}]}})
    return objects

def service_object(s, cluster_ip):
    svc = {"apiVersion": "v1", "kind": "Service", "metadata": live_meta(s, APPLIED),
        "spec": copy.deepcopy(s["spec"])}
    svc["spec"].update({"clusterIP": cluster_ip, "clusterIPs": [cluster_ip],
        "internalTrafficPolicy": "Cluster", "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack",
        "sessionAffinity": "None", "type": svc["spec"].get("type", "ClusterIP")})
    for p in svc["spec"]["ports"]:
        p.setdefault("protocol", "TCP")
    svc["status"] = {"loadBalancer": {}}
    return svc

# k3s's own workloads, as k3s v1.31 installs them (no last-applied annotation: the addon
# controller applies them).
COREDNS = {"apiVersion": "apps/v1", "kind": "Deployment",
    "metadata": {"name": "coredns", "namespace": "kube-system", "labels": {"k8s-app": "kube-dns", "kubernetes.io/name": "CoreDNS"}},
    "spec": {"replicas": 1, "selector": {"matchLabels": {"k8s-app": "kube-dns"}},
        "template": {"metadata": {"labels": {"k8s-app": "kube-dns"}},
            "spec": {"containers": [{"name": "coredns", "image": "rancher/mirrored-coredns-coredns:1.11.3",
                "args": ["-conf", "/etc/coredns/Corefile"],
                "ports": [{"containerPort": 53, "name": "dns", "protocol": "UDP"},
                    {"containerPort": 53, "name": "dns-tcp", "protocol": "TCP"},
                    {"containerPort": 9153, "name": "metrics", "protocol": "TCP"}],
                "livenessProbe": {"httpGet": {"path": "/health", "port": 8080}, "initialDelaySeconds": 60, "timeoutSeconds": 1},
                "readinessProbe": {"httpGet": {"path": "/ready", "port": 8181}, "periodSeconds": 2},
                "resources": {"limits": {"memory": "170Mi"}, "requests": {"cpu": "100m", "memory": "70Mi"}},
                "securityContext": {"allowPrivilegeEscalation": False, "readOnlyRootFilesystem": True}}],
                "priorityClassName": "system-cluster-critical", "serviceAccountName": "coredns"}}}}
LOCAL_PATH = {"apiVersion": "apps/v1", "kind": "Deployment",
    "metadata": {"name": "local-path-provisioner", "namespace": "kube-system", "labels": {"app": "local-path-provisioner"}},
    "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "local-path-provisioner"}},
        "template": {"metadata": {"labels": {"app": "local-path-provisioner"}},
            "spec": {"containers": [{"name": "local-path-provisioner",
                "image": "rancher/local-path-provisioner:v0.0.30",
                "command": ["local-path-provisioner", "start", "--config", "/etc/config/config.json"]}],
                "serviceAccountName": "local-path-provisioner-service-account"}}}}
KUBE_DNS = {"apiVersion": "v1", "kind": "Service",
    "metadata": {"name": "kube-dns", "namespace": "kube-system", "labels": {"k8s-app": "kube-dns"}},
    "spec": {"selector": {"k8s-app": "kube-dns"}, "ports": [
        {"name": "dns", "port": 53, "protocol": "UDP", "targetPort": 53},
        {"name": "dns-tcp", "port": 53, "protocol": "TCP", "targetPort": 53},
        {"name": "metrics", "port": 9153, "protocol": "TCP", "targetPort": 9153}]}}

def without_applied(objects):
    for kind in objects.values():
        for o in kind:
            o["metadata"].get("annotations", {}).pop("kubectl.kubernetes.io/last-applied-configuration", None)
    return objects

by_kind = {"pods": [], "services": [], "deployments": [], "replicasets": []}
ips = iter(f"10.43.{i // 200}.{i % 200 + 10}" for i in range(1, 100))
by_kind["services"].append({"apiVersion": "v1", "kind": "Service",
    "metadata": {"creationTimestamp": "2025-02-11T16:31:02Z", "labels": {"component": "apiserver", "provider": "kubernetes"},
        "name": "kubernetes", "namespace": "default", "resourceVersion": "199", "uid": uid("kubernetes")},
    "spec": {"clusterIP": "10.43.0.1", "clusterIPs": ["10.43.0.1"], "internalTrafficPolicy": "Cluster",
        "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack",
        "ports": [{"name": "https", "port": 443, "protocol": "TCP", "targetPort": 6443}],
        "sessionAffinity": "None", "type": "ClusterIP"}, "status": {"loadBalancer": {}}})
for d in (COREDNS, LOCAL_PATH):
    for kind, objs in without_applied(deployment_objects(d)).items():
        by_kind[kind].extend(objs)
kube_dns = service_object(KUBE_DNS, "10.43.0.10")
kube_dns["metadata"]["annotations"].pop("kubectl.kubernetes.io/last-applied-configuration")
by_kind["services"].append(kube_dns)
for name in sorted(os.listdir(EXAMPLE)):
    with open(os.path.join(EXAMPLE, name)) as f:
        for doc in yaml.safe_load_all(f):
            if doc is None or doc["kind"] == "Namespace":
                continue
            if doc["kind"] == "Deployment":
                for kind, objs in deployment_objects(doc).items():
                    by_kind[kind].extend(objs)
            elif doc["kind"] == "Service":
                by_kind["services"].append(service_object(doc, next(ips)))

items = []
for kind in ("pods", "services", "deployments", "replicasets"):
    items.extend(sorted(by_kind[kind], key=lambda o: (o["metadata"]["namespace"], o["metadata"]["name"])))
with open(os.path.join(HERE, "seed-002-get-all.yaml"), "w") as f:
    yaml.safe_dump({"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}},
        f, default_flow_style=False, sort_keys=True, width=1000)
