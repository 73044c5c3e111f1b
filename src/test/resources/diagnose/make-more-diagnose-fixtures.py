"""Writes the fixtures of diagnose's scheduling, admission, configuration, rollout, autoscaler and
log rules into ../rules/runtime: python3 make-more-diagnose-fixtures.py (PyYAML needed). Pods are
seed 002's order-service pod reshaped, so every object keeps the fields kubectl prints. (It lives
here, not among the rule fixtures, because SyntaxTreeTest parses every .py file there.)"""
import os, sys
sys.dont_write_bytecode = True  # no __pycache__ among the fixtures
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../rules/runtime"))
from diagnose_fixtures import *

BASE = next(p for p in PODS if app(p) == "order-service")

def pod(name_app, rs_hash, suffix, *, phase="Running", ready=True, state=None, node=True,
        created="2025-02-11T16:40:05Z", env=None, image=None, requests=None, node_selector=None,
        claim=None, labels=None, restarts=0):
    p = copy.deepcopy(BASE)
    name = f"{name_app}-{rs_hash}-{suffix}"
    m = p["metadata"]
    m.update({"name": name, "generateName": f"{name_app}-{rs_hash}-", "creationTimestamp": created,
              "labels": dict(labels or {"app": name_app}, **{"pod-template-hash": rs_hash}),
              "uid": "7a1e%04x-0c2b-4d5e-8f90-%012x" % (zlib.crc32(name.encode()) % 65536, zlib.crc32(name[::-1].encode()))})
    m["ownerReferences"][0].update({"name": f"{name_app}-{rs_hash}"})
    c = p["spec"]["containers"][0]
    c.update({"name": name_app, "image": image or f"registry.example.com/shop/{name_app}:1.4.2"})
    c["env"] = [{"name": k, "value": v} for k, v in (env or {"PORT": "3002"}).items()]
    if requests:
        c["resources"] = {"requests": requests, "limits": requests}
    for v in p["spec"]["volumes"]:
        v["name"] = "kube-api-access-" + suffix
    c["volumeMounts"][0]["name"] = "kube-api-access-" + suffix
    if claim:
        p["spec"]["volumes"].append({"name": "data", "persistentVolumeClaim": {"claimName": claim}})
        c["volumeMounts"].append({"mountPath": "/var/lib/data", "name": "data"})
    if node_selector:
        p["spec"]["nodeSelector"] = node_selector
    st = p["status"]
    cs = st["containerStatuses"][0]
    cs.update({"name": name_app, "image": c["image"], "restartCount": restarts, "ready": ready, "started": ready})
    if not node:
        del p["spec"]["nodeName"]
        for k in ["hostIP", "hostIPs", "podIP", "podIPs", "startTime", "containerStatuses"]:
            st.pop(k, None)
        st["phase"] = "Pending"
        st["qosClass"] = "Burstable"
        st["conditions"] = [{"lastProbeTime": None, "lastTransitionTime": created, "message": "", "reason": "Unschedulable",
                             "status": "False", "type": "PodScheduled"}]
        return p
    st["phase"] = phase
    if state:
        cs["state"] = state
        cs.pop("lastState", None)
        cs["lastState"] = {}
    for cond in st["conditions"]:
        if cond["type"] in ("Ready", "ContainersReady"):
            cond["status"] = "True" if ready else "False"
    return p

def event(kind, name, reason, message, count=1, first="2025-02-11T16:41:00Z", last="2025-02-11T16:51:30Z",
          typ="Warning", field=None, component="kubelet", api="v1"):
    e = {"apiVersion": "v1", "count": count, "eventTime": None, "firstTimestamp": first, "lastTimestamp": last,
         "involvedObject": {"apiVersion": api, "kind": kind, "name": name, "namespace": NS,
                            "resourceVersion": "48812", "uid": "3f9c%04x-1b2a-4c3d-8e7f-5a6b7c8d9e0f" % (zlib.crc32((name + reason).encode()) % 65536)},
         "kind": "Event", "message": message,
         "metadata": {"creationTimestamp": first, "name": f"{name}.{zlib.crc32((name + reason + message).encode()):016x}"[:63],
                      "namespace": NS, "resourceVersion": "50211", "uid": "5e6f%04x-2c3d-4e5f-9a0b-1c2d3e4f5a6b" % (zlib.crc32(message.encode()) % 65536)},
         "reason": reason, "reportingComponent": component, "reportingInstance": "",
         "source": {"component": component}, "type": typ}
    if field:
        e["involvedObject"]["fieldPath"] = field
    return e

def replicaset(p, desired=1, ready=0, conditions=None):
    name = p["metadata"]["ownerReferences"][0]["name"]
    dep = app(p)
    rs = {"apiVersion": "apps/v1", "kind": "ReplicaSet",
          "metadata": {"annotations": {"deployment.kubernetes.io/desired-replicas": str(desired), "deployment.kubernetes.io/max-replicas": str(desired + 1),
                                       "deployment.kubernetes.io/revision": "2"},
                       "creationTimestamp": "2025-02-11T16:40:00Z", "generation": 1, "labels": p["metadata"]["labels"], "name": name, "namespace": NS,
                       "ownerReferences": [{"apiVersion": "apps/v1", "blockOwnerDeletion": True, "controller": True, "kind": "Deployment", "name": dep,
                                            "uid": "0f7c2d1e-5a4b-4c3d-9e8f-" + format(zlib.crc32(dep.encode()) % 10**12, "012d")}],
                       "resourceVersion": "50120", "uid": "b3c3%04x-49cd-279c-6b1e-784ee5fce59f" % (zlib.crc32(name.encode()) % 65536)},
          "spec": {"replicas": desired, "selector": {"matchLabels": p["metadata"]["labels"]},
                   "template": {"metadata": {"creationTimestamp": None, "labels": p["metadata"]["labels"]}, "spec": deployment(p)["spec"]["template"]["spec"]}},
          "status": {"observedGeneration": 1, "replicas": ready, "fullyLabeledReplicas": ready, "readyReplicas": ready, "availableReplicas": ready}}
    if ready == 0:
        for k in ["readyReplicas", "availableReplicas", "fullyLabeledReplicas"]:
            rs["status"].pop(k)
    if conditions:
        rs["status"]["conditions"] = conditions
    return rs

def deploy(p, desired=1, ready=0, progressing=None, sa=None):
    d = deployment(p)
    d["spec"]["replicas"] = desired
    if sa:
        d["spec"]["template"]["spec"]["serviceAccountName"] = sa
        d["spec"]["template"]["spec"]["serviceAccount"] = sa
    st = {"observedGeneration": 2, "replicas": desired, "updatedReplicas": desired, "readyReplicas": ready, "availableReplicas": ready,
          "unavailableReplicas": desired - ready}
    st = {k: v for k, v in st.items() if v}
    conds = [{"lastTransitionTime": "2025-02-11T16:40:00Z", "lastUpdateTime": "2025-02-11T16:40:00Z",
              "message": "Deployment does not have minimum availability." if ready < desired else "Deployment has minimum availability.",
              "reason": "MinimumReplicasUnavailable" if ready < desired else "MinimumReplicasAvailable",
              "status": "False" if ready < desired else "True", "type": "Available"}]
    conds.append(progressing or {"lastTransitionTime": "2025-02-11T16:40:00Z", "lastUpdateTime": "2025-02-11T16:41:12Z",
                                  "message": f'ReplicaSet "{p["metadata"]["ownerReferences"][0]["name"]}" has successfully progressed.',
                                  "reason": "NewReplicaSetAvailable", "status": "True", "type": "Progressing"})
    st["conditions"] = conds
    d["status"] = st
    return d

def node(name, cpu="4", memory="8029464Ki", labels=None, taints=None):
    n = {"apiVersion": "v1", "kind": "Node",
         "metadata": {"annotations": {"node.alpha.kubernetes.io/ttl": "0", "volumes.kubernetes.io/controller-managed-attach-detach": "true"},
                      "creationTimestamp": "2025-01-20T09:12:44Z",
                      "labels": dict({"beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
                                      "kubernetes.io/hostname": name, "kubernetes.io/os": "linux", "node.kubernetes.io/instance-type": "e2-standard-2",
                                      "topology.kubernetes.io/zone": "europe-west1-b"}, **(labels or {})),
                      "name": name, "resourceVersion": "50007", "uid": "9d8c%04x-3b2a-4f1e-8d7c-6b5a4f3e2d1c" % (zlib.crc32(name.encode()) % 65536)},
         "spec": {"podCIDR": "10.244.1.0/24", "podCIDRs": ["10.244.1.0/24"], "providerID": f"gce://shop-prod/europe-west1-b/{name}"},
         "status": {"allocatable": {"cpu": cpu, "ephemeral-storage": "47060071478", "memory": memory, "pods": "110"},
                    "capacity": {"cpu": cpu, "ephemeral-storage": "101430960Ki", "memory": memory, "pods": "110"},
                    "conditions": [{"lastHeartbeatTime": "2025-02-11T16:50:12Z", "lastTransitionTime": "2025-01-20T09:13:05Z", "message": "kubelet is posting ready status",
                                    "reason": "KubeletReady", "status": "True", "type": "Ready"},
                                   {"lastHeartbeatTime": "2025-02-11T16:50:12Z", "lastTransitionTime": "2025-01-20T09:12:44Z", "message": "kubelet has sufficient memory available",
                                    "reason": "KubeletHasSufficientMemory", "status": "False", "type": "MemoryPressure"}],
                    "nodeInfo": {"architecture": "amd64", "containerRuntimeVersion": "containerd://1.7.15", "kernelVersion": "6.1.58+",
                                 "kubeProxyVersion": "v1.29.4", "kubeletVersion": "v1.29.4", "operatingSystem": "linux", "osImage": "Container-Optimized OS from Google"}}}
    if taints:
        n["spec"]["taints"] = taints
    return n

NODES = [node("gke-shop-prod-pool-1-a1b2"), node("gke-shop-prod-pool-1-c3d4"), node("gke-shop-prod-pool-1-e5f6")]
RUNNING = {"running": {"startedAt": "2025-02-11T16:40:20Z"}}

def dep_text(d, marker, after=r"^\s+template:", target=None):
    text = dump(lst([d]))
    return mark(text, after, target or (r"^\s+(- )?name: " + re.escape(d["metadata"]["name"]) + "$"), marker) if marker else text

def meta_marker(d, marker):
    return dep_text(d, marker, after=r"^\s+metadata:", target=r"^\s+name: " + re.escape(d["metadata"]["name"]) + "$")

# pod-unschedulable ----------------------------------------------------------------------------
R = "runtime/pod-unschedulable"
big = pod("reports", "6b7d9c5f48", "qk2xw", node=False, requests={"cpu": "500m", "memory": "12Gi"})
sched = event("Pod", big["metadata"]["name"], "FailedScheduling",
              "0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
              count=23, first="2025-02-11T16:40:05Z", last="2025-02-11T16:51:40Z", component="default-scheduler")
case(R, "positive", "insufficient-memory-against-node-allocatable", T,
     {"pods.yaml": dump(lst([big])), "events.yaml": dump(lst([sched])), "nodes.yaml": dump(lst(NODES)),
      "deployment.yaml": dep_text(deploy(big), f'{R} "it requests memory 12Gi, more than the largest node allocates (7.7Gi)"')})
ssd = pod("search", "5f9c8d7b64", "m2vhn", node=False, node_selector={"disktype": "ssd"})
ev = event("Pod", ssd["metadata"]["name"], "FailedScheduling",
           "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
           count=9, component="default-scheduler")
nodes = [node(n["metadata"]["name"], labels={"disktype": "hdd"}) for n in NODES]
case(R, "positive", "node-selector-matches-no-node", T,
     {"pods.yaml": dump(lst([ssd])), "events.yaml": dump(lst([ev])), "nodes.yaml": dump(lst(nodes)),
      "deployment.yaml": dep_text(deploy(ssd), f'{R} "its nodeSelector disktype=ssd; the nodes carry disktype=hdd"', target=r"^\s+nodeSelector:")})
pg = pod("postgres", "7c5d9f8b6a", "x4r7t", node=False, claim="data-postgres")
ev = event("Pod", pg["metadata"]["name"], "FailedScheduling",
           "0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
           count=14, component="default-scheduler")
pvc = {"apiVersion": "v1", "kind": "PersistentVolumeClaim",
       "metadata": {"creationTimestamp": "2025-02-11T16:40:04Z", "finalizers": ["kubernetes.io/pvc-protection"], "name": "data-postgres", "namespace": NS,
                    "resourceVersion": "48102", "uid": "c0d1e2f3-a4b5-4c6d-8e9f-0a1b2c3d4e5f"},
       "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "20Gi"}}, "storageClassName": "fast-ssd", "volumeMode": "Filesystem"},
       "status": {"phase": "Pending"}}
case(R, "positive", "claim-not-bound", T,
     {"pods.yaml": dump(lst([pg])), "events.yaml": dump(lst([ev])), "pvc.yaml": dump(lst([pvc])),
      "deployment.yaml": meta_marker(deploy(pg), f'{R} "PersistentVolumeClaim data-postgres is Pending (storageClassName fast-ssd)"')})
gpu = pod("inference", "84d6f7c9b5", "j8s2l", node=False)
ev = event("Pod", gpu["metadata"]["name"], "FailedScheduling",
           "0/3 nodes are available: 3 node(s) had untolerated taint {nvidia.com/gpu: present}. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
           count=31, component="default-scheduler")
tainted = [node(n["metadata"]["name"], taints=[{"effect": "NoSchedule", "key": "nvidia.com/gpu", "value": "present"}]) for n in NODES]
case(R, "positive", "untolerated-taint", T,
     {"pods.yaml": dump(lst([gpu])), "events.yaml": dump(lst([ev])), "nodes.yaml": dump(lst(tainted)),
      "deployment.yaml": meta_marker(deploy(gpu), f'{R} "had untolerated taint {{nvidia.com/gpu: present}}"')})
# Created two seconds before the dump: the scheduler is still trying (the autoscaler may add a node).
young = pod("reports", "6b7d9c5f48", "zz9pq", node=False, created="2025-02-11T16:51:58Z", requests={"cpu": "2", "memory": "1Gi"})
ev = event("Pod", young["metadata"]["name"], "FailedScheduling", "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
           first="2025-02-11T16:51:58Z", last="2025-02-11T16:51:58Z", component="default-scheduler")
case(R, "negative", "pod-pending-for-two-seconds", T, {"pods.yaml": dump(lst([young])), "events.yaml": dump(lst([ev])), "nodes.yaml": dump(lst(NODES))})
# Scheduled once the cluster autoscaler added a node: the old FailedScheduling event stays for an hour.
placed = pod("reports", "6b7d9c5f48", "r5d2k", phase="Pending", ready=False, state={"waiting": {"reason": "ContainerCreating"}})
ev = event("Pod", placed["metadata"]["name"], "FailedScheduling", "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
           count=4, first="2025-02-11T16:40:05Z", last="2025-02-11T16:41:10Z", component="default-scheduler")
trig = event("Pod", placed["metadata"]["name"], "TriggeredScaleUp", "pod triggered scale-up: [{https://www.googleapis.com/compute/v1/projects/shop-prod/zones/europe-west1-b/instanceGroups/gke-shop-prod-pool-1-grp 3->4 (max: 6)}]",
             typ="Normal", first="2025-02-11T16:40:15Z", last="2025-02-11T16:40:15Z", component="cluster-autoscaler")
case(R, "negative", "scheduled-after-a-scale-up", T, {"pods.yaml": dump(lst([placed])), "events.yaml": dump(lst([ev, trig]))})

# pods-not-created ----------------------------------------------------------------------------
R = "runtime/pods-not-created"
def create_case(polarity, name, p, message, marker=None, sa=None, extra=None, ready=0, target=None):
    d = deploy(p, desired=2, ready=ready, sa=sa)
    rs = replicaset(p, desired=2, ready=ready)
    ev = event("ReplicaSet", rs["metadata"]["name"], "FailedCreate", message, count=17, component="replicaset-controller", api="apps/v1")
    text = (dep_text(d, marker, target=target) if target else meta_marker(d, marker)) if marker else dump(lst([d]))
    files = {"deployment.yaml": text, "replicasets.yaml": dump(lst([rs])), "events.yaml": dump(lst([ev]))}
    files.update(extra or {})
    case(R, polarity, name, T, files)
api = pod("checkout", "5d8f7b9c46", "unused")
quota = {"apiVersion": "v1", "kind": "ResourceQuota", "metadata": {"creationTimestamp": "2025-01-22T10:00:00Z", "name": "compute-quota", "namespace": NS,
         "resourceVersion": "40012", "uid": "d1e2f3a4-b5c6-4d7e-8f9a-0b1c2d3e4f5a"},
         "spec": {"hard": {"limits.memory": "2Gi", "pods": "20", "requests.cpu": "2"}},
         "status": {"hard": {"limits.memory": "2Gi", "pods": "20", "requests.cpu": "2"}, "used": {"limits.memory": "1792Mi", "pods": "9", "requests.cpu": "1100m"}}}
create_case("positive", "quota-exceeded", api,
            'Error creating: pods "checkout-5d8f7b9c46-7xk2p" is forbidden: exceeded quota: compute-quota, requested: limits.memory=512Mi, used: limits.memory=1792Mi, limited: limits.memory=2Gi',
            f'{R} "ResourceQuota compute-quota is exceeded (requested: limits.memory=512Mi, used: limits.memory=1792Mi, limited: limits.memory=2Gi); the quota holds limits.memory 1792Mi of 2Gi"',
            extra={"quota.yaml": dump(lst([quota]))})
create_case("positive", "pod-security-restricted", pod("payments", "6c9d8f7b5a", "unused"),
            'Error creating: pods "payments-6c9d8f7b5a-2mwxq" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "payments" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container "payments" must set securityContext.capabilities.drop=["ALL"]), runAsNonRoot != true (pod or container "payments" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container "payments" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
            f'{R} "and the pod violates it: allowPrivilegeEscalation != false"')
create_case("positive", "service-account-not-found", pod("billing", "59f7c8d6b4", "unused"),
            'Error creating: pods "billing-59f7c8d6b4-" is forbidden: error looking up service account production/billing-sa: serviceaccount "billing-sa" not found',
            f'{R} "ServiceAccount billing-sa does not exist in namespace production"', sa="billing-sa", target=r"^\s+serviceAccountName:")
# The quota was raised: both replicas run now, and the event of half an hour ago stays.
create_case("negative", "created-since-the-quota-was-raised", api,
            'Error creating: pods "checkout-5d8f7b9c46-7xk2p" is forbidden: exceeded quota: compute-quota, requested: limits.memory=512Mi, used: limits.memory=1792Mi, limited: limits.memory=2Gi',
            ready=2)

# container-config-missing ----------------------------------------------------------------------
R = "runtime/container-config-missing"
def config_case(polarity, name, p, message, marker=None):
    evs = [event("Pod", p["metadata"]["name"], "Failed", "Error: " + message, count=58, field=f"spec.containers{{{app(p)}}}")] if message else []
    case(R, polarity, name, T, {"pods.yaml": dump(lst([p])), "events.yaml": dump(lst(evs)),
                                "deployment.yaml": dep_text(deploy(p), marker) if marker else dump(lst([deploy(p)]))})
msg = 'secret "payments-db" not found'
p = pod("payments", "6c9d8f7b5a", "h7k2m", phase="Pending", ready=False, state={"waiting": {"reason": "CreateContainerConfigError", "message": msg}},
        env={"PORT": "8080"})
p["spec"]["containers"][0]["env"].append({"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"key": "password", "name": "payments-db"}}})
config_case("positive", "secret-not-found", p, msg, f'{R} "Secret payments-db does not exist in production"')
msg = "couldn't find key LOG_LEVEL in ConfigMap production/search-config"
p = pod("search", "5f9c8d7b64", "b6w9d", phase="Pending", ready=False, state={"waiting": {"reason": "CreateContainerConfigError", "message": msg}})
p["spec"]["containers"][0]["env"].append({"name": "LOG_LEVEL", "valueFrom": {"configMapKeyRef": {"key": "LOG_LEVEL", "name": "search-config"}}})
config_case("positive", "key-missing-from-configmap", p, msg, f'{R} "ConfigMap search-config has no key LOG_LEVEL"')
msg = 'container has runAsNonRoot and image will run as root (pod: "billing-59f7c8d6b4-q8r4t_production(3c1e)", container: billing)'
p = pod("billing", "59f7c8d6b4", "q8r4t", phase="Pending", ready=False, state={"waiting": {"reason": "CreateContainerConfigError", "message": msg}})
config_case("positive", "run-as-non-root-against-a-root-image", p, msg, f'{R} "runAsNonRoot is set and the image runs as root"')
# The Secret was created a minute after the Deployment: the container started, the old event stays.
p = pod("payments", "6c9d8f7b5a", "h7k2m", state=RUNNING)
config_case("negative", "started-once-the-secret-was-created", p, 'secret "payments-db" not found')

# rollout-stuck ---------------------------------------------------------------------------------
R = "runtime/rollout-stuck"
stuck = {"lastTransitionTime": "2025-02-11T16:50:05Z", "lastUpdateTime": "2025-02-11T16:50:05Z",
         "message": 'ReplicaSet "catalog-7f8c9d6b5a" has timed out progressing.', "reason": "ProgressDeadlineExceeded", "status": "False", "type": "Progressing"}
crash = pod("catalog", "7f8c9d6b5a", "n3p8v", ready=False, restarts=6,
            state={"waiting": {"reason": "CrashLoopBackOff", "message": "back-off 2m40s restarting failed container=catalog pod=catalog-7f8c9d6b5a-n3p8v_production(1f2e)"}})
case(R, "positive", "new-pods-crash-loop", T, {"pods.yaml": dump(lst([crash])),
     "deployment.yaml": meta_marker(deploy(crash, desired=2, ready=1, progressing=stuck), f'{R} "its pods show catalog-7f8c9d6b5a-n3p8v CrashLoopBackOff"')})
nopods = pod("catalog", "7f8c9d6b5a", "unused")
case(R, "positive", "nothing-to-show-for-it", T, {"replicasets.yaml": dump(lst([replicaset(nopods, 2, 0)])), "pods.yaml": dump(lst([])),
     "deployment.yaml": meta_marker(deploy(nopods, desired=2, ready=0, progressing=stuck), f'{R} "Progressing=False (ProgressDeadlineExceeded)"')})
done = pod("catalog", "7f8c9d6b5a", "n3p8v", state=RUNNING)
old = event("Pod", "catalog-6d5c4b3a29-k2j4h", "Killing", "Stopping container catalog", typ="Normal", field="spec.containers{catalog}",
            first="2025-02-11T16:41:02Z", last="2025-02-11T16:41:02Z")
case(R, "negative", "rollout-complete-with-a-killing-event", T, {"pods.yaml": dump(lst([done])), "events.yaml": dump(lst([old])),
     "deployment.yaml": dump(lst([deploy(done, desired=1, ready=1)]))})

# hpa-cannot-compute-metrics ---------------------------------------------------------------------
R = "runtime/hpa-cannot-compute-metrics"
def hpa(target, active, metrics=None):
    return {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
            "metadata": {"creationTimestamp": "2025-02-11T16:40:00Z", "name": target, "namespace": NS, "resourceVersion": "50301",
                         "uid": "e1f2a3b4-c5d6-4e7f-8a9b-%012x" % zlib.crc32(target.encode())},
            "spec": {"maxReplicas": 10, "minReplicas": 2, "metrics": metrics or [{"resource": {"name": "cpu", "target": {"averageUtilization": 70, "type": "Utilization"}}, "type": "Resource"}],
                     "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": target}},
            "status": {"conditions": [{"lastTransitionTime": "2025-02-11T16:40:15Z", "message": "the HPA controller was able to get the target's current scale", "reason": "SucceededGetScale", "status": "True", "type": "AbleToScale"}, active],
                       "currentMetrics": None, "currentReplicas": 2, "desiredReplicas": 2}}
nolimit = pod("catalog", "7f8c9d6b5a", "n3p8v", state=RUNNING)
nolimit["spec"]["containers"][0].pop("resources")
active = {"lastTransitionTime": "2025-02-11T16:40:15Z", "reason": "FailedGetResourceMetric", "status": "False", "type": "ScalingActive",
          "message": f"the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container catalog of Pod {nolimit['metadata']['name']}"}
case(R, "positive", "container-without-a-cpu-request", T, {"pods.yaml": dump(lst([nolimit])), "hpa.yaml": dump(lst([hpa("catalog", active)])),
     "deployment.yaml": dep_text(deploy(nolimit, 2, 2), f'{R} "container catalog of Deployment catalog sets no cpu request"')})
active = {"lastTransitionTime": "2025-02-11T16:40:15Z", "reason": "FailedGetResourceMetric", "status": "False", "type": "ScalingActive",
          "message": "the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)"}
text = mark(dump(lst([hpa("search", active)])), r"^\s+spec:", r"^\s+metrics:", f'{R} "the resource metrics API (metrics.k8s.io) does not answer: no metrics server runs"')
case(R, "positive", "no-metrics-server", T, {"hpa.yaml": text})
# Its pods had just started when it first looked: two failures, and it computes since.
active = {"lastTransitionTime": "2025-02-11T16:42:15Z", "message": "the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)",
          "reason": "ValidMetricFound", "status": "True", "type": "ScalingActive"}
ev = event("HorizontalPodAutoscaler", "catalog", "FailedGetResourceMetric", "failed to get cpu utilization: did not receive metrics for targeted pods (pods might be unready)",
           count=2, first="2025-02-11T16:40:30Z", last="2025-02-11T16:41:00Z", component="horizontal-pod-autoscaler", api="autoscaling/v2")
case(R, "negative", "no-metrics-while-its-pods-started", T, {"hpa.yaml": dump(lst([hpa("catalog", active)])), "events.yaml": dump(lst([ev]))})

# dependency-unreachable -------------------------------------------------------------------------
R = "runtime/dependency-unreachable"
def svc(name, port=8080, selector=None):
    return {"apiVersion": "v1", "kind": "Service",
            "metadata": {"creationTimestamp": "2025-02-11T16:40:00Z", "labels": {"app": name}, "name": name, "namespace": NS,
                         "resourceVersion": "48100", "uid": "f1e2d3c4-b5a6-4978-8a9b-%012x" % zlib.crc32(name.encode())},
            "spec": {"clusterIP": "10.43.%d.%d" % (zlib.crc32(name.encode()) % 200, zlib.crc32(name[::-1].encode()) % 250 + 2), "clusterIPs": [],
                     "internalTrafficPolicy": "Cluster", "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack",
                     "ports": [{"name": "http", "port": port, "protocol": "TCP", "targetPort": port}],
                     "selector": selector or {"app": name}, "sessionAffinity": "None", "type": "ClusterIP"},
            "status": {"loadBalancer": {}}}
def dep_case(polarity, name, caller, lines, services, marker=None, extra_pods=(), extra=None):
    d = deploy(caller, 1, 1)
    files = {"pods.yaml": dump(lst([caller] + list(extra_pods))), "services.yaml": dump(lst(services)),
             "deployment.yaml": dep_text(d, marker) if marker else dump(lst([d]))}
    files.update(extra or {})
    case(R, polarity, name, T, files, {(caller["metadata"]["name"], app(caller)): lines})
orders = pod("orders", "6f5d4c8b97", "p2x9k", state=RUNNING)
py_dns = ("2025-02-11T16:5%d:0%d.118Z ERROR orders.checkout: payment call failed: HTTPConnectionPool(host='payments', port=8080): Max retries exceeded with url: /charge"
          " (Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f3a9c2b1d50>: Failed to establish a new connection: [Errno -2] Name or service not known'))")
dep_case("positive", "host-is-no-service", orders,
         ["2025-02-11T16:40:21.002Z INFO orders: listening on 0.0.0.0:3002"] + [py_dns % (i // 5, i % 5) for i in range(4)]
         + ['2025-02-11T16:51:10.404Z INFO 10.42.0.9 - - "GET /health HTTP/1.1" 200 2'],
         [svc("orders", 3002), svc("payment-service")],
         f'{R} "no Service payments exists in production (the Services there: orders, payment-service)"')
inv_refused = ("2025-02-11T16:51:%02d.530Z ERROR stock lookup failed: HTTPConnectionPool(host='inventory', port=8080): Max retries exceeded with url: /stock/4711"
               " (Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f3a9c2b1e10>: Failed to establish a new connection: [Errno 111] Connection refused'))")
inv = pod("inventory", "5b6c7d8e9f", "w3e4r", ready=False, restarts=7, state={"waiting": {"reason": "CrashLoopBackOff", "message": "back-off 5m0s restarting failed container=inventory"}})
dep_case("positive", "service-without-ready-endpoints", orders, [inv_refused % s for s in (3, 9, 21)], [svc("orders", 3002), svc("inventory")],
         f'{R} "Service inventory has no ready endpoint"', extra_pods=[inv])
pay = pod("payment-service", "7d8e9f0a1b", "k5l6m", state=RUNNING)
policy = {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
          "metadata": {"creationTimestamp": "2025-02-11T16:30:00Z", "generation": 1, "name": "payment-service-ingress", "namespace": NS,
                       "resourceVersion": "47001", "uid": "a9b8c7d6-e5f4-4a3b-9c2d-1e0f9a8b7c6d"},
          "spec": {"ingress": [{"from": [{"podSelector": {"matchLabels": {"app": "checkout"}}}], "ports": [{"port": 8080, "protocol": "TCP"}]}],
                   "podSelector": {"matchLabels": {"app": "payment-service"}}, "policyTypes": ["Ingress"]}}
go_timeout = "2025-02-11T16:51:%02d.771Z error charge failed: Post \"http://payment-service:8080/charge\": dial tcp payment-service:8080: i/o timeout"
dep_case("positive", "isolated-by-a-network-policy", orders, [go_timeout % s for s in (5, 15, 25)], [svc("orders", 3002), svc("payment-service")],
         f'{R} "NetworkPolicy payment-service-ingress isolates the pods of Service payment-service"', extra_pods=[pay],
         extra={"networkpolicies.yaml": dump(lst([policy]))})
dep_case("negative", "host-outside-the-cluster", orders,
         ["2025-02-11T16:51:02.004Z error charge failed: Error: getaddrinfo ENOTFOUND api.stripe.com"] * 3, [svc("orders", 3002)])
dep_case("negative", "one-refusal-while-a-ready-service-restarted", orders,
         [inv_refused % 3, '2025-02-11T16:51:09.001Z INFO 10.42.0.9 - - "GET /orders HTTP/1.1" 200 512'], [svc("orders", 3002), svc("inventory")],
         extra_pods=[pod("inventory", "5b6c7d8e9f", "w3e4r", state=RUNNING)])

# high-error-rate -------------------------------------------------------------------------------
R = "runtime/high-error-rate"
def rate_case(polarity, name, p, lines, marker=None):
    d = deploy(p, 1, 1)
    case(R, polarity, name, T, {"pods.yaml": dump(lst([p])), "deployment.yaml": dep_text(d, marker) if marker else dump(lst([d]))},
         {(p["metadata"]["name"], app(p)): lines})
web = pod("web", "6a7b8c9d0e", "f1g2h", state=RUNNING)
werk = '10.42.0.%d - - [11/Feb/2025 16:51:%02d] "GET / HTTP/1.1" %d -'
lines = []
for i in range(40):
    status = 500 if i % 2 else 200
    lines.append(werk % (7 + i % 3, i, status))
    if status == 500:
        lines.insert(len(lines) - 1, "[2025-02-11 16:51:%02d,118] ERROR in app: Exception on / [GET]" % i)
rate_case("positive", "half-of-the-requests-fail", web, lines, f'{R} "web answers 20 of 40 requests with 5xx (50%)"')
chaos = pod("catalog", "7f8c9d6b5a", "n3p8v", state=RUNNING, env={"PORT": "3002", "CHAOS_FAILURE_RATE": "0.3"})
json_lines = ['{"level":"info","time":"2025-02-11T16:51:%02d.%03dZ","msg":"request","method":"GET","path":"/products","status":%d,"duration_ms":%d}'
              % (i // 4, i * 7 % 1000, 503 if i % 3 == 0 else 200, 12 + i % 9) for i in range(60)]
rate_case("positive", "chaos-flag-left-on", chaos, json_lines, f'{R} "the container sets CHAOS_FAILURE_RATE, a fault-injection flag"')
few = [werk % (7, i, 404 if i % 10 == 3 else 500 if i == 17 else 200) for i in range(40)]
rate_case("negative", "a-few-404s-and-one-500", web, few)
rate_case("negative", "too-few-requests-to-judge", web, [werk % (7, i, 500 if i else 200) for i in range(3)])

# retry-storm -----------------------------------------------------------------------------------
R = "runtime/retry-storm"
def storm_case(polarity, name, times, marker=None):
    p = pod("orders", "6f5d4c8b97", "p2x9k", state=RUNNING)
    d = deploy(p, 1, 1)
    lines = ["2025-02-11T16:51:%06.3fZ error order-service: database unavailable, retrying: Error: connect ECONNREFUSED 10.43.118.20:5432" % t for t in times]
    case(R, polarity, name, T, {"pods.yaml": dump(lst([p])), "deployment.yaml": dep_text(d, marker) if marker else dump(lst([d]))},
         {(p["metadata"]["name"], "orders"): lines})
storm_case("positive", "refused-every-half-second", [10 + 0.5 * i for i in range(16)],
           f'{R} "orders retries 10.43.118.20:5432 without backoff: 16 failed attempts in 7.5s at a steady pace"')
storm_case("negative", "exponential-backoff", [1, 2, 4, 8, 16, 32, 50])
print("ok")
