#!/usr/bin/env sh
# Benchmark of `rootcause diagnose` on a large cluster: generates a `kubectl cluster-info dump
# --output-directory` folder of 10,000 pods (2,000 Deployments of 5 replicas in 20 namespaces, a
# Service each) and 100,000 events (10 a pod: the scheduling, pulls and starts of a rollout, a
# readiness failure at start-up, a Killing during the rollout), with a log per pod and a few faults
# (a crash loop on a missing env var, an image that does not exist, an OOM kill, a liveness probe
# on the wrong port, a LoadBalancer selecting nothing), then diagnoses it through bin/rootcause and
# prints the wall time, the peak RSS and the load average.
#
# Usage: bench/diagnose-bench.sh [PODS] [EVENTS_PER_POD]   (defaults 10000 and 10)
# Needs python3 and GNU time (/usr/bin/time); build first: ./mvnw -q -DskipTests package
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
pods=${1:-10000}
per_pod=${2:-10}
dir=$(mktemp -d "${TMPDIR:-/tmp}/rootcause-diagnose-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM

python3 - "$dir/dump" "$pods" "$per_pod" <<'EOF'
import json, os, sys, hashlib

out, pods, per_pod = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
namespaces = 20
replicas = 5
t0 = "2025-02-11T16:00:00Z"
now = "2025-02-11T16:52:00Z"

def h(*parts, n=10):
    return hashlib.sha1("/".join(map(str, parts)).encode()).hexdigest()[:n]

def uid(*parts):
    x = hashlib.sha1("/".join(map(str, parts)).encode()).hexdigest()
    return f"{x[:8]}-{x[8:12]}-{x[12:16]}-{x[16:20]}-{x[20:32]}"

# The faults, by Deployment index in the first namespace.
FAULTS = {0: "crash", 1: "image", 2: "oom", 3: "probe", 4: "selector"}

deployments = pods // replicas
per_ns = max(1, deployments // namespaces)
by_ns = {}
for d in range(deployments):
    ns = f"team-{d // per_ns % namespaces:02d}"
    by_ns.setdefault(ns, []).append(d)

def container_status(name, fault, image, restarts):
    status = {"containerID": "containerd://" + h(name, "c", n=64), "image": "docker.io/library/" + image,
              "imageID": "docker.io/library/" + image.split(":")[0] + "@sha256:" + h(image, n=64),
              "name": name, "ready": True, "restartCount": restarts, "started": True,
              "state": {"running": {"startedAt": "2025-02-11T16:01:00Z"}}, "lastState": {}}
    if fault == "crash":
        status.update(ready=False, started=False, restartCount=6,
                      state={"waiting": {"reason": "CrashLoopBackOff", "message": "back-off 2m40s restarting failed container"}},
                      lastState={"terminated": {"exitCode": 1, "reason": "Error", "startedAt": "2025-02-11T16:51:00Z", "finishedAt": "2025-02-11T16:51:01Z"}})
    elif fault == "image":
        status.update(ready=False, started=False, restartCount=0, image=image,
                      state={"waiting": {"reason": "ImagePullBackOff", "message": f'Back-off pulling image "{image}"'}})
    elif fault == "oom":
        status.update(restartCount=4, lastState={"terminated": {"exitCode": 137, "reason": "OOMKilled", "startedAt": "2025-02-11T16:40:00Z", "finishedAt": "2025-02-11T16:50:30Z"}})
    elif fault == "probe":
        status.update(ready=False, restartCount=5, lastState={"terminated": {"exitCode": 137, "reason": "Error", "startedAt": "2025-02-11T16:45:00Z", "finishedAt": "2025-02-11T16:49:00Z"}})
    return status

pod_items, event_items, svc_items, rs_items = {}, {}, {}, {}
logs = []
for ns, ds in by_ns.items():
    for d in ds:
        app = f"svc-{d:04d}"
        fault = FAULTS.get(d) if ns == "team-00" else None
        tmpl = h(app, "tmpl")
        rs = f"{app}-{tmpl}"
        image = f"{app}:v2.0-missing" if fault == "image" else f"{app}:1.4.{d % 7}"
        limit = "64Mi" if fault == "oom" else "512Mi"
        probe_port = 8080 if fault == "probe" else 3000
        rs_items.setdefault(ns, []).append({
            "apiVersion": "apps/v1", "kind": "ReplicaSet",
            "metadata": {"name": rs, "namespace": ns, "uid": uid(ns, rs), "creationTimestamp": t0,
                         "labels": {"app": app, "pod-template-hash": tmpl},
                         "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": app, "controller": True, "blockOwnerDeletion": True, "uid": uid(ns, app)}]},
            "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": app, "pod-template-hash": tmpl}}},
            "status": {"replicas": replicas, "observedGeneration": 1}})
        selector = {"app": app + "-gateway"} if fault == "selector" else {"app": app}
        svc_items.setdefault(ns, []).append({
            "apiVersion": "v1", "kind": "Service",
            "metadata": {"name": app, "namespace": ns, "uid": uid(ns, "svc", app), "creationTimestamp": t0},
            "spec": {"type": "LoadBalancer" if d % 100 == 4 or fault == "selector" else "ClusterIP",
                     "clusterIP": f"10.43.{d // 250}.{d % 250}", "selector": selector,
                     "ports": [{"name": "http", "port": 80, "protocol": "TCP", "targetPort": 3000}]}})
        for r in range(replicas):
            pod = f"{rs}-{h(app, r, n=5)}"
            ready = fault not in ("crash", "image", "probe")
            env = [{"name": "PORT", "value": "3000"}, {"name": "LOG_LEVEL", "value": "info"}]
            pod_items.setdefault(ns, []).append({
                "apiVersion": "v1", "kind": "Pod",
                "metadata": {"name": pod, "namespace": ns, "uid": uid(ns, pod), "creationTimestamp": t0,
                             "generateName": rs + "-", "labels": {"app": app, "pod-template-hash": tmpl},
                             "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": rs, "controller": True, "blockOwnerDeletion": True, "uid": uid(ns, rs)}]},
                "spec": {"containers": [{
                    "name": app, "image": image, "imagePullPolicy": "IfNotPresent", "env": env,
                    "ports": [{"containerPort": 3000, "name": "http", "protocol": "TCP"}],
                    "livenessProbe": {"httpGet": {"path": "/health", "port": probe_port, "scheme": "HTTP"}, "periodSeconds": 10, "failureThreshold": 3, "timeoutSeconds": 1},
                    "readinessProbe": {"httpGet": {"path": "/ready", "port": 3000, "scheme": "HTTP"}, "periodSeconds": 5},
                    "resources": {"limits": {"cpu": "500m", "memory": limit}, "requests": {"cpu": "100m", "memory": "64Mi"}}}],
                    "nodeName": f"node-{d % 50:02d}", "restartPolicy": "Always", "serviceAccountName": "default"},
                "status": {"phase": "Running", "podIP": f"10.42.{d % 250}.{r + 10}", "startTime": t0,
                           "conditions": [{"type": "Ready", "status": "True" if ready else "False", "lastTransitionTime": t0},
                                          {"type": "PodScheduled", "status": "True", "lastTransitionTime": t0}],
                           "containerStatuses": [container_status(app, fault, image, 0)]}})
            evs = [("Normal", "Scheduled", f"Successfully assigned {ns}/{pod} to node-{d % 50:02d}", "default-scheduler", None),
                   ("Normal", "Pulling", f'Pulling image "{image}"', "kubelet", "spec.containers{%s}" % app),
                   ("Normal", "Pulled", f'Successfully pulled image "{image}" in 1.2s', "kubelet", "spec.containers{%s}" % app),
                   ("Normal", "Created", f"Created container {app}", "kubelet", "spec.containers{%s}" % app),
                   ("Normal", "Started", f"Started container {app}", "kubelet", "spec.containers{%s}" % app),
                   ("Warning", "Unhealthy", "Readiness probe failed: Get \"http://10.42.0.1:3000/ready\": dial tcp 10.42.0.1:3000: connect: connection refused", "kubelet", "spec.containers{%s}" % app),
                   ("Normal", "Killing", f"Stopping container {app}", "kubelet", "spec.containers{%s}" % app)]
            if fault == "crash":
                evs.append(("Warning", "BackOff", f"Back-off restarting failed container {app} in pod {pod}", "kubelet", "spec.containers{%s}" % app))
            if fault == "image":
                evs.append(("Warning", "Failed", f'Failed to pull image "{image}": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/{image}": not found', "kubelet", "spec.containers{%s}" % app))
            if fault == "probe":
                evs.append(("Warning", "Unhealthy", "Liveness probe failed: Get \"http://10.42.0.1:8080/health\": dial tcp 10.42.0.1:8080: connect: connection refused", "kubelet", "spec.containers{%s}" % app))
                evs.append(("Normal", "Killing", f"Container {app} failed liveness probe, will be restarted", "kubelet", "spec.containers{%s}" % app))
            while len(evs) < per_pod:
                evs.append(("Normal", "Pulled", f'Container image "{image}" already present on machine', "kubelet", "spec.containers{%s}" % app))
            for i, (typ, reason, msg, comp, field) in enumerate(evs[:per_pod] if not fault else evs):
                obj = {"apiVersion": "v1", "kind": "Pod", "name": pod, "namespace": ns, "uid": uid(ns, pod)}
                if field:
                    obj["fieldPath"] = field
                event_items.setdefault(ns, []).append({
                    "apiVersion": "v1", "kind": "Event", "count": 12 if i >= 7 else 1,
                    "firstTimestamp": "2025-02-11T16:01:%02dZ" % i, "lastTimestamp": "2025-02-11T16:%02d:%02dZ" % (1 + i * 5 % 50, i),
                    "involvedObject": obj, "message": msg, "reason": reason, "type": typ,
                    "metadata": {"name": f"{pod}.{h(pod, i, n=16)}", "namespace": ns, "uid": uid(pod, "ev", i), "creationTimestamp": t0},
                    "source": {"component": comp}, "reportingComponent": comp})
            lines = [f"{{\"level\":\"info\",\"time\":\"2025-02-11T16:0{k % 10}:00Z\",\"msg\":\"GET /api/items 200 {k % 40 + 3}ms\"}}" for k in range(20)]
            if fault == "crash":
                lines = ["> node server.js", "FATAL: DATABASE_URL environment variable is required"]
            logs.append((ns, pod, app, lines))

for ns in by_ns:
    os.makedirs(os.path.join(out, ns), exist_ok=True)
    for name, kind, items in (("pods.json", "PodList", pod_items), ("events.json", "EventList", event_items),
                              ("services.json", "ServiceList", svc_items), ("replicasets.json", "ReplicaSetList", rs_items)):
        with open(os.path.join(out, ns, name), "w") as f:
            json.dump({"kind": kind, "apiVersion": "v1", "metadata": {"resourceVersion": "1"}, "items": items.get(ns, [])}, f, indent=4)
for ns, pod, container, lines in logs:
    d = os.path.join(out, ns, pod)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "logs.txt"), "w") as f:
        f.write(f"==== START logs for container {container} of pod {ns}/{pod} ====\n")
        f.write("\n".join(lines) + "\n")
        f.write(f"==== END logs for container {container} of pod {ns}/{pod} ====\n")
total_pods = sum(len(v) for v in pod_items.values())
total_events = sum(len(v) for v in event_items.values())
print(f"generated {total_pods} pods, {total_events} events in {len(by_ns)} namespaces", file=sys.stderr)
EOF

du -sh "$dir/dump" | awk '{print "dump size: " $1}'
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
/usr/bin/time -f "wall %e s, CPU %U s user + %S s system, peak RSS %M KiB" -o "$dir/time" \
  "$here/bin/rootcause" diagnose --dump "$dir/dump" --as-of 2025-02-11T16:52:00Z --fail-on none \
  > "$dir/report.txt" 2> "$dir/err.txt" || status=$?
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$status" -ne 0 ]; then
  echo "diagnose exited $status:" >&2
  cat "$dir/err.txt" >&2
  exit "$status"
fi
head -n 6 "$dir/report.txt"
tail -n 1 "$dir/report.txt"
cat "$dir/time"
