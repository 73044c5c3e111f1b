"""Writes the seed 002 kubectl fixtures of this folder: python3 make-fixtures.py (PyYAML needed)."""
import json, yaml, os, copy, hashlib
HERE = os.path.dirname(os.path.abspath(__file__))

NS = "production"
def uid(s):
    h = hashlib.md5(s.encode()).hexdigest()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"
def cid(s):
    return "containerd://" + hashlib.sha256(s.encode()).hexdigest()
def digest(s):
    return "sha256:" + hashlib.sha256(("img" + s).encode()).hexdigest()

SERVICES = {
  # name: (image, port, memory limit, hash, suffix, ip)
  "gateway":              ("gateway:latest", 80, "128Mi", "7c9f6d8b5d", "q2x7m", "10.42.0.12"),
  "api-service":          ("api-service:latest", 3000, "256Mi", "6d4f8b7c9", "x2k4p", "10.42.0.14"),
  "auth-service":         ("auth-service:latest", 3001, "64Mi", "5b8c7d9f4", "lm8vz", "10.42.0.15"),
  "order-service":        ("order-service:latest", 3002, "256Mi", "84c9b7f6d5", "t9wbn", "10.42.0.16"),
  "database-service":     ("database-service:latest", 8080, "256Mi", "7f6b9c8d4", "h5rjq", "10.42.0.17"),
  "notification-service": ("notification-service:v2.0", 3003, "128Mi", "59d7c6b8f9", "c4ntd", "10.42.0.18"),
}

def pod(name, created, cstate, ready, restarts=0, last=None, phase="Running", started=None,
        image=None, ready_since=None, pull_ok=True):
    img, port, mem, h, sfx, ip = SERVICES[name]
    image = image or img
    pname = f"{name}-{h}-{sfx}"
    ready_since = ready_since or created
    cs = {
      "containerID": cid(pname + str(restarts)),
      "image": "docker.io/library/" + image,
      "imageID": "docker.io/library/" + image.split(":")[0] + "@" + digest(image),
      "lastState": last or {},
      "name": name,
      "ready": ready,
      "restartCount": restarts,
      "started": cstate.get("running") is not None,
      "state": cstate,
    }
    if not pull_ok:
        cs["image"] = image
        cs["imageID"] = ""
        del cs["containerID"]
    rs = "True" if ready else "False"
    conditions = [
      {"lastProbeTime": None, "lastTransitionTime": created, "status": "True", "type": "PodReadyToStartContainers"},
      {"lastProbeTime": None, "lastTransitionTime": created, "status": "True", "type": "Initialized"},
      {"lastProbeTime": None, "lastTransitionTime": ready_since, "status": rs, "type": "Ready"},
      {"lastProbeTime": None, "lastTransitionTime": ready_since, "status": rs, "type": "ContainersReady"},
      {"lastProbeTime": None, "lastTransitionTime": created, "status": "True", "type": "PodScheduled"},
    ]
    if not ready:
        for c in conditions:
            if c["type"] in ("Ready", "ContainersReady"):
                c["message"] = f"containers with unready status: [{name}]"
                c["reason"] = "ContainersNotReady"
    probe_port = 8080 if name == "api-service" else port
    container = {
      "env": [{"name": "PORT", "value": str(port)}],
      "image": image,
      "imagePullPolicy": "IfNotPresent",
      "name": name,
      "ports": [{"containerPort": port, "name": "http", "protocol": "TCP"}],
      "resources": {"limits": {"cpu": "500m", "memory": mem}, "requests": {"cpu": "100m", "memory": "64Mi"}},
      "terminationMessagePath": "/dev/termination-log",
      "terminationMessagePolicy": "File",
      "volumeMounts": [{"mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "name": "kube-api-access-" + sfx[:5], "readOnly": True}],
    }
    if name != "gateway":
        container["livenessProbe"] = {"failureThreshold": 3, "httpGet": {"path": "/health", "port": probe_port, "scheme": "HTTP"},
            "initialDelaySeconds": 10, "periodSeconds": 10, "successThreshold": 1, "timeoutSeconds": 1}
    if name == "database-service":
        container["env"].append({"name": "CHAOS_FAILURE_RATE", "value": "0"})
    return {
      "apiVersion": "v1",
      "kind": "Pod",
      "metadata": {
        "creationTimestamp": created,
        "generateName": f"{name}-{h}-",
        "labels": {"app": name, "pod-template-hash": h},
        "name": pname,
        "namespace": NS,
        "ownerReferences": [{"apiVersion": "apps/v1", "blockOwnerDeletion": True, "controller": True,
            "kind": "ReplicaSet", "name": f"{name}-{h}", "uid": uid("rs" + name)}],
        "resourceVersion": str(int(hashlib.md5(pname.encode()).hexdigest()[:4], 16) + 1000),
        "uid": uid(pname),
      },
      "spec": {
        "containers": [container],
        "dnsPolicy": "ClusterFirst",
        "enableServiceLinks": True,
        "nodeName": "k3d-brokenprod-server-0",
        "preemptionPolicy": "PreemptLowerPriority",
        "priority": 0,
        "restartPolicy": "Always",
        "schedulerName": "default-scheduler",
        "securityContext": {},
        "serviceAccount": "default",
        "serviceAccountName": "default",
        "terminationGracePeriodSeconds": 30,
        "tolerations": [
          {"effect": "NoExecute", "key": "node.kubernetes.io/not-ready", "operator": "Exists", "tolerationSeconds": 300},
          {"effect": "NoExecute", "key": "node.kubernetes.io/unreachable", "operator": "Exists", "tolerationSeconds": 300}],
        "volumes": [{"name": "kube-api-access-" + sfx[:5], "projected": {"defaultMode": 420, "sources": [
          {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
          {"configMap": {"items": [{"key": "ca.crt", "path": "ca.crt"}], "name": "kube-root-ca.crt"}},
          {"downwardAPI": {"items": [{"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}, "path": "namespace"}]}}]}}],
      },
      "status": {
        "conditions": conditions,
        "containerStatuses": [cs],
        "hostIP": "172.18.0.3",
        "hostIPs": [{"ip": "172.18.0.3"}],
        "phase": phase,
        "podIP": ip,
        "podIPs": [{"ip": ip}],
        "qosClass": "Burstable",
        "startTime": created,
      },
    }

def running(t): return {"running": {"startedAt": t}}
def term(reason, code, start, end): return {"terminated": {"containerID": cid(reason + end), "exitCode": code, "finishedAt": end, "reason": reason, "startedAt": start}}

# Broken state (kubectl get pods -n production -o yaml), 2025-02-11 16:52.
C = "2025-02-11T16:47:05Z"
broken = [
  pod("gateway", C, running("2025-02-11T16:47:09Z"), True, ready_since="2025-02-11T16:47:10Z"),
  pod("api-service", C, running("2025-02-11T16:51:38Z"), False, restarts=5,
      last=term("Error", 137, "2025-02-11T16:50:48Z", "2025-02-11T16:51:37Z")),
  pod("auth-service", C, running("2025-02-11T16:51:02Z"), True, restarts=3,
      last=term("OOMKilled", 137, "2025-02-11T16:49:30Z", "2025-02-11T16:51:01Z"), ready_since="2025-02-11T16:51:13Z"),
  pod("order-service", C, running("2025-02-11T16:47:12Z"), True, ready_since="2025-02-11T16:47:25Z"),
  pod("database-service", C, {"waiting": {"message": "back-off 2m40s restarting failed container=database-service pod=database-service-7f6b9c8d4-h5rjq_production(" + uid("database-service-7f6b9c8d4-h5rjq") + ")", "reason": "CrashLoopBackOff"}},
      False, restarts=5, last=term("Error", 1, "2025-02-11T16:51:44Z", "2025-02-11T16:51:45Z")),
  pod("notification-service", C, {"waiting": {"message": "Back-off pulling image \"notification-service:v2.0\"", "reason": "ImagePullBackOff"}},
      False, phase="Pending", pull_ok=False),
]
for p in broken:
    if p["status"]["containerStatuses"][0]["state"].get("waiting"):
        p["status"]["containerStatuses"][0]["started"] = False
out = HERE + "/seed-002-broken"
os.makedirs(out, exist_ok=True)
with open(out + "/pods.yaml", "w") as f:
    yaml.safe_dump({"apiVersion": "v1", "items": broken, "kind": "List", "metadata": {"resourceVersion": ""}}, f, sort_keys=True, default_flow_style=False)

# Fixed state, as `kubectl cluster-info dump --namespaces production --output-directory`, 17:30.
F = "2025-02-11T17:21:40Z"
fixed = [
  pod("gateway", C, running("2025-02-11T16:47:09Z"), True, ready_since="2025-02-11T16:47:10Z"),
  pod("api-service", F, running("2025-02-11T17:21:44Z"), True, ready_since="2025-02-11T17:21:55Z"),
  # restarted by OOM before the limit was raised: the last restart is long before the window.
  pod("auth-service", "2025-02-11T17:05:12Z", running("2025-02-11T17:09:58Z"), True, restarts=1,
      last=term("OOMKilled", 137, "2025-02-11T17:05:15Z", "2025-02-11T17:09:57Z"), ready_since="2025-02-11T17:10:06Z"),
  pod("order-service", "2025-02-11T17:14:03Z", running("2025-02-11T17:14:06Z"), True, ready_since="2025-02-11T17:14:15Z"),
  pod("database-service", "2025-02-11T17:02:31Z", running("2025-02-11T17:02:34Z"), True, ready_since="2025-02-11T17:02:40Z"),
  pod("notification-service", "2025-02-11T17:06:50Z", running("2025-02-11T17:06:53Z"), True, image="notification-service:latest", ready_since="2025-02-11T17:07:00Z"),
]
def podlist(items):
    # kubectl cluster-info dump writes JSON with struct field order and 4-space indent.
    ordered = []
    for p in items:
        ordered.append({"metadata": p["metadata"], "spec": p["spec"], "status": p["status"]})
    return {"kind": "PodList", "apiVersion": "v1", "metadata": {"resourceVersion": "48211"}, "items": ordered}

LOGS_OK = {
  "gateway": ["/docker-entrypoint.sh: Configuration complete; ready for start up",
              "2025/02/11 16:47:09 [notice] 1#1: nginx/1.25.3",
              "10.42.0.1 - - [11/Feb/2025:17:29:41 +0000] \"POST /api/orders HTTP/1.1\" 201 64 \"-\" \"curl/8.5.0\""],
  "api-service": ["2025-02-11T17:21:44.210Z info api-service listening on port 3000",
                  "2025-02-11T17:29:41.004Z info POST /api/orders 201 148ms"],
  "auth-service": ["2025-02-11T17:09:58.871Z info auth-service listening on port 3001",
                   "2025-02-11T17:29:40.917Z info token verified user=demo"],
  "order-service": ["2025-02-11T17:14:06.102Z info order-service listening on port 3002",
                    "2025-02-11T17:14:06.140Z info database url http://database-service:8080",
                    "2025-02-11T17:29:41.101Z info order created id=ord-1020 errors=0"],
  "database-service": ["2025-02-11T17:02:34.553Z info database-service ready db=cloudmart chaosFailureRate=0"],
  "notification-service": ["2025-02-11T17:06:53.320Z info notification-service listening on port 3003",
                           "2025-02-11T17:29:41.141Z info webhook delivered order=ord-1020"],
}
def write_dump(base, items, logs, extra=None):
    os.makedirs(base + "/" + NS, exist_ok=True)
    with open(base + "/nodes.json", "w") as f:
        json.dump({"kind": "NodeList", "apiVersion": "v1", "metadata": {"resourceVersion": "48211"}, "items": []}, f, indent=4)
    for kind in ["events", "replicationcontrollers", "services", "daemonsets", "deployments", "replicasets"]:
        with open(f"{base}/{NS}/{kind}.json", "w") as f:
            json.dump({"kind": kind.capitalize() + "List", "apiVersion": "v1", "metadata": {"resourceVersion": "48211"}, "items": []}, f, indent=4)
    with open(f"{base}/{NS}/pods.json", "w") as f:
        json.dump(podlist(items), f, indent=4)
    for p in items:
        n = p["metadata"]["name"]; c = p["spec"]["containers"][0]["name"]
        os.makedirs(f"{base}/{NS}/{n}", exist_ok=True)
        with open(f"{base}/{NS}/{n}/logs.txt", "w") as f:
            f.write(f"==== START logs for container {c} of pod {NS}/{n} ====\n")
            for line in logs[c]:
                f.write(line + "\n")
            f.write(f"==== END logs for container {c} of pod {NS}/{n} ====\n")

write_dump(HERE + "/seed-002-fixed", fixed, LOGS_OK)

# Not yet stable: order-service restarted 40 s before the dump, and logged connection errors.
flapping = copy.deepcopy(fixed)
o = [p for p in flapping if p["metadata"]["labels"]["app"] == "order-service"][0]
cs = o["status"]["containerStatuses"][0]
cs["restartCount"] = 2
cs["lastState"] = term("Error", 1, "2025-02-11T17:28:31Z", "2025-02-11T17:29:19Z")
cs["state"] = running("2025-02-11T17:29:20Z")
for c in o["status"]["conditions"]:
    if c["type"] in ("Ready", "ContainersReady"):
        c["lastTransitionTime"] = "2025-02-11T17:29:31Z"
logs = copy.deepcopy(LOGS_OK)
logs["order-service"] = ["2025-02-11T17:29:20.410Z info order-service listening on port 3002",
    "2025-02-11T17:29:27.002Z error POST /orders failed: Error: connect ECONNREFUSED 10.43.112.9:8080",
    "    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1595:16)",
    "2025-02-11T17:29:27.003Z warn retrying immediately (attempt 2/5)"]
write_dump(HERE + "/seed-002-flapping", flapping, logs)
# kubectl (go-yaml) quotes strings with double quotes; PyYAML with single ones.
import re
with open(out + "/pods.yaml") as f:
    text = f.read()
with open(out + "/pods.yaml", "w") as f:
    f.write(re.sub(r"(:|-) '([^'\n]*)'$", r'\1 "\2"', text, flags=re.M))
print("ok")

# ---- diagnose: the same states with what `diagnose` reads beside the pods --------------------
# Broken, as `kubectl get pods,events,services,endpoints,replicasets -n production -o yaml` saved
# in one file each, and the last logs (`kubectl logs --previous`) in the cluster-info dump layout.
DIAG = os.path.join(os.path.dirname(HERE), "diagnose")
def meta(name, created, **extra):
    m = {"creationTimestamp": created, "name": name, "namespace": NS,
         "resourceVersion": str(int(hashlib.md5(name.encode()).hexdigest()[:4], 16) + 2000), "uid": uid(name)}
    m.update(extra)
    return m
def pname(name):
    _, _, _, h, sfx, _ = SERVICES[name]
    return f"{name}-{h}-{sfx}"
def event(pod, reason, message, count, first, last, kind="Warning", field=None, container=None):
    container = container or pod.rsplit("-", 2)[0]
    ev = {"apiVersion": "v1", "count": count, "eventTime": None, "firstTimestamp": first,
          "involvedObject": {"apiVersion": "v1", "kind": "Pod", "name": pod, "namespace": NS,
                             "resourceVersion": "1200", "uid": uid(pod)},
          "kind": "Event", "lastTimestamp": last, "message": message,
          "metadata": meta(pod + "." + hashlib.md5((reason + message).encode()).hexdigest()[:16], first),
          "reason": reason, "reportingComponent": "kubelet", "reportingInstance": "k3d-brokenprod-server-0",
          "source": {"component": "kubelet", "host": "k3d-brokenprod-server-0"}, "type": kind}
    if field is not False:
        ev["involvedObject"]["fieldPath"] = field or f"spec.containers{{{container}}}"
    return ev
def service(name, port, selector, type_="ClusterIP"):
    ip = "10.43." + str(int(hashlib.md5(name.encode()).hexdigest()[:2], 16)) + "." + str(int(hashlib.md5(name.encode()).hexdigest()[2:4], 16))
    spec = {"clusterIP": ip, "clusterIPs": [ip], "internalTrafficPolicy": "Cluster", "ipFamilies": ["IPv4"],
            "ipFamilyPolicy": "SingleStack", "ports": [{"name": "http", "port": port, "protocol": "TCP", "targetPort": port}],
            "selector": selector, "sessionAffinity": "None", "type": type_}
    if type_ == "LoadBalancer":
        spec["allocateLoadBalancerNodePorts"] = True
        spec["externalTrafficPolicy"] = "Cluster"
        spec["ports"][0]["nodePort"] = 31380
    return {"apiVersion": "v1", "kind": "Service", "metadata": meta(name, C), "spec": spec,
            "status": {"loadBalancer": {"ingress": [{"ip": "172.18.0.3", "ipMode": "VIP"}]} if type_ == "LoadBalancer" else {}}}
def endpoints(name, port, ready=(), not_ready=()):
    def addr(n):
        return {"ip": SERVICES[n][5], "nodeName": "k3d-brokenprod-server-0",
                "targetRef": {"kind": "Pod", "name": pname(n), "namespace": NS, "uid": uid(pname(n))}}
    e = {"apiVersion": "v1", "kind": "Endpoints", "metadata": meta(name, C, labels={"app": name})}
    if ready or not_ready:
        subset = {"ports": [{"name": "http", "port": port, "protocol": "TCP"}]}
        if ready:
            subset["addresses"] = [addr(n) for n in ready]
        if not_ready:
            subset["notReadyAddresses"] = [addr(n) for n in not_ready]
        e["subsets"] = [subset]
    return e
def replicaset(name, image):
    _, port, _, h, _, _ = SERVICES[name]
    return {"apiVersion": "apps/v1", "kind": "ReplicaSet",
            "metadata": meta(f"{name}-{h}", C, labels={"app": name, "pod-template-hash": h},
                annotations={"deployment.kubernetes.io/desired-replicas": "1", "deployment.kubernetes.io/max-replicas": "2", "deployment.kubernetes.io/revision": "1"},
                ownerReferences=[{"apiVersion": "apps/v1", "blockOwnerDeletion": True, "controller": True,
                                  "kind": "Deployment", "name": name, "uid": uid("deploy" + name)}]),
            "spec": {"replicas": 1, "selector": {"matchLabels": {"app": name, "pod-template-hash": h}}},
            "status": {"observedGeneration": 1, "replicas": 1}}
def kubectl_list(items):
    return {"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}}
def write_yaml(path, doc):
    text = yaml.safe_dump(doc, sort_keys=True, default_flow_style=False)
    with open(path, "w") as f:
        f.write(re.sub(r"(:|-) '([^'\n]*)'$", r'\1 "\2"', text, flags=re.M))
def write_logs(base, pod, container, lines):
    os.makedirs(f"{base}/{NS}/{pod}", exist_ok=True)
    with open(f"{base}/{NS}/{pod}/logs.txt", "w") as f:
        f.write(f"==== START logs for container {container} of pod {NS}/{pod} ====\n")
        for line in lines:
            f.write(line + "\n")
        f.write(f"==== END logs for container {container} of pod {NS}/{pod} ====\n")

SERVICE_SELECTORS = {n: {"app": n} for n in SERVICES}
SERVICE_SELECTORS["gateway"] = {"app": "nginx-gateway"}   # seed 002: the pods carry app=gateway
def services_of(selectors):
    return [service(n, SERVICES[n][1], selectors[n], "LoadBalancer" if n == "gateway" else "ClusterIP") for n in SERVICES]

b = DIAG + "/seed-002-broken"
os.makedirs(b, exist_ok=True)
write_yaml(b + "/pods.yaml", kubectl_list(broken))
write_yaml(b + "/services.yaml", kubectl_list(services_of(SERVICE_SELECTORS)))
write_yaml(b + "/endpoints.yaml", kubectl_list([
    endpoints("gateway", 80),
    endpoints("api-service", 3000, not_ready=["api-service"]),
    endpoints("auth-service", 3001, ready=["auth-service"]),
    endpoints("order-service", 3002, ready=["order-service"]),
    endpoints("database-service", 8080, not_ready=["database-service"]),
    endpoints("notification-service", 3003)]))
write_yaml(b + "/replicasets.yaml", kubectl_list([replicaset(n, SERVICES[n][0]) for n in SERVICES]))
db, api, notif, auth = pname("database-service"), pname("api-service"), pname("notification-service"), pname("auth-service")
write_yaml(b + "/events.yaml", kubectl_list([
    event(db, "Pulled", 'Container image "database-service:latest" already present on machine', 6, "2025-02-11T16:47:06Z", "2025-02-11T16:51:44Z", kind="Normal"),
    event(db, "BackOff", f"Back-off restarting failed container database-service in pod {db}_production({uid(db)})", 21, "2025-02-11T16:47:09Z", "2025-02-11T16:51:58Z"),
    event(notif, "Pulling", 'Pulling image "notification-service:v2.0"', 4, "2025-02-11T16:47:06Z", "2025-02-11T16:50:01Z", kind="Normal"),
    event(notif, "Failed", 'Failed to pull image "notification-service:v2.0": failed to pull and unpack image "docker.io/library/notification-service:v2.0": failed to resolve reference "docker.io/library/notification-service:v2.0": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed', 4, "2025-02-11T16:47:08Z", "2025-02-11T16:50:03Z"),
    event(notif, "Failed", "Error: ErrImagePull", 4, "2025-02-11T16:47:08Z", "2025-02-11T16:50:03Z"),
    event(notif, "BackOff", 'Back-off pulling image "notification-service:v2.0"', 18, "2025-02-11T16:47:09Z", "2025-02-11T16:51:55Z", kind="Normal"),
    event(notif, "Failed", "Error: ImagePullBackOff", 18, "2025-02-11T16:47:09Z", "2025-02-11T16:51:55Z"),
    event(api, "Unhealthy", 'Liveness probe failed: Get "http://10.42.0.14:8080/health": dial tcp 10.42.0.14:8080: connect: connection refused', 15, "2025-02-11T16:47:25Z", "2025-02-11T16:51:35Z"),
    event(api, "Killing", "Container api-service failed liveness probe, will be restarted", 5, "2025-02-11T16:47:45Z", "2025-02-11T16:51:35Z", kind="Normal"),
    event(api, "Unhealthy", 'Readiness probe failed: Get "http://10.42.0.14:3000/health": dial tcp 10.42.0.14:3000: connect: connection refused', 1, "2025-02-11T16:51:39Z", "2025-02-11T16:51:39Z"),
    event(auth, "Pulled", 'Container image "auth-service:latest" already present on machine', 4, "2025-02-11T16:47:06Z", "2025-02-11T16:51:01Z", kind="Normal"),
    event(auth, "Started", "Started container auth-service", 4, "2025-02-11T16:47:07Z", "2025-02-11T16:51:02Z", kind="Normal"),
]))
write_logs(b, db, "database-service", ["FATAL: DB_NAME environment variable is required"])
write_logs(b, api, "api-service", ["2025-02-11T16:51:38.402Z info api-service listening on port 3000",
    "2025-02-11T16:51:44.118Z info GET /health 200 1ms"])
write_logs(b, auth, "auth-service", ["2025-02-11T16:51:02.311Z info auth-service listening on 3001",
    "2025-02-11T16:51:40.920Z info token verified user=demo"])
write_logs(b, pname("order-service"), "order-service", ["2025-02-11T16:47:12.530Z info order-service listening on port 3002",
    "2025-02-11T16:51:20.004Z error POST /orders failed: Error: getaddrinfo ENOTFOUND database"])
write_logs(b, pname("gateway"), "gateway", ["2025/02/11 16:47:09 [notice] 1#1: nginx/1.25.3"])

# Fixed, as `kubectl cluster-info dump --namespaces production --output-directory`, with the
# decoys a healthy cluster has: a completed Job pod, a Killing event of a rollout, one readiness
# failure while a pod started, and a pod created two seconds before the dump.
f = DIAG + "/seed-002-fixed"
job = copy.deepcopy(fixed[4])
job["metadata"].update({"name": "db-migrate-28f9k", "generateName": "db-migrate-", "labels": {"job-name": "db-migrate", "batch.kubernetes.io/job-name": "db-migrate"},
    "ownerReferences": [{"apiVersion": "batch/v1", "blockOwnerDeletion": True, "controller": True, "kind": "Job", "name": "db-migrate", "uid": uid("job")}], "uid": uid("db-migrate-28f9k")})
job["spec"]["containers"][0]["name"] = "migrate"
job["spec"]["containers"][0].pop("livenessProbe", None)
job["spec"]["restartPolicy"] = "Never"
jcs = job["status"]["containerStatuses"][0]
jcs.update({"name": "migrate", "ready": False, "started": False, "restartCount": 0, "lastState": {},
    "state": term("Completed", 0, "2025-02-11T17:02:00Z", "2025-02-11T17:02:09Z")})
job["status"]["phase"] = "Succeeded"
for c in job["status"]["conditions"]:
    if c["type"] in ("Ready", "ContainersReady"):
        c.update({"status": "False", "reason": "PodCompleted"})
new = copy.deepcopy(fixed[3])
new["metadata"].update({"name": "order-service-84c9b7f6d5-w7kqz", "uid": uid("order-service-84c9b7f6d5-w7kqz"), "creationTimestamp": "2025-02-11T17:29:58Z"})
ncs = new["status"]["containerStatuses"][0]
ncs.update({"ready": False, "started": False, "state": {"waiting": {"reason": "ContainerCreating"}}})
ncs.pop("containerID", None)
new["status"]["phase"] = "Pending"
new["status"].pop("podIP", None); new["status"].pop("podIPs", None)
for c in new["status"]["conditions"]:
    c["lastTransitionTime"] = "2025-02-11T17:29:58Z"
    if c["type"] in ("Ready", "ContainersReady"):
        c.update({"status": "False", "reason": "ContainersNotReady", "message": "containers with unready status: [order-service]"})
fixed_all = fixed + [job, new]
write_dump(f, fixed_all, dict(LOGS_OK, migrate=["2025-02-11T17:02:08.101Z info applied 3 migrations to cloudmart"]))
import shutil
shutil.rmtree(f"{f}/{NS}/order-service-84c9b7f6d5-w7kqz")  # still ContainerCreating: no log yet
fixed_selectors = {n: {"app": n} for n in SERVICES}
with open(f"{f}/{NS}/services.json", "w") as out_f:
    json.dump({"kind": "ServiceList", "apiVersion": "v1", "metadata": {"resourceVersion": "48211"},
               "items": services_of(fixed_selectors)}, out_f, indent=4)
old_order = "order-service-84c9b7f6d5-t9wbn"
api_new = fixed[1]["metadata"]["name"]
with open(f"{f}/{NS}/events.json", "w") as out_f:
    json.dump({"kind": "EventList", "apiVersion": "v1", "metadata": {"resourceVersion": "48211"}, "items": [
        event("order-service-6b5d8c7f9-kq4zt", "Killing", "Stopping container order-service", 1, "2025-02-11T17:14:16Z", "2025-02-11T17:14:16Z", kind="Normal", container="order-service"),
        event(api_new, "Unhealthy", 'Readiness probe failed: Get "http://10.42.0.14:3000/health": dial tcp 10.42.0.14:3000: connect: connection refused', 1, "2025-02-11T17:21:45Z", "2025-02-11T17:21:45Z", container="api-service"),
        event("order-service-84c9b7f6d5-w7kqz", "Scheduled", "Successfully assigned production/order-service-84c9b7f6d5-w7kqz to k3d-brokenprod-server-0", 1, "2025-02-11T17:29:58Z", "2025-02-11T17:29:58Z", kind="Normal", field=False),
    ]}, out_f, indent=4)
print("diagnose ok")
