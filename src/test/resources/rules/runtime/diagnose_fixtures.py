"""What the scripts writing diagnose's runtime rule fixtures share: seed 002's kubectl output,
kubectl-shaped objects, YAML written as kubectl writes it, and expect: markers."""

import copy, os, re, shutil, yaml, zlib

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
                      "uid": "0f7c2d1e-5a4b-4c3d-9e8f-" + format(zlib.crc32(name.encode()) % 10**12, "012d")},
         "spec": {"progressDeadlineSeconds": 600, "replicas": 1, "revisionHistoryLimit": 10,
                  "selector": {"matchLabels": {"app": name}},
                  "strategy": {"rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}, "type": "RollingUpdate"},
                  "template": {"metadata": {"creationTimestamp": None, "labels": {"app": name}}, "spec": spec}},
         "status": {"observedGeneration": 1, "replicas": 1, "unavailableReplicas": 1, "updatedReplicas": 1}}
    return d

def dump(doc):
    text = yaml.safe_dump(doc, sort_keys=True, default_flow_style=False)
    return re.sub(r"(:|-) '([^'\n\"]*)'$", r'\1 "\2"', text, flags=re.M)

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


# ---- whole cluster states, in both layouts kubectl writes ------------------------------------
import json

LIST_KINDS = {"pods": "PodList", "events": "EventList", "services": "ServiceList", "deployments": "DeploymentList",
              "replicasets": "ReplicaSetList", "daemonsets": "DaemonSetList", "replicationcontrollers": "ReplicationcontrollersList"}
# What `kubectl cluster-info dump --output-directory` writes per namespace; everything else a team reads
# with `kubectl get` beside it.
DUMPED = list(LIST_KINDS)

def write_logs(d, logs):
    """<namespace>/<pod>/logs.txt with a section per container, as cluster-info dump writes them."""
    by_pod = {}
    for (ns, pod, container), lines in logs.items():
        by_pod.setdefault((ns, pod), []).append((container, lines))
    for (ns, pod), sections in by_pod.items():
        os.makedirs(f"{d}/{ns}/{pod}", exist_ok=True)
        with open(f"{d}/{ns}/{pod}/logs.txt", "w") as f:
            for container, lines in sections:
                f.write(f"==== START logs for container {container} of pod {ns}/{pod} ====\n")
                f.write("".join(l + "\n" for l in lines))
                f.write(f"==== END logs for container {container} of pod {ns}/{pod} ====\n")

def write_get_yaml(d, objects, logs):
    """One `kubectl get <kind> -o yaml > <kind>.yaml` file a kind, and the pods' logs."""
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    for kind, items in objects.items():
        if items:
            with open(f"{d}/{kind}.yaml", "w") as f:
                f.write(dump(lst(items)))
    write_logs(d, logs)

def write_cluster_info_dump(d, ns, objects, logs, resource_version="48211"):
    """`kubectl cluster-info dump --namespaces NS --output-directory D`: nodes.json, per namespace the
    lists kubectl dumps (items without kind and apiVersion, four-space JSON) and the logs."""
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(f"{d}/{ns}")
    def write(path, kind, items, keep_kinds=False):
        # kubectl names each list by its group's version (apps/v1 for a DeploymentList).
        version = "apps/v1" if kind in ("DeploymentList", "ReplicaSetList", "DaemonSetList", "StatefulSetList") else "v1"
        if keep_kinds:
            kind = "List"  # `kubectl get -o json` of one kind: a List whose items keep their kind
        else:
            items = [{k: v for k, v in copy.deepcopy(o).items() if k not in ("apiVersion", "kind")} for o in items]
        with open(path, "w") as f:
            f.write(json.dumps({"kind": kind, "apiVersion": version if not keep_kinds else "v1", "metadata": {"resourceVersion": resource_version}, "items": items}, indent=4) + "\n")
    write(f"{d}/nodes.json", "NodeList", objects.get("nodes", []))
    for kind in DUMPED:
        write(f"{d}/{ns}/{kind}.json", LIST_KINDS[kind], objects.get(kind, []))
    # HPAs and NetworkPolicies it does not dump: a team adds them as `kubectl get hpa -o json` beside
    # pods.json, in the file names --save-dump writes. Endpoints stay out: the reader derives them.
    for kind, list_kind in (("horizontalpodautoscalers", "HorizontalPodAutoscalerList"), ("networkpolicies", "NetworkPolicyList")):
        if objects.get(kind):
            write(f"{d}/{ns}/{kind}.json", list_kind, objects[kind], keep_kinds=True)
    write_logs(d, logs)
