"""Writes the fixtures of diagnose's runtime rules from seed 002's kubectl output:
python3 make-diagnose-fixtures.py (PyYAML needed; run ../../verify/make-fixtures.py first)."""
import sys
sys.dont_write_bytecode = True  # no __pycache__ among the fixtures
from diagnose_fixtures import *

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
