"""Writes the fixtures of diagnose's runtime rules from seed 002's kubectl output:
python3 make-diagnose-fixtures.py (PyYAML needed; run ../../verify/make-fixtures.py first)."""
import copy, os, re, shutil, yaml

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = os.path.join(HERE, "../../diagnose/seed-002-broken")
NS = "production"
load = lambda f: yaml.safe_load(open(os.path.join(SEED, f)))["items"]
PODS, EVENTS, SERVICES, ENDPOINTS = load("pods.yaml"), load("events.yaml"), load("services.yaml"), load("endpoints.yaml")
RS = load("replicasets.yaml")

def app(o):
    return (o.get("metadata", {}).get("labels") or {}).get("app") or o["metadata"]["name"]
def pods_of(name): return [copy.deepcopy(p) for p in PODS if app(p) == name]
def events_of(pod_name): return [copy.deepcopy(e) for e in EVENTS if e["involvedObject"]["name"] == pod_name]

def deployment(pod, marker_field=None, marker=None):
    """kubectl get deploy -o yaml of the pod's owner, with a marker before a template field."""
    name = app(pod)
    spec = copy.deepcopy(pod["spec"])
    for k in ["nodeName", "preemptionPolicy", "priority", "serviceAccount", "tolerations", "volumes", "enableServiceLinks"]:
        spec.pop(k, None)
    for c in spec["containers"]:
        c.pop("volumeMounts", None)
    d = {"apiVersion": "apps/v1", "kind": "Deployment",
         "metadata": {"annotations": {"deployment.kubernetes.io/revision": "1"}, "creationTimestamp": pod["metadata"]["creationTimestamp"],
                      "generation": 1, "labels": {"app": name}, "name": name, "namespace": NS, "resourceVersion": "1523",
                      "uid": "0f7c2d1e-5a4b-4c3d-9e8f-" + format(abs(hash(name)) % 10**12, "012d")},
         "spec": {"progressDeadlineSeconds": 600, "replicas": 1, "revisionHistoryLimit": 10,
                  "selector": {"matchLabels": {"app": name}},
                  "strategy": {"rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}, "type": "RollingUpdate"},
                  "template": {"metadata": {"creationTimestamp": None, "labels": {"app": name}}, "spec": spec}},
         "status": {"observedGeneration": 1, "replicas": 1, "unavailableReplicas": 1, "updatedReplicas": 1}}
    return d

def dump(doc):
    text = yaml.safe_dump(doc, sort_keys=True, default_flow_style=False)
    return re.sub(r"(:|-) '([^'\n]*)'$", r'\1 "\2"', text, flags=re.M)

def mark(text, after_line_re, target_re, marker):
    """Puts '# expect: ...' before the first line matching target_re after after_line_re."""
    lines = text.split("\n")
    start = next(i for i, l in enumerate(lines) if re.search(after_line_re, l))
    for i in range(start, len(lines)):
        if re.search(target_re, lines[i]):
            indent = re.match(r"\s*(- )?", lines[i]).group(0).replace("- ", "  ")
            lines.insert(i, indent + "# expect: " + marker)
            return "\n".join(lines)
    raise SystemExit("no target " + target_re)

def lst(items): return {"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}}

def case(rule, polarity, name, asof, files, logs=None, note=""):
    d = os.path.join(HERE, rule.split("/", 1)[1], polarity, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    with open(d + "/cluster.properties", "w") as f:
        f.write(f"# What diagnose was asked of this dump{note}.\nnamespace={NS}\nasOf={asof}\n")
    for fname, text in files.items():
        with open(os.path.join(d, fname), "w") as f:
            f.write(text if text.endswith("\n") else text + "\n")
    for (pod, container), lines in (logs or {}).items():
        os.makedirs(f"{d}/{NS}/{pod}", exist_ok=True)
        with open(f"{d}/{NS}/{pod}/logs.txt", "w") as f:
            f.write(f"==== START logs for container {container} of pod {NS}/{pod} ====\n")
            f.write("".join(l + "\n" for l in lines))
            f.write(f"==== END logs for container {container} of pod {NS}/{pod} ====\n")

T = "2025-02-11T16:52:00Z"
def container_marker(name, rule, fragment, suffix=""):
    return lambda text: mark(text, r"^\s+template:", r"^\s+(- )?name: " + re.escape(name) + "$" if not suffix else suffix, f'{rule} "{fragment}"')

# crash-loop-back-off ------------------------------------------------------------------------
R = "runtime/crash-loop-back-off"
db = pods_of("database-service")[0]
dbn = db["metadata"]["name"]
def crash_case(polarity, name, pod, log, fragment=None, extra_events=()):
    files = {"pods.yaml": dump(lst([pod])), "events.yaml": dump(lst(events_of(pod["metadata"]["name"]) + list(extra_events)))}
    dep = dump(lst([deployment(pod)]))
    if fragment:
        dep = mark(dep, r"^\s+template:", r"^\s+(- )?name: " + re.escape(app(pod)) + "$", f'{R} "{fragment}"')
    files["deployment.yaml"] = dep
    case(R, polarity, name, T, files, {(pod["metadata"]["name"], app(pod)): log})
crash_case("positive", "missing-env-var", db, ["FATAL: DB_NAME environment variable is required"],
           "a required environment variable is not set (DB_NAME)")
crash_case("positive", "dependency-not-resolvable", db, [
    "2025-02-11T16:51:44.902Z info database-service connecting to postgres://app@postgres:5432/cloudmart",
    "Error: getaddrinfo ENOTFOUND postgres",
    "    at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:107:26) {",
    "  errno: -3008,", "  code: 'ENOTFOUND',", "  syscall: 'getaddrinfo',", "  hostname: 'postgres'", "}",
    "", "Node.js v18.19.0"], "a dependency's host name does not resolve (postgres)")
py = copy.deepcopy(db)
py["status"]["containerStatuses"][0]["lastState"]["terminated"]["exitCode"] = 1
crash_case("positive", "python-module-not-found", py, [
    "Traceback (most recent call last):", '  File "/app/main.py", line 3, in <module>', "    import psycopg2",
    "ModuleNotFoundError: No module named 'psycopg2'"], "a module or package is not installed in the image (psycopg2)")
ep = copy.deepcopy(db)
ep["status"]["containerStatuses"][0]["lastState"]["terminated"].update({"exitCode": 127})
crash_case("positive", "entrypoint-not-found", ep, [], "exit code 127 is the shell's command not found")
# A container the kubelet killed for its liveness probe, waiting to start again: the probe rule's.
live = copy.deepcopy(db)
live_events = [dict(copy.deepcopy(e), involvedObject=dict(e["involvedObject"], name=dbn, fieldPath="spec.containers{database-service}")) for e in EVENTS
               if e["reason"] == "Killing" and "liveness" in e["message"]]
for e in live_events:
    e["message"] = "Container database-service failed liveness probe, will be restarted"
live["status"]["containerStatuses"][0]["lastState"]["terminated"].update({"exitCode": 137, "reason": "Error"})
crash_case("negative", "restarted-by-its-liveness-probe", live, ["2025-02-11T16:51:44.902Z info database-service ready db=cloudmart"],
           extra_events=live_events)
job = copy.deepcopy(db)
job["metadata"].update({"name": "db-migrate-28f9k", "labels": {"job-name": "db-migrate"},
    "ownerReferences": [{"apiVersion": "batch/v1", "blockOwnerDeletion": True, "controller": True, "kind": "Job", "name": "db-migrate", "uid": "5d0b1c7e-2f64-4a3b-9c8d-7e6f5a4b3c2d"}]})
job["spec"]["restartPolicy"] = "Never"
job["status"]["phase"] = "Succeeded"
job["status"]["containerStatuses"][0].update({"restartCount": 0, "lastState": {},
    "state": {"terminated": {"exitCode": 0, "reason": "Completed", "startedAt": "2025-02-11T16:50:00Z", "finishedAt": "2025-02-11T16:50:09Z", "containerID": "containerd://4f1e"}}})
case(R, "negative", "completed-job-pod", T, {"pods.yaml": dump(lst([job]))},
     {("db-migrate-28f9k", "database-service"): ["2025-02-11T16:50:08.101Z info applied 3 migrations"]})

# image-pull-back-off ------------------------------------------------------------------------
R = "runtime/image-pull-back-off"
nt = pods_of("notification-service")[0]
def pull_case(polarity, name, pod, events, fragment=None, policy=None):
    dep = deployment(pod)
    if policy:
        dep["spec"]["template"]["spec"]["containers"][0]["imagePullPolicy"] = policy
        pod["spec"]["containers"][0]["imagePullPolicy"] = policy
    text = dump(lst([dep]))
    if fragment:
        text = mark(text, r"^\s+template:", r"^\s+(- )?image: ", f'{R} "{fragment}"')
    case(R, polarity, name, T, {"pods.yaml": dump(lst([pod])), "events.yaml": dump(lst(events)), "deployment.yaml": text})
pull_case("positive", "tag-not-found", copy.deepcopy(nt), events_of(nt["metadata"]["name"]),
          "ImagePullBackOff on notification-service:v2.0: the registry has no such repository or tag")
pull_case("positive", "local-image-pulled-always", copy.deepcopy(nt), events_of(nt["metadata"]["name"]),
          "imagePullPolicy Always pulls it from Docker Hub", policy="Always")
priv = copy.deepcopy(nt)
image = "registry.gitlab.com/cloudmart/notification-service:v2.0"
priv["spec"]["containers"][0]["image"] = image
priv["status"]["containerStatuses"][0].update({"image": image, "state": {"waiting": {"reason": "ImagePullBackOff", "message": f'Back-off pulling image "{image}"'}}})
ev = [e for e in events_of(nt["metadata"]["name"]) if e["reason"] in ("Pulling", "Failed", "BackOff")]
for e in ev:
    e["message"] = e["message"].replace('"notification-service:v2.0"', f'"{image}"')
    if e["message"].startswith("Failed to pull"):
        e["message"] = (f'Failed to pull image "{image}": failed to pull and unpack image "{image}": failed to resolve reference "{image}":'
                        ' failed to authorize: failed to fetch oauth token: unexpected status from GET request to https://gitlab.com/jwt/auth?scope=repository%3Acloudmart%2Fnotification-service%3Apull&service=container_registry: 401 Unauthorized')
pull_case("positive", "private-registry-without-pull-secret", priv, ev, "the registry refused the credentials; the pod has no imagePullSecrets")
# Being pulled for the first time: ContainerCreating, not a pull failure.
pulling = copy.deepcopy(nt)
pulling["status"]["containerStatuses"][0]["state"] = {"waiting": {"reason": "ContainerCreating"}}
pull_case("negative", "image-still-being-pulled", pulling, [e for e in events_of(nt["metadata"]["name"]) if e["reason"] == "Pulling"][:1])

# oom-killed ---------------------------------------------------------------------------------
R = "runtime/oom-killed"
au = pods_of("auth-service")[0]
text = mark(dump(lst([deployment(au)])), r"^\s+template:", r"^\s+memory: 64Mi", f'{R} "auth-service OOMKilled (exit code 137, 3 restarts"')
text = text.replace("# expect:", "# expect:", 1)
case(R, "positive", "repeated-kills-under-load", T, {"pods.yaml": dump(lst([au])), "deployment.yaml": text})
# One kill 20 minutes before, running since: reported low, still at the limit's line.
once = copy.deepcopy(au)
once["status"]["containerStatuses"][0].update({"restartCount": 1})
once["status"]["containerStatuses"][0]["lastState"]["terminated"].update({"finishedAt": "2025-02-11T16:31:40Z", "startedAt": "2025-02-11T16:20:02Z"})
once["status"]["containerStatuses"][0]["state"] = {"running": {"startedAt": "2025-02-11T16:31:41Z"}}
text = mark(dump(lst([deployment(once)])), r"^\s+template:", r"^\s+memory: 64Mi", f'{R} "1 restart, last killed at 2025-02-11T16:31:40Z, running again"')
case(R, "positive", "one-kill-long-ago-is-low", T, {"pods.yaml": dump(lst([once])), "deployment.yaml": text})
err = copy.deepcopy(au)
err["status"]["containerStatuses"][0]["lastState"]["terminated"].update({"reason": "Error", "exitCode": 1})
case(R, "negative", "exited-with-an-error-not-oom", T, {"pods.yaml": dump(lst([err])), "deployment.yaml": dump(lst([deployment(err)]))})

# probe-failing ------------------------------------------------------------------------------
R = "runtime/probe-failing"
api = pods_of("api-service")[0]
text = mark(dump(lst([deployment(api)])), r"^\s+template:", r"^\s+livenessProbe:", f'{R} "liveness probe fails 15 times: connection refused on port 8080, the container declares [3000]"')
case(R, "positive", "liveness-on-a-port-nothing-listens-on", T,
     {"pods.yaml": dump(lst([api])), "events.yaml": dump(lst(events_of(api["metadata"]["name"]))), "deployment.yaml": text})
ready404 = copy.deepcopy(api)
ready404["status"]["containerStatuses"][0].update({"restartCount": 0, "lastState": {}})
ready404["spec"]["containers"][0]["readinessProbe"] = {"failureThreshold": 3, "httpGet": {"path": "/health", "port": 3000, "scheme": "HTTP"},
    "initialDelaySeconds": 5, "periodSeconds": 5, "successThreshold": 1, "timeoutSeconds": 1}
ev = [e for e in events_of(api["metadata"]["name"]) if e["reason"] == "Unhealthy" and e["message"].startswith("Readiness")]
for e in ev:
    e.update({"count": 42, "message": "Readiness probe failed: HTTP probe failed with statuscode: 404", "lastTimestamp": "2025-02-11T16:51:58Z"})
text = mark(dump(lst([deployment(ready404)])), r"^\s+template:", r"^\s+readinessProbe:", f'{R} "readiness probe fails 42 times: GET /health answers 404, the pod is not Ready"')
case(R, "positive", "readiness-path-answers-404", T, {"pods.yaml": dump(lst([ready404])), "events.yaml": dump(lst(ev)), "deployment.yaml": text})
# One readiness failure while the pod starts, Ready since: normal.
ok = copy.deepcopy(pods_of("order-service")[0])
start_ev = copy.deepcopy(ev[0])
start_ev.update({"count": 1, "message": 'Readiness probe failed: Get "http://10.42.0.16:3002/health": dial tcp 10.42.0.16:3002: connect: connection refused',
                 "firstTimestamp": "2025-02-11T16:47:13Z", "lastTimestamp": "2025-02-11T16:47:13Z"})
start_ev["involvedObject"].update({"name": ok["metadata"]["name"], "fieldPath": "spec.containers{order-service}"})
case(R, "negative", "one-readiness-failure-during-start-up", T, {"pods.yaml": dump(lst([ok])), "events.yaml": dump(lst([start_ev])), "deployment.yaml": dump(lst([deployment(ok)]))})
# A rollout stops the old pod: Killing, but not for a probe.
kill = copy.deepcopy(start_ev)
kill.update({"reason": "Killing", "type": "Normal", "message": "Stopping container order-service"})
case(R, "negative", "killing-during-a-rollout", T, {"pods.yaml": dump(lst([ok])), "events.yaml": dump(lst([kill]))})

# service-without-endpoints ------------------------------------------------------------------
R = "runtime/service-without-endpoints"
svc = {s["metadata"]["name"]: s for s in SERVICES}
eps = {e["metadata"]["name"]: e for e in ENDPOINTS}
gw = pods_of("gateway")[0]
text = mark(dump(lst([svc["gateway"]])), r"^\s+spec:", r"^\s+selector:", f'{R} "Service gateway (LoadBalancer) has no endpoints: its selector app=nginx-gateway matches no pod; the pods carry app=gateway"')
case(R, "positive", "selector-matches-no-pod", T, {"pods.yaml": dump(lst([gw])), "services.yaml": text, "endpoints.yaml": dump(lst([eps["gateway"]]))})
text = mark(dump(lst([svc["database-service"]])), r"^\s+spec:", r"^\s+selector:", f'{R} "the 1 pod(s) its selector matches are not Ready: {dbn} (database-service CrashLoopBackOff)"')
case(R, "positive", "pods-exist-but-not-ready", T, {"pods.yaml": dump(lst([db])), "services.yaml": text, "endpoints.yaml": dump(lst([eps["database-service"]]))})
# cluster-info dump holds no Endpoints: the Ready pods it selects are its endpoints.
case(R, "negative", "ready-pods-without-an-endpoints-object", T, {"pods.yaml": dump(lst([ok])), "services.yaml": dump(lst([svc["order-service"]]))})
# A Service without a selector: its endpoints are managed by hand (an external database).
ext = copy.deepcopy(svc["database-service"])
ext["metadata"]["name"] = "legacy-db"
del ext["spec"]["selector"]
case(R, "negative", "service-without-selector", T, {"pods.yaml": dump(lst([ok])), "services.yaml": dump(lst([ext]))})
# A pod created two seconds before the dump, still starting, beside a Ready one.
young = copy.deepcopy(ok)
young["metadata"].update({"name": "order-service-84c9b7f6d5-w7kqz", "creationTimestamp": "2025-02-11T16:51:58Z"})
young["status"]["phase"] = "Pending"
young["status"]["containerStatuses"][0].update({"ready": False, "started": False, "state": {"waiting": {"reason": "ContainerCreating"}}})
case(R, "negative", "pod-pending-for-two-seconds", T, {"pods.yaml": dump(lst([ok, young])), "services.yaml": dump(lst([svc["order-service"]]))})
print("ok")
