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
# Django under gunicorn logs a traceback before the access line of each 500: the finding names the
# exception and the application's frame, not the library's.
shop = pod("shop", "5d9c7b8f6e", "h4k2n", state=RUNNING)
dj = []
for i in range(30):
    stamp = "11/Feb/2025:16:51:%02d +0000" % i
    if i % 3 == 1:
        dj += ["Internal Server Error: /checkout/", "Traceback (most recent call last):",
               '  File "/usr/local/lib/python3.12/site-packages/django/core/handlers/exception.py", line 55, in inner',
               "    response = get_response(request)",
               '  File "/srv/shop/orders/views.py", line 88, in checkout',
               "    total = sum(item.price for item in cart.items)",
               '  File "/srv/shop/orders/views.py", line 88, in <genexpr>',
               "    total = sum(item.price for item in cart.items)",
               "AttributeError: 'NoneType' object has no attribute 'price'"]
        dj.append('10.42.0.7 - - [%s] "POST /checkout/ HTTP/1.1" 500 145 "-" "Mozilla/5.0"' % stamp)
    else:
        dj.append('10.42.0.7 - - [%s] "GET /products/ HTTP/1.1" 200 5120 "-" "Mozilla/5.0"' % stamp)
rate_case("positive", "django-traceback-beside-each-500", shop, dj,
          f'{R} "raised at /srv/shop/orders/views.py line 88 (in <genexpr>)"')
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

# ================================================================================================
# The example systems' clusters: examples/<x>-broken|fixed/{get-yaml,cluster-info-dump} here. Each
# state is built once and written in both layouts, so the two can only differ in what kubectl
# writes. Pods, statuses and events follow each example's manifests (or, where it has none, the
# Deployment its team would write, see examples/README.md); logs are what its code prints.
from datetime import datetime, timedelta
import random as _random

EXAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "examples")

def at(iso, seconds=0):
    t = datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ") + timedelta(seconds=seconds)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")

def uid_of(*parts):
    h = zlib.crc32("/".join(parts).encode())
    g = zlib.crc32("/".join(reversed(parts)).encode())
    return "%08x-%04x-4%03x-9%03x-%012x" % (h, g % 65536, h % 4096, g % 4096, (h << 16 | g) % 16**12)

class State:
    """One cluster's objects in one namespace, and its pods' logs."""
    def __init__(self, ns, node, node_ip, runtime="containerd://1.7.13"):
        self.ns, self.node, self.node_ip = ns, node, node_ip
        self.objects = {k: [] for k in ["nodes", "pods", "events", "services", "endpoints", "deployments", "replicasets",
                                        "horizontalpodautoscalers", "networkpolicies"]}
        self.logs = {}
        self.objects["nodes"].append(self.node_object(runtime))

    def node_object(self, runtime):
        n = node(self.node)
        n["metadata"]["labels"].pop("node.kubernetes.io/instance-type")
        n["metadata"]["labels"].pop("topology.kubernetes.io/zone")
        n["spec"].pop("providerID")
        n["status"]["addresses"] = [{"address": self.node_ip, "type": "InternalIP"}, {"address": self.node, "type": "Hostname"}]
        n["status"]["nodeInfo"]["containerRuntimeVersion"] = runtime
        n["status"]["nodeInfo"]["osImage"] = "Debian GNU/Linux 12 (bookworm)"
        return n

    def meta(self, kind, name, created, labels=None, owner=None, rv="4100"):
        m = {"creationTimestamp": created, "name": name, "namespace": self.ns, "resourceVersion": rv, "uid": uid_of(kind, name)}
        if labels:
            m["labels"] = dict(labels)
        if owner:
            okind, oname, oapi = owner
            m["ownerReferences"] = [{"apiVersion": oapi, "blockOwnerDeletion": True, "controller": True, "kind": okind,
                                     "name": oname, "uid": uid_of(okind, oname)}]
        return m

    def event(self, kind, name, reason, message, first, last=None, count=1, typ="Warning", field=None,
              component="kubelet", api="v1"):
        e = event(kind, name, reason, message, count=count, first=first, last=last or first, typ=typ, field=field,
                  component=component, api=api)
        e["involvedObject"]["namespace"] = e["metadata"]["namespace"] = self.ns
        e["involvedObject"]["uid"] = uid_of(kind, name)
        if component == "kubelet":
            e["source"]["host"] = self.node
            e["reportingInstance"] = self.node
        self.objects["events"].append(e)

    def log(self, pod, container, lines):
        self.logs[(self.ns, pod["metadata"]["name"], container)] = list(lines)

    def write(self, example, state):
        base = os.path.join(EXAMPLES, f"{example}-{state}")
        write_get_yaml(os.path.join(base, "get-yaml"), self.objects, self.logs)
        write_cluster_info_dump(os.path.join(base, "cluster-info-dump"), self.ns, self.objects, self.logs)

def probe(kind, port, path=None, initial=None, period=10, timeout=1):
    p = {"failureThreshold": 3, "periodSeconds": period, "successThreshold": 1, "timeoutSeconds": timeout}
    p["httpGet" if kind == "http" else "tcpSocket"] = {"path": path, "port": port, "scheme": "HTTP"} if kind == "http" else {"port": port}
    if initial:
        p["initialDelaySeconds"] = initial
    return p

def container(name, image, ports, pull="IfNotPresent", env=None, readiness=None, liveness=None, resources=None, command=None):
    c = {"image": image, "imagePullPolicy": pull, "name": name,
         "ports": [dict({"containerPort": p, "protocol": "TCP"}, **({"name": n} if n else {})) for n, p in ports],
         "resources": resources or {}, "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File"}
    if env:
        c["env"] = [{"name": k, "value": v} for k, v in env.items()]
    if readiness:
        c["readinessProbe"] = readiness
    if liveness:
        c["livenessProbe"] = liveness
    if command:
        c["command"] = command
    return c

def pod_spec(containers, restart="Always"):
    return {"containers": containers, "dnsPolicy": "ClusterFirst", "restartPolicy": restart, "schedulerName": "default-scheduler",
            "securityContext": {}, "terminationGracePeriodSeconds": 30}

def status_of(c, started, ready=True, state=None, restarts=0):
    image = c["image"] if "/" in c["image"].split(":")[0] else "docker.io/library/" + c["image"]
    s = {"image": image, "lastState": {}, "name": c["name"], "ready": ready, "restartCount": restarts,
         "started": state is None, "state": state or {"running": {"startedAt": started}}}
    if state is None or "terminated" in state:
        s["containerID"] = "containerd://%064x" % zlib.crc32((c["name"] + started).encode())
        s["imageID"] = image.split(":")[0] + "@sha256:%064x" % zlib.crc32(c["image"].encode())
    return s

def add_pod(st, name, labels, spec, owner, created, ip, statuses, phase="Running", ready_at=None):
    p = {"apiVersion": "v1", "kind": "Pod",
         "metadata": dict(st.meta("Pod", name, created, labels, owner), generateName=name[:name.rindex("-") + 1]),
         "spec": copy.deepcopy(spec), "status": {}}
    suffix = name[name.rindex("-") + 1:]
    for c in p["spec"]["containers"]:
        c["volumeMounts"] = [{"mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "name": "kube-api-access-" + suffix, "readOnly": True}]
    p["spec"].update({"enableServiceLinks": True, "nodeName": st.node, "preemptionPolicy": "PreemptLowerPriority", "priority": 0,
                      "serviceAccount": "default", "serviceAccountName": "default",
                      "tolerations": BASE["spec"]["tolerations"], "volumes": copy.deepcopy(BASE["spec"]["volumes"])})
    p["spec"]["volumes"][0]["name"] = "kube-api-access-" + suffix
    unready = [s["name"] for s in statuses if not s["ready"]]
    done = phase == "Succeeded"
    def cond(typ, ok, when, reason=None, message=None):
        c = {"lastProbeTime": None, "lastTransitionTime": when, "status": "True" if ok else "False", "type": typ}
        if reason:
            c["reason"] = reason
        if message:
            c["message"] = message
        return c
    why = ("PodCompleted", None) if done else ("ContainersNotReady", f"containers with unready status: [{' '.join(unready)}]")
    ok = not unready and not done
    p["status"] = {"conditions": [cond("PodReadyToStartContainers", True, created), cond("Initialized", True, created),
                                  cond("Ready", ok, ready_at or created, *(() if ok else why)),
                                  cond("ContainersReady", ok, ready_at or created, *(() if ok else why)),
                                  cond("PodScheduled", True, created)],
                   "containerStatuses": statuses, "hostIP": st.node_ip, "hostIPs": [{"ip": st.node_ip}], "phase": phase,
                   "podIP": ip, "podIPs": [{"ip": ip}], "qosClass": "Burstable", "startTime": created}
    st.objects["pods"].append(p)
    return p

class App:
    """A Deployment, its ReplicaSets and Service, in one State."""
    def __init__(self, st, name, spec, labels, created, service_ports, service_type="ClusterIP", replicas=1, extra_selector=None):
        self.st, self.name, self.spec, self.labels, self.created = st, name, spec, labels, created
        self.replicas, self.service_ports, self.service_type = replicas, service_ports, service_type
        self.pods = []

    def rs_name(self, h): return f"{self.name}-{h}"

    def pod(self, h, suffix, created, ip, statuses, phase="Running", ready_at=None):
        p = add_pod(self.st, f"{self.name}-{h}-{suffix}", dict(self.labels, **{"pod-template-hash": h}), self.spec,
                    ("ReplicaSet", self.rs_name(h), "apps/v1"), created, ip, statuses, phase, ready_at)
        self.pods.append(p)
        self.st.event("ReplicaSet", self.rs_name(h), "SuccessfulCreate", f"Created pod: {p['metadata']['name']}", created,
                      typ="Normal", component="replicaset-controller", api="apps/v1")
        self.st.event("Pod", p["metadata"]["name"], "Scheduled", f"Successfully assigned {self.st.ns}/{p['metadata']['name']} to {self.st.node}",
                      created, typ="Normal", component="default-scheduler")
        return p

    def finish(self, h, revision, rolled_out_at, old=None):
        """The Deployment, its ReplicaSets (the old one scaled to 0), the Service and its Endpoints."""
        st, ready = self.st, sum(1 for p in self.pods if p["metadata"]["labels"]["pod-template-hash"] == h
                                 and all(s["ready"] for s in p["status"]["containerStatuses"]))
        n = sum(1 for p in self.pods if p["metadata"]["labels"]["pod-template-hash"] == h)
        template = {"metadata": {"creationTimestamp": None, "labels": self.labels}, "spec": self.spec}
        owner = ("Deployment", self.name, "apps/v1")
        for rs_hash, rev, want, have in [(h, revision, self.replicas, ready)] + ([(old, revision - 1, 0, 0)] if old else []):
            rs = {"apiVersion": "apps/v1", "kind": "ReplicaSet",
                  "metadata": dict(st.meta("ReplicaSet", self.rs_name(rs_hash), rolled_out_at if rs_hash == h else self.created,
                                           dict(self.labels, **{"pod-template-hash": rs_hash}), owner),
                                   annotations={"deployment.kubernetes.io/desired-replicas": str(self.replicas),
                                                "deployment.kubernetes.io/max-replicas": str(self.replicas + 1),
                                                "deployment.kubernetes.io/revision": str(rev)}, generation=1 if rs_hash == h else 2),
                  "spec": {"replicas": want, "selector": {"matchLabels": dict(self.labels, **{"pod-template-hash": rs_hash})},
                           "template": copy.deepcopy(template)},
                  "status": {"observedGeneration": 1 if rs_hash == h else 2, "replicas": n if rs_hash == h else 0}}
            rs["spec"]["template"]["metadata"]["labels"] = dict(self.labels, **{"pod-template-hash": rs_hash})
            if have:
                rs["status"].update({"availableReplicas": have, "fullyLabeledReplicas": n, "readyReplicas": have})
            st.objects["replicasets"].append(rs)
            st.event("Deployment", self.name, "ScalingReplicaSet",
                     f"Scaled {'up' if want else 'down'} replica set {self.rs_name(rs_hash)} to {want}" + (f" from {self.replicas}" if not want else ""),
                     rolled_out_at if rs_hash == h else at(rolled_out_at, 40), typ="Normal", component="deployment-controller", api="apps/v1")
        avail = ready >= max(1, self.replicas - self.replicas // 4)
        d = {"apiVersion": "apps/v1", "kind": "Deployment",
             "metadata": dict(st.meta("Deployment", self.name, self.created, self.labels), generation=revision,
                              annotations={"deployment.kubernetes.io/revision": str(revision)}),
             "spec": {"progressDeadlineSeconds": 600, "replicas": self.replicas, "revisionHistoryLimit": 10,
                      "selector": {"matchLabels": self.labels},
                      "strategy": {"rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}, "type": "RollingUpdate"},
                      "template": template},
             "status": {k: v for k, v in {"availableReplicas": ready, "observedGeneration": revision, "readyReplicas": ready, "replicas": n,
                                          "unavailableReplicas": n - ready, "updatedReplicas": n}.items() if v}}
        d["status"]["conditions"] = [
            {"lastTransitionTime": rolled_out_at, "lastUpdateTime": rolled_out_at, "status": "True" if avail else "False", "type": "Available",
             "message": "Deployment has minimum availability." if avail else "Deployment does not have minimum availability.",
             "reason": "MinimumReplicasAvailable" if avail else "MinimumReplicasUnavailable"},
            {"lastTransitionTime": self.created, "lastUpdateTime": at(rolled_out_at, 20), "status": "True", "type": "Progressing",
             "message": f'ReplicaSet "{self.rs_name(h)}" ' + ("has successfully progressed." if ready == self.replicas else "is progressing."),
             "reason": "NewReplicaSetAvailable" if ready == self.replicas else "ReplicaSetUpdated"}]
        st.objects["deployments"].append(d)
        s = svc(self.name)
        s["metadata"].update(st.meta("Service", self.name, self.created, self.labels))
        s["spec"]["ports"] = [dict({"name": n, "port": p, "protocol": "TCP", "targetPort": t}, **({"nodePort": np} if np else {}))
                              for n, p, t, np in self.service_ports]
        s["spec"]["selector"] = self.labels
        s["spec"]["type"] = self.service_type
        s["spec"]["clusterIPs"] = [s["spec"]["clusterIP"]]
        if self.service_type != "ClusterIP":
            s["spec"]["externalTrafficPolicy"] = "Cluster"
        if self.service_type == "LoadBalancer":
            s["status"] = {"loadBalancer": {"ingress": [{"hostname": "a3f1c9e2b7d84e1f9c0b-1290384756.us-east-1.elb.amazonaws.com"}]}}
        st.objects["services"].append(s)
        addresses = {True: [], False: []}
        for p in self.pods:
            if p["status"]["phase"] == "Running" and p["metadata"]["labels"]["pod-template-hash"] in (h, old):
                ok = all(c["status"] == "True" for c in p["status"]["conditions"] if c["type"] == "Ready")
                addresses[ok].append({"ip": p["status"]["podIP"], "nodeName": st.node,
                                      "targetRef": {"kind": "Pod", "name": p["metadata"]["name"], "namespace": st.ns, "uid": p["metadata"]["uid"]}})
        subset = {}
        if addresses[True]:
            subset["addresses"] = addresses[True]
        if addresses[False]:
            subset["notReadyAddresses"] = addresses[False]
        port_of = {pt["name"]: pt["containerPort"] for c in self.spec["containers"] for pt in c["ports"] if "name" in pt}
        if subset:
            subset["ports"] = [{"name": n, "port": port_of.get(t, t), "protocol": "TCP"} for n, _, t, _ in self.service_ports]
        ep = {"apiVersion": "v1", "kind": "Endpoints",
              "metadata": dict(st.meta("Endpoints", self.name, self.created, self.labels),
                               annotations={"endpoints.kubernetes.io/last-change-trigger-time": rolled_out_at})}
        if subset:
            ep["subsets"] = [subset]
        st.objects["endpoints"].append(ep)

def decoys(st, app, h, old_hash, ip, job, job_image, job_lines, probe_url, started, asof):
    """What a healthy cluster shows too: the old ReplicaSet's pods stopped by the rollout, one
    readiness failure while a new pod started, a completed Job pod, a pod two seconds old."""
    for sfx in ("b7x2k", "q9d4m")[:app.replicas]:
        st.event("Pod", f"{app.name}-{old_hash}-{sfx}", "Killing", f"Stopping container {app.name}", at(started, 12), typ="Normal",
                 field=f"spec.containers{{{app.name}}}")
    st.event("Pod", app.pods[0]["metadata"]["name"], "Unhealthy", f'Readiness probe failed: Get "{probe_url}": dial tcp '
             + probe_url.split("/")[2] + ": connect: connection refused", at(started, 2), field=f"spec.containers{{{app.name}}}")
    spec = pod_spec([container(job, job_image, [])], restart="Never")
    for c in spec["containers"]:
        del c["ports"]
    name = f"{job}-{'x7k2p'}"
    jp = add_pod(st, name, {"batch.kubernetes.io/job-name": job, "job-name": job}, spec, ("Job", job, "batch/v1"), at(started, -300),
                 "10.244.0.250" if ip.startswith("10.244") else ip.rsplit(".", 1)[0] + ".250",
                 [status_of(spec["containers"][0], at(started, -298), ready=False,
                            state={"terminated": {"exitCode": 0, "finishedAt": at(started, -296), "reason": "Completed", "startedAt": at(started, -298)}})],
                 phase="Succeeded", ready_at=at(started, -296))
    jp["status"]["containerStatuses"][0]["started"] = False
    st.event("Pod", name, "Completed", f"Job completed", at(started, -296), typ="Normal", component="job-controller")
    st.log(jp, job, job_lines)
    # A replica the autoscaler (or a `kubectl scale`) asked for two seconds ago: still creating.
    c0 = app.spec["containers"]
    pending = app.pod(h, "w7kqz", at(asof, -2), ip.rsplit(".", 1)[0] + ".249",
                      [status_of(c, at(asof, -2), ready=False, state={"waiting": {"reason": "ContainerCreating"}}) for c in c0],
                      phase="Pending")
    del pending["status"]["podIP"], pending["status"]["podIPs"]
    pending["status"]["conditions"][0]["status"] = "False"
    app.replicas += 1

def werkzeug(ip, t, method, path, status):
    return f'{ip} - - [{t.strftime("%d/%b/%Y %H:%M:%S")}] "{method} {path} HTTP/1.1" {status} -'

def flask_traceback(t, method, path, frames, error, site="/usr/local/lib/python3.10/site-packages"):
    out = [f"[{t.strftime('%Y-%m-%d %H:%M:%S')},{t.microsecond // 1000:03d}] ERROR in app: Exception on {path} [{method}]",
           "Traceback (most recent call last):",
           f'  File "{site}/flask/app.py", line 2190, in wsgi_app', "    response = self.full_dispatch_request()",
           f'  File "{site}/flask/app.py", line 1486, in full_dispatch_request', "    rv = self.handle_user_exception(e)",
           f'  File "{site}/flask/app.py", line 1484, in full_dispatch_request', "    rv = self.dispatch_request()",
           f'  File "{site}/flask/app.py", line 1469, in dispatch_request',
           "    return self.ensure_sync(self.view_functions[rule.endpoint])(**view_args)"]
    for f, line, fn, code in frames:
        out += [f'  File "{f}", line {line}, in {fn}', "    " + code]
    return out + [error]

def ts(iso):
    return datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ")

# ---- sre-assessment (seed 000) ------------------------------------------------------------------
def sre_spec(fixed):
    port = 8080 if fixed else 80
    c = container("sre-assessment", "sre-assessment:latest", [(None, port)],
                  readiness=probe("http", port, "/healthz", initial=5 if fixed else 2, period=5),
                  liveness=probe("http", port, "/healthz", initial=10) if fixed else None,
                  resources={"limits": {"memory": "256Mi"}, "requests": {"cpu": "100m", "memory": "128Mi"}})
    spec = pod_spec([c])
    if fixed:
        spec["securityContext"] = {"runAsNonRoot": True, "runAsUser": 10001}
    return spec

def sre(fixed):
    st = State("default", "docker-desktop", "192.168.65.3", runtime="docker://25.0.3")
    created = "2025-02-11T09:40:12Z"
    app = App(st, "sre-assessment", sre_spec(fixed), {"app": "sre-assessment"}, created, [("http", 80, 8080, None)], replicas=2)
    if not fixed:
        # The Makefile builds sre-candidate:latest; nothing builds sre-assessment:latest, and Docker
        # Hub has no such repository: the kubelet retries the pull with back-off.
        for sfx, ip in (("4xkzp", "10.1.0.14"), ("r7m2q", "10.1.0.15")):
            c = app.spec["containers"][0]
            p = app.pod("6c8d7f9b54", sfx, created, ip, [status_of(c, created, ready=False, state={"waiting": {
                "message": 'Back-off pulling image "sre-assessment:latest"', "reason": "ImagePullBackOff"}})], phase="Pending")
            name, field = p["metadata"]["name"], "spec.containers{sre-assessment}"
            st.event("Pod", name, "Pulling", 'Pulling image "sre-assessment:latest"', at(created, 2), at(created, 441), 6, "Normal", field)
            st.event("Pod", name, "Failed", 'Failed to pull image "sre-assessment:latest": Error response from daemon: pull access denied for'
                     " sre-assessment, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
                     at(created, 4), at(created, 443), 6, field=field)
            st.event("Pod", name, "Failed", "Error: ErrImagePull", at(created, 4), at(created, 443), 6, field=field)
            st.event("Pod", name, "BackOff", 'Back-off pulling image "sre-assessment:latest"', at(created, 5), at(created, 466), 31, "Normal", field)
            st.event("Pod", name, "Failed", "Error: ImagePullBackOff", at(created, 5), at(created, 466), 31, field=field)
        app.finish("6c8d7f9b54", 1, created)
        return st, "2025-02-11T09:48:00Z"
    started, asof = "2025-02-11T10:20:05Z", "2025-02-11T10:31:00Z"
    for sfx, ip in (("h2v8n", "10.1.0.21"), ("t5c3w", "10.1.0.22")):
        c = app.spec["containers"][0]
        p = app.pod("5f7b8c9d6e", sfx, started, ip, [status_of(c, at(started, 2))], ready_at=at(started, 8))
        pid = 1
        st.log(p, "sre-assessment", [f"[2025-02-11 10:20:07 +0000] [1] [INFO] Starting gunicorn 21.2.0",
                                     "[2025-02-11 10:20:07 +0000] [1] [INFO] Listening at: http://0.0.0.0:8080 (1)",
                                     "[2025-02-11 10:20:07 +0000] [1] [INFO] Using worker: sync",
                                     "[2025-02-11 10:20:07 +0000] [7] [INFO] Booting worker with pid: 7",
                                     "[2025-02-11 10:20:07 +0000] [8] [INFO] Booting worker with pid: 8"])
    decoys(st, app, "5f7b8c9d6e", "6c8d7f9b54", "10.1.0.21", "healthz-smoke-test", "curlimages/curl:8.5.0", ['{"status":"healthy"}'],
           "http://10.1.0.21:8080/healthz", started, asof)
    app.finish("5f7b8c9d6e", 2, started, old="6c8d7f9b54")
    return st, asof

# ---- go-service (seed 001) ----------------------------------------------------------------------
def go_spec(fixed):
    port = 8080 if fixed else 80
    app_c = container("go-app", "go-app:1.4.0" if fixed else "go-app:1.3.0", [("http", port)],
                      readiness=probe("http", port, "/healthz", initial=5, period=5 if fixed else 1, timeout=2 if fixed else 1),
                      liveness=probe("tcp", 8080, initial=10),
                      resources={"limits": {"cpu": "500m", "memory": "128Mi"}, "requests": {"cpu": "250m", "memory": "64Mi"}})
    proxy = container("traffic-proxy", "ghcr.io/example/traffic-proxy:0.4.2", [("proxy", 9000)],
                      env={"UPSTREAM": "127.0.0.1:8080"} if fixed else {"UPSTREAM": "127.0.0.1:8080", "DROP_PERCENT": "20", "INJECT_DELAY_MS": "3000"},
                      readiness=probe("tcp", "proxy"), liveness=probe("tcp", "proxy"),
                      resources={"limits": {"memory": "64Mi"}, "requests": {"cpu": "50m", "memory": "32Mi"}})
    return pod_spec([app_c, proxy])

def go(fixed):
    st = State("default", "dev-control-plane", "172.18.0.2")
    created = "2025-11-27T09:12:30Z"
    h = "5d8f9c7b6a" if fixed else "7b9d8c6f5d"
    started = "2025-11-27T11:05:40Z" if fixed else created
    asof = "2025-11-27T11:20:00Z" if fixed else "2025-11-27T09:40:00Z"
    app = App(st, "go-app", go_spec(fixed), {"app": "go-app"}, created, [("http", 80, "proxy", None)], replicas=2)
    app.spec_labels = app.labels
    for sfx, ip in (("k8v2p", "10.244.0.7"), ("m4x9t", "10.244.0.8")):
        c_app, c_proxy = app.spec["containers"]
        p = app.pod(h, sfx, started, ip, [status_of(c_app, at(started, 3), ready=fixed), status_of(c_proxy, at(started, 3))],
                    ready_at=at(started, 9))
        p["metadata"]["labels"]["tier"] = "backend"
        stamp = ts(started) + timedelta(seconds=3)
        st.log(p, "go-app", [stamp.strftime("%Y/%m/%d %H:%M:%S") + " listening on :8080"])
        proxy_lines = [stamp.strftime("%Y/%m/%d %H:%M:%S") + " traffic-proxy 0.4.2: listening on :9000, upstream 127.0.0.1:8080"
                       + ("" if fixed else ", drop 20%, delay 3000ms")]
        if fixed:
            for i in range(6):
                t = ts(started) + timedelta(seconds=200 + 97 * i)
                proxy_lines.append(t.strftime("%Y/%m/%d %H:%M:%S") + f' 10.244.0.12 "GET / HTTP/1.1" 200 {2 + i % 3}ms')
        st.log(p, "traffic-proxy", proxy_lines)
        if not fixed:
            # The kubelet probes port 80 every second; the server listens on 8080.
            st.event("Pod", p["metadata"]["name"], "Unhealthy",
                     f'Readiness probe failed: Get "http://{ip}:80/healthz": dial tcp {ip}:80: connect: connection refused',
                     at(started, 6), at(asof, -1), 1641, field="spec.containers{go-app}")
    for p in app.pods:
        p["spec"]["containers"][0]  # both containers as the manifest lists them
    app.labels_template = dict(app.labels, tier="backend")
    if fixed:
        decoys(st, app, h, "7b9d8c6f5d", "10.244.0.7", "load-check", "grafana/k6:0.49.0",
               ["     checks.........................: 100.00% ✓ 600       ✗ 0", "     http_req_failed................: 0.00%   ✓ 0         ✗ 600"],
               "http://10.244.0.7:8080/healthz", started, asof)
        app.pods[-1]["metadata"]["labels"]["tier"] = "backend"
    app.finish(h, 2 if fixed else 1, started, old="7b9d8c6f5d" if fixed else None)
    for o in st.objects["deployments"] + st.objects["replicasets"]:
        o["spec"]["template"]["metadata"]["labels"]["tier"] = "backend"
    metric = ({"name": "cpu", "target": {"averageUtilization": 50, "type": "Utilization"}} if fixed
              else {"name": "cpu", "target": {"averageValue": "500m", "type": "AverageValue"}})
    current = {"averageUtilization": 3, "averageValue": "8m"} if fixed else {"averageValue": "3m"}
    hpa = {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": st.meta("HorizontalPodAutoscaler", "go-app", created),
           "spec": {"maxReplicas": 10, "metrics": [{"resource": metric, "type": "Resource"}], "minReplicas": 2,
                    "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "go-app"}},
           "status": {"conditions": [
               {"lastTransitionTime": at(created, 15), "message": "recommended size matches current size", "reason": "ReadyForNewScale", "status": "True", "type": "AbleToScale"},
               {"lastTransitionTime": at(created, 45), "message": "the HPA was able to successfully calculate a replica count from cpu resource"
                + (" utilization (percentage of request)" if fixed else ""), "reason": "ValidMetricFound", "status": "True", "type": "ScalingActive"},
               {"lastTransitionTime": at(created, 45), "message": "the desired count is within the acceptable range", "reason": "DesiredWithinRange", "status": "False", "type": "ScalingLimited"}],
               "currentMetrics": [{"resource": {"current": current, "name": "cpu"}, "type": "Resource"}], "currentReplicas": 2, "desiredReplicas": 2,
               "lastScaleTime": at(created, 15)}}
    st.objects["horizontalpodautoscalers"].append(hpa)
    pol = {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": dict(st.meta("NetworkPolicy", "go-app-ingress", created), generation=1),
           # Fixed as the seed's team did: traffic admitted from the ingress controller's namespace
           # on the sidecar port the Service targets, not from a frontend no pod is labelled as.
           "spec": {"ingress": [{"from": [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "ingress-nginx"}}}],
                                 "ports": [{"port": 9000, "protocol": "TCP"}]}] if fixed else
                    [{"from": [{"podSelector": {"matchLabels": {"app": "frontend"}}}], "ports": [{"port": 9000, "protocol": "TCP"}]}],
                    "podSelector": {"matchLabels": {"app": "go-app"}}, "policyTypes": ["Ingress"]}}
    st.objects["networkpolicies"].append(pol)
    return st, asof

# ---- flask-random-500 (seed 003) ----------------------------------------------------------------
def flask(fixed):
    st = State("default", "minikube", "192.168.49.2", runtime="docker://24.0.7")
    created = "2025-03-14T14:05:20Z"
    h = "8d6c5b9f7a" if fixed else "6f7d8c9b5e"
    started = "2025-03-14T14:40:10Z" if fixed else created
    asof = "2025-03-14T14:44:00Z" if fixed else "2025-03-14T14:24:00Z"
    c = container("buggy-app", "buggy-app:1.0.1" if fixed else "buggy-app:latest", [("http", 5000)],
                  readiness=probe("http", 5000, "/health", period=10), liveness=probe("http", 5000, "/health", initial=5, period=10),
                  resources={"limits": {"cpu": "250m", "memory": "128Mi"}, "requests": {"cpu": "50m", "memory": "64Mi"}})
    app = App(st, "buggy-app", pod_spec([c]), {"app": "buggy-app"}, created, [("http", 5001, 5000, 30501)], service_type="NodePort")
    ip = "10.244.0.12"
    p = app.pod(h, "z8w4q", started, ip, [status_of(c, at(started, 1))], ready_at=at(started, 4))
    lines = [" * Serving Flask app 'buggy-app'", " * Debug mode: off",
             "WARNING: This is a development server. Do not use it in a production deployment. Use a production WSGI server instead.",
             " * Running on all addresses (0.0.0.0)", " * Running on http://127.0.0.1:5000", f" * Running on http://{ip}:5000", "Press CTRL+C to quit"]
    rnd = _random.Random(3)
    t0 = ts(started) + timedelta(seconds=4)
    for s in range(0, 150):
        t = t0 + timedelta(seconds=s, milliseconds=rnd.randint(0, 900))
        if s % 10 == 0:
            lines.append(werkzeug("10.244.0.1", t, "GET", "/health", 200))
        if s < 30:
            continue  # `while true; do curl -I http://$(minikube ip):30501/; sleep 1; done` starts
        if not fixed and rnd.choice([True, False]):
            lines += flask_traceback(t, "HEAD", "/", [("/app/buggy-app.py", 11, "home", 'raise Exception("Random Failure: Simulated production bug")')],
                                     "Exception: Random Failure: Simulated production bug")
            lines.append(werkzeug("10.244.0.1", t, "HEAD", "/", 500))
        else:
            lines.append(werkzeug("10.244.0.1", t, "HEAD", "/", 200))
    st.log(p, "buggy-app", lines)
    if fixed:
        decoys(st, app, h, "6f7d8c9b5e", ip, "smoke-test", "curlimages/curl:8.5.0", ['{"message":"App is working reliably"}'],
               f"http://{ip}:5000/health", started, asof)
    app.finish(h, 2 if fixed else 1, started, old="6f7d8c9b5e" if fixed else None)
    return st, asof

# ---- url-shortener (seed 004) -------------------------------------------------------------------
ECR = "123456789012.dkr.ecr.us-east-1.amazonaws.com/url-shortener"
def shortener(fixed):
    st = State("production", "ip-10-0-1-25.ec2.internal", "10.0.1.25", runtime="containerd://1.7.11")
    created = "2025-01-09T18:30:00Z"
    v1, v2 = "7f6d5c4b3a", ("4b8e6d2c9f" if fixed else "5c9f7d8b6a")
    started = "2025-06-18T15:21:30Z" if fixed else "2025-06-18T15:00:10Z"
    asof = "2025-06-18T15:30:00Z" if fixed else "2025-06-18T15:06:00Z"
    c = container("url-shortener", f"{ECR}:{'v2.1' if fixed else 'v2'}", [("http", 8000)],
                  command=["gunicorn", "-w", "4", "-b", "0.0.0.0:8000", "--access-logfile", "-", "application:app"],
                  env={"FLASK_APP": "application"}, readiness=probe("http", 8000, "/", initial=3, period=10),
                  resources={"limits": {"memory": "512Mi"}, "requests": {"cpu": "250m", "memory": "256Mi"}})
    app = App(st, "url-shortener", pod_spec([c]), {"app": "url-shortener"}, created, [("http", 80, 8000, 31844)],
              service_type="LoadBalancer", replicas=2)
    rnd = _random.Random(4)
    codes = ["nike-air", "sb-dunk", "aB3kZ9", "run-club", "Q7m2Xw"]
    site = "/usr/local/lib/python3.11/site-packages"
    for sfx, ip in (("d4m8k", "10.0.1.87"), ("p2r6v", "10.0.1.142")):
        p = app.pod(v2, sfx, started, ip, [status_of(c, at(started, 2))], ready_at=at(started, 13))
        t0 = ts(started) + timedelta(seconds=2)
        lines = [f"[{t0.strftime('%Y-%m-%d %H:%M:%S')} +0000] [1] [INFO] Starting gunicorn 21.2.0",
                 f"[{t0.strftime('%Y-%m-%d %H:%M:%S')} +0000] [1] [INFO] Listening at: http://0.0.0.0:8000 (1)",
                 f"[{t0.strftime('%Y-%m-%d %H:%M:%S')} +0000] [1] [INFO] Using worker: sync"]
        lines += [f"[{t0.strftime('%Y-%m-%d %H:%M:%S')} +0000] [{pid}] [INFO] Booting worker with pid: {pid}" for pid in (8, 9, 10, 11)]
        has_file = False  # urls.json is written by the first shortened URL; from then on load_urls() reads it
        for s in range(10, 340, 3):
            t = t0 + timedelta(seconds=s, milliseconds=rnd.randint(0, 999))
            stamp = t.strftime("%d/%b/%Y:%H:%M:%S +0000")
            def access(client, method, path, status, size, ref="-", agent="Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15"):
                lines.append(f'{client} - - [{stamp}] "{method} {path} HTTP/1.1" {status} {size} "{ref}" "{agent}"')
            if s % 10 == 0:
                access("10.0.1.25", "GET", "/", 200, 1432, agent="kube-probe/1.29+")
                continue
            client = "10.0.%d.%d" % (rnd.choice([1, 2, 3]), rnd.randint(10, 250))
            r = rnd.random()
            code = rnd.choice(codes)
            if r < 0.3:
                access(client, "GET", "/", 200, 1432)
            elif r < 0.6:
                if has_file and not fixed:
                    lines += flask_traceback(t, "POST", "/your-url", [
                        ("/app/application.py", 40, "your_url", "urls = load_urls()"),
                        ("/app/application.py", 18, "load_urls", "return json.loads(urls_file)"),
                        ("/usr/local/lib/python3.11/json/__init__.py", 339, "loads",
                         "raise TypeError(f'the JSON object must be str, bytes or bytearray, '")],
                        "TypeError: the JSON object must be str, bytes or bytearray, not TextIOWrapper", site)
                    access(client, "POST", "/your-url", 500, 265, "https://sho.rt/")
                else:
                    access(client, "POST", "/your-url", 200, 1187, "https://sho.rt/")
                has_file = True
            elif has_file and not fixed:
                lines += flask_traceback(t, "GET", f"/{code}", [
                    ("/app/application.py", 53, "redirect_to_url", "urls = load_urls()"),
                    ("/app/application.py", 18, "load_urls", "return json.loads(urls_file)"),
                    ("/usr/local/lib/python3.11/json/__init__.py", 339, "loads",
                     "raise TypeError(f'the JSON object must be str, bytes or bytearray, '")],
                    "TypeError: the JSON object must be str, bytes or bytearray, not TextIOWrapper", site)
                access(client, "GET", f"/{code}", 500, 265)
            else:
                access(client, "GET", f"/{code}", 302 if has_file else 404, 229 if has_file else 207)
        st.log(p, "url-shortener", lines)
    # The rollout of v2 replaced v1's pods: a normal rollout's Killing events.
    for sfx in ("f8n3c", "j5t7h"):
        st.event("Pod", f"url-shortener-{v1}-{sfx}", "Killing", "Stopping container url-shortener", at(started, 14), typ="Normal",
                 field="spec.containers{url-shortener}")
    if fixed:
        decoys(st, app, v2, "5c9f7d8b6a", "10.0.1.87", "urls-backup-28912", f"{ECR}:v2.1", ["backed up 1,284 short URLs to s3://sho-rt-backups/urls-2025-06-18.json"],
               "http://10.0.1.87:8000/", started, asof)
    app.finish(v2, 4 if fixed else 3, started, old=v1)
    return st, asof

for example, build in (("sre-assessment", sre), ("go-service", go), ("flask-random-500", flask), ("url-shortener", shortener)):
    for state, fixed in (("broken", False), ("fixed", True)):
        cluster, asof = build(fixed)
        cluster.write(example, state)
        with open(os.path.join(EXAMPLES, f"{example}-{state}", "as-of"), "w") as f:
            f.write(asof + "\n")

# ---- cloudmart (seed 002): the layout each of its hand-checked states lacks ---------------------
KINDS = {"pods": ("v1", "Pod"), "events": ("v1", "Event"), "services": ("v1", "Service"), "endpoints": ("v1", "Endpoints"),
         "deployments": ("apps/v1", "Deployment"), "replicasets": ("apps/v1", "ReplicaSet"), "daemonsets": ("apps/v1", "DaemonSet"),
         "replicationcontrollers": ("v1", "ReplicationController"), "nodes": ("v1", "Node")}

def read_state(d, ns):
    """The objects and logs of a dump in either layout, each item with its kind and apiVersion."""
    objects, logs = {}, {}
    for kind, (api, k) in KINDS.items():
        for path in (f"{d}/{kind}.yaml", f"{d}/{kind}.json", f"{d}/{ns}/{kind}.json"):
            if os.path.exists(path):
                items = (yaml.safe_load(open(path)) if path.endswith(".yaml") else json.load(open(path)))["items"]
                objects[kind] = [dict({"apiVersion": api, "kind": k}, **o) for o in items]
    for pod in sorted(os.listdir(f"{d}/{ns}")):
        if os.path.isdir(f"{d}/{ns}/{pod}"):
            container = None
            for line in open(f"{d}/{ns}/{pod}/logs.txt").read().split("\n"):
                if line.startswith("==== START logs for container "):
                    container = line.split()[5]
                    logs[(ns, pod, container)] = []
                elif line.startswith("==== END logs"):
                    container = None
                elif container:
                    logs[(ns, pod, container)].append(line)
    return objects, logs

objects, logs = read_state(os.path.join(os.path.dirname(SEED), "seed-002-broken"), NS)
write_cluster_info_dump(os.path.join(EXAMPLES, "cloudmart-broken", "cluster-info-dump"), NS, objects, logs)
objects, logs = read_state(os.path.join(os.path.dirname(SEED), "seed-002-fixed"), NS)
write_get_yaml(os.path.join(EXAMPLES, "cloudmart-fixed", "get-yaml"), objects, logs)
for state, asof in (("broken", "2025-02-11T16:52:00Z"), ("fixed", "2025-02-11T17:30:00Z")):
    with open(os.path.join(EXAMPLES, f"cloudmart-{state}", "as-of"), "w") as f:
        f.write(asof + "\n")
print("ok")
