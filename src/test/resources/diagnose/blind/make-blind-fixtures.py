"""Writes the blind set of diagnose: cluster states as other teams' clusters look (their runtimes,
log libraries and kubectl habits), not our examples'. python3 make-blind-fixtures.py (PyYAML).
Each state's EXPECTED.md is written by hand beside what this writes; this only builds the objects
and logs, in the layout that state's team used."""
import copy, json, os, shutil, sys, zlib
import yaml

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
ASOF = "2025-06-03T14:20:00Z"


def uid(*parts):
    h = zlib.crc32("/".join(parts).encode())
    g = zlib.crc32("/".join(reversed(parts)).encode())
    return "%08x-%04x-4%03x-9%03x-%012x" % (h, g % 65536, h % 4096, g % 4096, (h << 16 | g) % 16**12)


def meta(kind, ns, name, created, labels=None, owner=None):
    m = {"creationTimestamp": created, "name": name, "namespace": ns, "resourceVersion": str(40000 + zlib.crc32(name.encode()) % 9000),
         "uid": uid(kind, ns, name)}
    if labels:
        m["labels"] = dict(labels)
    if owner:
        okind, oname, oapi = owner
        m["ownerReferences"] = [{"apiVersion": oapi, "blockOwnerDeletion": True, "controller": True, "kind": okind, "name": oname,
                                 "uid": uid(okind, ns, oname)}]
    return m


def container(name, image, port=None, env=None, limits=None, requests=None, readiness=None, liveness=None, env_from=None):
    c = {"image": image, "imagePullPolicy": "IfNotPresent", "name": name, "resources": {},
         "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File"}
    if port:
        c["ports"] = [{"containerPort": port, "name": "http", "protocol": "TCP"}]
    if env:
        c["env"] = [dict({"name": k}, **({"value": v} if isinstance(v, str) else {"valueFrom": v})) for k, v in env.items()]
    if env_from:
        c["envFrom"] = env_from
    if limits:
        c["resources"]["limits"] = limits
    if requests:
        c["resources"]["requests"] = requests
    for kind, probe in (("readinessProbe", readiness), ("livenessProbe", liveness)):
        if probe:
            path, p = probe
            c[kind] = {"failureThreshold": 3, "periodSeconds": 10, "successThreshold": 1, "timeoutSeconds": 1,
                       "httpGet": {"path": path, "port": p, "scheme": "HTTP"}}
    return c


def running(started, ready=True, restarts=0, last=None):
    return {"state": {"running": {"startedAt": started}}, "ready": ready, "started": True, "restartCount": restarts,
            "lastState": last or {}}


def crashing(restarts, exit_code, finished, reason="Error", name=None):
    return {"state": {"waiting": {"reason": "CrashLoopBackOff",
                                  "message": f"back-off 5m0s restarting failed container={name} pod=POD"}},
            "ready": False, "started": False, "restartCount": restarts,
            "lastState": {"terminated": {"exitCode": exit_code, "reason": reason, "startedAt": at(finished, -2),
                                         "finishedAt": finished, "containerID": "containerd://" + "%064x" % zlib.crc32(finished.encode())}}}


def waiting(reason, message):
    return {"state": {"waiting": {"reason": reason, "message": message}}, "ready": False, "started": False, "restartCount": 0,
            "lastState": {}}


def terminated(exit_code, reason, started, finished):
    return {"state": {"terminated": {"exitCode": exit_code, "reason": reason, "startedAt": started, "finishedAt": finished,
                                     "containerID": "containerd://" + "%064x" % zlib.crc32((started + reason).encode())}},
            "ready": False, "started": False, "restartCount": 0, "lastState": {}}


def at(iso, seconds):
    from datetime import datetime, timedelta
    t = datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ") + timedelta(seconds=seconds)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


class Cluster:
    def __init__(self, node, node_ip, arch="amd64"):
        self.node, self.node_ip = node, node_ip
        self.objects, self.events, self.logs = [], [], {}
        self.nodes = [{"apiVersion": "v1", "kind": "Node",
                       "metadata": {"creationTimestamp": "2025-04-01T08:00:00Z", "name": node, "resourceVersion": "39001", "uid": uid("Node", node),
                                    "labels": {"beta.kubernetes.io/arch": arch, "beta.kubernetes.io/os": "linux", "kubernetes.io/arch": arch,
                                               "kubernetes.io/hostname": node, "kubernetes.io/os": "linux"}},
                       "spec": {"podCIDR": "10.244.1.0/24"},
                       "status": {"addresses": [{"address": node_ip, "type": "InternalIP"}, {"address": node, "type": "Hostname"}],
                                  "allocatable": {"cpu": "4", "ephemeral-storage": "95551679124", "memory": "16100516Ki", "pods": "110"},
                                  "capacity": {"cpu": "4", "ephemeral-storage": "103677120Ki", "memory": "16202916Ki", "pods": "110"},
                                  "conditions": [{"lastHeartbeatTime": at(ASOF, -40), "lastTransitionTime": "2025-04-01T08:00:30Z",
                                                  "message": "kubelet is posting ready status", "reason": "KubeletReady", "status": "True", "type": "Ready"}],
                                  "nodeInfo": {"architecture": arch, "containerRuntimeVersion": "containerd://1.7.15", "kernelVersion": "6.1.0-21-cloud-amd64",
                                               "kubeProxyVersion": "v1.29.4", "kubeletVersion": "v1.29.4", "operatingSystem": "linux",
                                               "osImage": "Ubuntu 22.04.4 LTS"}}}]

    def pod(self, ns, name, labels, containers, statuses, owner, created, ip, phase=None, restart="Always"):
        suffix = name.rsplit("-", 1)[1]
        spec = {"containers": copy.deepcopy(containers), "dnsPolicy": "ClusterFirst", "enableServiceLinks": True, "nodeName": self.node,
                "preemptionPolicy": "PreemptLowerPriority", "priority": 0, "restartPolicy": restart, "schedulerName": "default-scheduler",
                "securityContext": {}, "serviceAccount": "default", "serviceAccountName": "default", "terminationGracePeriodSeconds": 30,
                "tolerations": [{"effect": "NoExecute", "key": k, "operator": "Exists", "tolerationSeconds": 300}
                                for k in ("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable")],
                "volumes": [{"name": "kube-api-access-" + suffix, "projected": {"defaultMode": 420, "sources": [
                    {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                    {"configMap": {"items": [{"key": "ca.crt", "path": "ca.crt"}], "name": "kube-root-ca.crt"}}]}}]}
        for c in spec["containers"]:
            c["volumeMounts"] = [{"mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "name": "kube-api-access-" + suffix, "readOnly": True}]
        cs = []
        for c, s in zip(containers, statuses):
            s = copy.deepcopy(s)
            if "waiting" in s["state"] and "message" in s["state"]["waiting"]:
                s["state"]["waiting"]["message"] = s["state"]["waiting"]["message"].replace("container=None", f"container={c['name']}").replace(
                    "pod=POD", f"pod={name}_{ns}({uid('Pod', ns, name)})")
            image = c["image"] if "/" in c["image"].split(":")[0] else "docker.io/library/" + c["image"]
            s.update({"name": c["name"], "image": image})
            if "running" in s["state"] or "terminated" in s["state"] or s["lastState"]:
                s["imageID"] = image.split(":")[0] + "@sha256:%064x" % zlib.crc32(image.encode())
                s["containerID"] = "containerd://%064x" % zlib.crc32((name + c["name"]).encode())
            cs.append(dict(sorted(s.items())))
        ready = all(s["ready"] for s in statuses)
        done = phase in ("Succeeded", "Failed")
        phase = phase or ("Running" if any("running" in s["state"] for s in statuses) or any(s["lastState"] for s in statuses) else "Pending")
        why = {"reason": "PodCompleted"} if done else {} if ready else {
            "reason": "ContainersNotReady", "message": "containers with unready status: [" + " ".join(
                c["name"] for c, s in zip(containers, statuses) if not s["ready"]) + "]"}

        def cond(t, ok, extra=None):
            return dict({"lastProbeTime": None, "lastTransitionTime": created, "status": "True" if ok else "False", "type": t}, **(extra or {}))
        p = {"apiVersion": "v1", "kind": "Pod",
             "metadata": dict(meta("Pod", ns, name, created, labels, owner), generateName=name[:name.rindex("-") + 1]),
             "spec": spec,
             "status": {"conditions": [cond("PodReadyToStartContainers", not done), cond("Initialized", True),
                                       cond("Ready", ready and not done, why), cond("ContainersReady", ready and not done, why),
                                       cond("PodScheduled", True)],
                        "containerStatuses": cs, "hostIP": self.node_ip, "hostIPs": [{"ip": self.node_ip}], "phase": phase,
                        "podIP": ip, "podIPs": [{"ip": ip}], "qosClass": "Burstable", "startTime": created}}
        self.objects.append(p)
        return p

    def deployment(self, ns, name, labels, containers, pods, created, rs_hash, replicas=None, extra_labels=None):
        """A Deployment, its ReplicaSet, its pods (statuses, ips) and their creation events."""
        replicas = replicas if replicas is not None else len(pods)
        rs = f"{name}-{rs_hash}"
        made = []
        for sfx, statuses, ip in pods:
            p = self.pod(ns, f"{rs}-{sfx}", dict(extra_labels or labels, **{"pod-template-hash": rs_hash}), containers, statuses,
                         ("ReplicaSet", rs, "apps/v1"), created, ip)
            made.append(p)
            self.event(ns, "ReplicaSet", rs, "SuccessfulCreate", f"Created pod: {rs}-{sfx}", created, typ="Normal",
                       component="replicaset-controller", api="apps/v1")
            self.event(ns, "Pod", f"{rs}-{sfx}", "Scheduled", f"Successfully assigned {ns}/{rs}-{sfx} to {self.node}", created,
                       typ="Normal", component="default-scheduler")
        ready = sum(1 for p in made if p["status"]["conditions"][2]["status"] == "True")
        template = {"metadata": {"creationTimestamp": None, "labels": dict(extra_labels or labels)},
                    "spec": {"containers": copy.deepcopy(containers), "dnsPolicy": "ClusterFirst", "restartPolicy": "Always",
                             "schedulerName": "default-scheduler", "securityContext": {}, "terminationGracePeriodSeconds": 30}}
        status = {k: v for k, v in {"availableReplicas": ready, "observedGeneration": 1, "readyReplicas": ready, "replicas": len(made),
                                    "unavailableReplicas": len(made) - ready, "updatedReplicas": len(made)}.items() if v}
        avail = ready >= replicas
        status["conditions"] = [
            {"lastTransitionTime": created, "lastUpdateTime": created, "status": "True" if avail else "False", "type": "Available",
             "message": "Deployment has minimum availability." if avail else "Deployment does not have minimum availability.",
             "reason": "MinimumReplicasAvailable" if avail else "MinimumReplicasUnavailable"},
            {"lastTransitionTime": created, "lastUpdateTime": at(created, 5), "status": "True", "type": "Progressing",
             "message": f'ReplicaSet "{rs}" ' + ("has successfully progressed." if avail else "is progressing."),
             "reason": "NewReplicaSetAvailable" if avail else "ReplicaSetUpdated"}]
        self.objects.append({"apiVersion": "apps/v1", "kind": "Deployment",
                             "metadata": dict(meta("Deployment", ns, name, created, labels), generation=1,
                                              annotations={"deployment.kubernetes.io/revision": "1"}),
                             "spec": {"progressDeadlineSeconds": 600, "replicas": replicas, "revisionHistoryLimit": 10,
                                      "selector": {"matchLabels": dict(extra_labels or labels)},
                                      "strategy": {"rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}, "type": "RollingUpdate"},
                                      "template": template},
                             "status": status})
        rst = copy.deepcopy(template)
        rst["metadata"]["labels"]["pod-template-hash"] = rs_hash
        self.objects.append({"apiVersion": "apps/v1", "kind": "ReplicaSet",
                             "metadata": dict(meta("ReplicaSet", ns, rs, created, dict(extra_labels or labels, **{"pod-template-hash": rs_hash}),
                                                   ("Deployment", name, "apps/v1")), generation=1,
                                              annotations={"deployment.kubernetes.io/desired-replicas": str(replicas),
                                                           "deployment.kubernetes.io/max-replicas": str(replicas + 1),
                                                           "deployment.kubernetes.io/revision": "1"}),
                             "spec": {"replicas": replicas, "selector": {"matchLabels": dict(extra_labels or labels, **{"pod-template-hash": rs_hash})},
                                      "template": rst},
                             "status": dict({"observedGeneration": 1, "replicas": len(made), "fullyLabeledReplicas": len(made)},
                                            **({"readyReplicas": ready, "availableReplicas": ready} if ready else {}))})
        self.event(ns, "Deployment", name, "ScalingReplicaSet", f"Scaled up replica set {rs} to {replicas}", created, typ="Normal",
                   component="deployment-controller", api="apps/v1")
        return made

    def service(self, ns, name, selector, port, target, cluster_ip, created="2025-04-02T09:00:00Z", endpoints=True):
        self.objects.append({"apiVersion": "v1", "kind": "Service", "metadata": meta("Service", ns, name, created, {"app": name}),
                             "spec": {"clusterIP": cluster_ip, "clusterIPs": [cluster_ip], "internalTrafficPolicy": "Cluster",
                                      "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack",
                                      "ports": [{"name": "http" if port != 5432 else "postgres", "port": port, "protocol": "TCP", "targetPort": target}],
                                      "selector": selector, "sessionAffinity": "None", "type": "ClusterIP"},
                             "status": {"loadBalancer": {}}})
        if endpoints:
            pods = [o for o in self.objects if o["kind"] == "Pod" and o["metadata"]["namespace"] == ns
                    and o["status"]["phase"] == "Running" and all(o["metadata"].get("labels", {}).get(k) == v for k, v in selector.items())]
            subset, ready, unready = {}, [], []
            for p in pods:
                a = {"ip": p["status"]["podIP"], "nodeName": self.node,
                     "targetRef": {"kind": "Pod", "name": p["metadata"]["name"], "namespace": ns, "uid": p["metadata"]["uid"]}}
                (ready if p["status"]["conditions"][2]["status"] == "True" else unready).append(a)
            if ready:
                subset["addresses"] = ready
            if unready:
                subset["notReadyAddresses"] = unready
            if subset:
                subset["ports"] = [{"name": "http" if port != 5432 else "postgres", "port": target if isinstance(target, int) else port, "protocol": "TCP"}]
            ep = {"apiVersion": "v1", "kind": "Endpoints", "metadata": meta("Endpoints", ns, name, created, {"app": name})}
            if subset:
                ep["subsets"] = [subset]
            self.objects.append(ep)

    def event(self, ns, kind, name, reason, message, first, last=None, count=1, typ="Warning", field=None, component="kubelet", api="v1"):
        e = {"apiVersion": "v1", "count": count, "eventTime": None, "firstTimestamp": first, "lastTimestamp": last or first,
             "involvedObject": dict({"apiVersion": api, "kind": kind, "name": name, "namespace": ns,
                                     "resourceVersion": "41234", "uid": uid(kind, ns, name)}, **({"fieldPath": field} if field else {})),
             "kind": "Event", "message": message,
             "metadata": {"creationTimestamp": first, "name": f"{name}.{zlib.crc32((name + reason + message).encode()):016x}",
                          "namespace": ns, "resourceVersion": str(50000 + len(self.events)), "uid": uid("Event", name, reason, message)},
             "reason": reason, "reportingComponent": component, "reportingInstance": self.node if component == "kubelet" else "",
             "source": dict({"component": component}, **({"host": self.node} if component == "kubelet" else {})), "type": typ}
        self.events.append(e)

    def log(self, pod, container, lines):
        self.logs[(pod["metadata"]["namespace"], pod["metadata"]["name"], container)] = list(lines)

    # ---- layouts -----------------------------------------------------------------------------
    def write_logs(self, d):
        by_pod = {}
        for (ns, pod, c), lines in self.logs.items():
            by_pod.setdefault((ns, pod), []).append((c, lines))
        for (ns, pod), sections in by_pod.items():
            os.makedirs(f"{d}/{ns}/{pod}", exist_ok=True)
            with open(f"{d}/{ns}/{pod}/logs.txt", "w") as f:
                for c, lines in sections:
                    f.write(f"==== START logs for container {c} of pod {ns}/{pod} ====\n")
                    f.write("".join(l + "\n" for l in lines))
                    f.write(f"==== END logs for container {c} of pod {ns}/{pod} ====\n")

    def start(self, name):
        d = os.path.join(HERE, name)
        keep = os.path.join(d, "EXPECTED.md")
        expected = open(keep).read() if os.path.exists(keep) else None
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        if expected:
            open(keep, "w").write(expected)
        open(os.path.join(d, "as-of"), "w").write(ASOF + "\n")
        return d

    def write_list(self, name, files):
        """kubectl get ... -o yaml > file: each file a List of the items the filter keeps."""
        d = self.start(name)
        for file, keep in files.items():
            with open(f"{d}/{file}", "w") as f:
                f.write(yaml.safe_dump({"apiVersion": "v1", "items": [o for o in self.objects + self.events + self.nodes if keep(o)],
                                        "kind": "List", "metadata": {"resourceVersion": ""}}, sort_keys=False, width=10**6))
        self.write_logs(d)
        return d

    def write_cluster_info(self, name):
        """kubectl cluster-info dump --all-namespaces --output-directory: typed lists, items without kind."""
        d = self.start(name)
        lists = {"events": ("EventList", "v1", "Event"), "replicationcontrollers": ("ReplicationControllerList", "v1", "-"),
                 "services": ("ServiceList", "v1", "Service"), "daemonsets": ("DaemonSetList", "apps/v1", "DaemonSet"),
                 "deployments": ("DeploymentList", "apps/v1", "Deployment"), "replicasets": ("ReplicaSetList", "apps/v1", "ReplicaSet"),
                 "pods": ("PodList", "v1", "Pod")}

        def write(path, kind, api, items):
            items = [{k: v for k, v in o.items() if k not in ("apiVersion", "kind")} for o in items]
            with open(path, "w") as f:
                f.write(json.dumps({"kind": kind, "apiVersion": api, "metadata": {"resourceVersion": "61877"}, "items": items}, indent=4) + "\n")
        write(f"{d}/nodes.json", "NodeList", "v1", self.nodes)
        for ns in sorted({o["metadata"]["namespace"] for o in self.objects}):
            os.makedirs(f"{d}/{ns}", exist_ok=True)
            for file, (lk, api, k) in lists.items():
                write(f"{d}/{ns}/{file}.json", lk, api, [o for o in self.objects + self.events if o["kind"] == k and o["metadata"]["namespace"] == ns])
        self.write_logs(d)
        return d


def kinds(*ks):
    return lambda o: o["kind"] in ks


def pino(t, level, msg, **fields):
    return json.dumps(dict({"level": level, "time": t, "pid": 1, "hostname": fields.pop("host", "pod")}, msg=msg, **fields), separators=(",", ":"))


def zap(ts, level, caller, msg, **fields):
    return json.dumps(dict({"level": level, "ts": ts, "caller": caller, "msg": msg}, **fields), separators=(",", ":"))


def logstash(t, level, logger, message, **fields):
    return json.dumps(dict({"@timestamp": t, "@version": "1", "message": message, "logger_name": logger, "thread_name": "main",
                            "level": level, "level_value": {"INFO": 20000, "WARN": 30000, "ERROR": 40000}[level]}, **fields),
                      separators=(",", ":"))


def structlog(t, level, event, **fields):
    logger = fields.pop("logger", "app")
    return json.dumps(dict({"event": event}, **fields, level=level, logger=logger, timestamp=t))


SPRING_BANNER = ["", "  .   ____          _            __ _ _", " /\\\\ / ___'_ __ _ _(_)_ __  __ _ \\ \\ \\ \\",
                 "( ( )\\___ | '_ | '_| | '_ \\/ _` | \\ \\ \\ \\", " \\\\/  ___)| |_)| | | | | || (_| |  ) ) ) )",
                 "  '  |____| .__|_| |_|_| |_\\__, | / / / /", " =========|_|==============|___/=/_/_/_/", ""]


def spring(t, level, logger, msg, pid=1):
    return f"{t}  {level:>5} {pid} --- [           main] {logger:<40} : {msg}"


def cronjob_pods(c, ns, cron, run, created, fail_lines, ok_lines, image):
    """A CronJob's run whose first pod failed and whose retry succeeded (backoffLimit 6)."""
    job = f"{cron}-{run}"
    spec = [container(cron, image)]
    owner = ("Job", job, "batch/v1")
    labels = {"batch.kubernetes.io/controller-uid": uid("Job", ns, job), "batch.kubernetes.io/job-name": job, "job-name": job}
    bad = c.pod(ns, f"{job}-7kx2p", labels, spec, [terminated(1, "Error", at(created, 1), at(created, 4))], owner, created, "10.244.1.201",
                phase="Failed", restart="OnFailure")
    good = c.pod(ns, f"{job}-q9w4d", labels, spec, [terminated(0, "Completed", at(created, 16), at(created, 21))], owner, at(created, 15),
                 "10.244.1.202", phase="Succeeded", restart="OnFailure")
    c.log(bad, cron, fail_lines)
    c.log(good, cron, ok_lines)
    c.objects.append({"apiVersion": "batch/v1", "kind": "Job",
                      "metadata": dict(meta("Job", ns, job, created, labels, ("CronJob", cron, "batch/v1"))),
                      "spec": {"backoffLimit": 6, "completions": 1, "parallelism": 1, "template": {"spec": {"containers": spec, "restartPolicy": "OnFailure"}}},
                      "status": {"completionTime": at(created, 22), "conditions": [
                          {"lastProbeTime": at(created, 22), "lastTransitionTime": at(created, 22), "status": "True", "type": "Complete"}],
                          "failed": 1, "ready": 0, "startTime": created, "succeeded": 1}})
    c.event(ns, "Job", job, "Completed", "Job completed", at(created, 22), typ="Normal", component="job-controller", api="batch/v1")
    return bad, good



# ---- the states ---------------------------------------------------------------------------------

def spring_placeholder():
    """A Spring Boot shop on EKS: `kubectl get pods,deploy,rs,svc,ep,events -n shop -o yaml > state.yaml`."""
    c, ns = Cluster("ip-10-20-3-41.eu-west-1.compute.internal", "10.20.3.41"), "shop"
    img = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/orders-api:1.8.0"
    orders = container("orders-api", img, 8080, env={"SPRING_PROFILES_ACTIVE": "prod", "JAVA_TOOL_OPTIONS": "-XX:MaxRAMPercentage=75"},
                       limits={"memory": "1Gi"}, requests={"cpu": "250m", "memory": "768Mi"}, readiness=("/actuator/health/readiness", 8080))
    [p] = c.deployment(ns, "orders-api", {"app": "orders-api"}, [orders],
                       [("x2kq9", [crashing(6, 1, at(ASOF, -95), name="orders-api")], "10.20.3.77")], at(ASOF, -900), "7d9c6b5f4")
    t = "2025-06-03T14:18:2%d.%03dZ"
    c.log(p, "orders-api", SPRING_BANNER + [" :: Spring Boot ::                (v3.2.5)", "",
        spring(t % (1, 118), "INFO", "c.acme.orders.OrdersApplication", "Starting OrdersApplication v1.8.0 using Java 17.0.11 with PID 1 (/app/app.jar started by spring in /app)"),
        spring(t % (1, 121), "INFO", "c.acme.orders.OrdersApplication", 'The following 1 profile is active: "prod"'),
        spring(t % (3, 240), "INFO", "o.s.b.w.embedded.tomcat.TomcatWebServer", "Tomcat initialized with port 8080 (http)"),
        spring(t % (4, 502), "WARN", "ConfigServletWebServerApplicationContext", "Exception encountered during context initialization - cancelling refresh attempt: org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'orderRepositoryConfig': Injection of autowired dependencies failed"),
        spring(t % (4, 519), "INFO", "o.apache.catalina.core.StandardService", "Stopping service [Tomcat]"),
        spring(t % (4, 530), "ERROR", "o.s.boot.SpringApplication", "Application run failed"),
        "",
        "org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'orderRepositoryConfig': Injection of autowired dependencies failed",
        "\tat org.springframework.beans.factory.annotation.AutowiredAnnotationBeanPostProcessor.postProcessProperties(AutowiredAnnotationBeanPostProcessor.java:498) ~[spring-beans-6.1.6.jar!/:6.1.6]",
        "\tat org.springframework.beans.factory.support.AbstractAutowireCapableBeanFactory.populateBean(AbstractAutowireCapableBeanFactory.java:1421) ~[spring-beans-6.1.6.jar!/:6.1.6]",
        "\tat org.springframework.boot.SpringApplication.run(SpringApplication.java:334) ~[spring-boot-3.2.5.jar!/:3.2.5]",
        "\tat com.acme.orders.OrdersApplication.main(OrdersApplication.java:12) ~[!/:1.8.0]",
        "Caused by: java.lang.IllegalArgumentException: Could not resolve placeholder 'DB_URL' in value \"${DB_URL}\"",
        "\tat org.springframework.util.PropertyPlaceholderHelper.parseStringValue(PropertyPlaceholderHelper.java:180) ~[spring-core-6.1.6.jar!/:6.1.6]",
        "\tat org.springframework.util.PropertyPlaceholderHelper.replacePlaceholders(PropertyPlaceholderHelper.java:126) ~[spring-core-6.1.6.jar!/:6.1.6]",
        "\t... 45 common frames omitted"])
    c.event(ns, "Pod", p["metadata"]["name"], "BackOff", "Back-off restarting failed container orders-api in pod " + p["metadata"]["name"] + f"_{ns}({p['metadata']['uid']})",
            at(ASOF, -860), at(ASOF, -20), count=38, field="spec.containers{orders-api}")
    inv = container("inventory-api", img.replace("orders-api:1.8.0", "inventory-api:2.3.1"), 8080, limits={"memory": "1Gi"}, requests={"cpu": "250m", "memory": "768Mi"},
                    readiness=("/actuator/health/readiness", 8080))
    [q] = c.deployment(ns, "inventory-api", {"app": "inventory-api"}, [inv], [("m4t8z", [running(at(ASOF, -3600))], "10.20.3.90")], at(ASOF, -3610), "5f8b7c6d9")
    c.log(q, "inventory-api", [
        spring("2025-06-03T13:20:11.402Z", "INFO", "com.zaxxer.hikari.HikariDataSource", "HikariPool-1 - Start completed."),
        spring("2025-06-03T13:20:12.911Z", "INFO", "c.acme.inventory.InventoryApplication", "Started InventoryApplication in 9.214 seconds (process running for 10.02)"),
        spring("2025-06-03T14:00:00.003Z", "INFO", "c.acme.inventory.sync.StockReconciler", "Reconciled 1842 SKUs in 1.2s, error_count=0, skipped=3"),
        spring("2025-06-03T14:10:00.004Z", "INFO", "c.acme.inventory.sync.StockReconciler", "Reconciled 1843 SKUs in 1.1s, error_count=0, skipped=3"),
        spring("2025-06-03T14:15:42.310Z", "WARN", "c.acme.inventory.client.SupplierClient", "Supplier API error on attempt 1/3 (HTTP 503), retrying in 500ms"),
        spring("2025-06-03T14:15:42.871Z", "INFO", "c.acme.inventory.client.SupplierClient", "Supplier API call succeeded on attempt 2/3")])
    c.event(ns, "Pod", q["metadata"]["name"], "Unhealthy", 'Readiness probe failed: Get "http://10.20.3.90:8080/actuator/health/readiness": dial tcp 10.20.3.90:8080: connect: connection refused',
            at(ASOF, -3605), at(ASOF, -3597), count=3, field="spec.containers{inventory-api}")
    cronjob_pods(c, ns, "nightly-report", "28630080", "2025-06-03T02:00:00Z",
                 ['psql: error: connection to server at "reports-db" (10.100.14.3), port 5432 failed: Connection refused',
                  "\tIs the server running on that host and accepting TCP/IP connections?"],
                 ["COPY 1284", "report uploaded to s3://acme-reports/2025-06-03.csv"], "postgres:16-alpine")
    c.deployment(ns, "reports-db", {"app": "reports-db"}, [container("postgres", "postgres:16-alpine", 5432)],
                 [("c8v2n", [running("2025-06-03T02:00:09Z", restarts=1)], "10.20.3.95")], "2025-05-20T10:00:00Z", "6b9c8d7f5")
    for name, ip in (("orders-api", "10.100.41.7"), ("inventory-api", "10.100.52.9"), ("reports-db", "10.100.14.3")):
        port = 5432 if name == "reports-db" else 8080
        c.service(ns, name, {"app": name}, port, port, ip)
    c.write_list("spring-boot-placeholder", {"state.yaml": kinds("Pod", "Deployment", "ReplicaSet", "Service", "Endpoints", "Event", "Job")})


def node_pino():
    """A Node.js storefront on GKE, handed over as `kubectl cluster-info dump --output-directory`."""
    c, ns = Cluster("gke-storefront-default-pool-8f1c2d3e-x7k2", "10.128.0.14"), "storefront"
    chk = container("checkout", "europe-docker.pkg.dev/acme-store/apps/checkout:2.4.1", 3000,
                    env={"NODE_ENV": "production", "PGHOST": "10.96.0.12", "PGPORT": "5432", "LOG_LEVEL": "info"},
                    readiness=("/healthz", 3000), limits={"memory": "512Mi"}, requests={"cpu": "100m", "memory": "256Mi"})
    pods = c.deployment(ns, "checkout", {"app": "checkout"}, [chk],
                        [("h2m4p", [crashing(9, 1, at(ASOF, -70), name="checkout")], "10.4.1.17"),
                         ("k7r2s", [crashing(9, 1, at(ASOF, -64), name="checkout")], "10.4.1.18")], at(ASOF, -1500), "5f7b8c9d6")
    for p in pods:
        h, base = p["metadata"]["name"], 1748960330000
        c.log(p, "checkout", [
            pino(base + 11, 30, "checkout-service starting", host=h, version="2.4.1", node="v20.12.2"),
            pino(base + 14, 30, "connecting to postgres", host=h, pg={"host": "10.96.0.12", "port": 5432, "database": "checkout"}),
            pino(base + 61, 50, "database connection failed, exiting", host=h,
                 err={"type": "Error", "message": "connect ECONNREFUSED 10.96.0.12:5432",
                      "stack": "Error: connect ECONNREFUSED 10.96.0.12:5432\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1605:16)",
                      "errno": -111, "code": "ECONNREFUSED", "syscall": "connect", "address": "10.96.0.12", "port": 5432})])
        c.event(ns, "Pod", p["metadata"]["name"], "BackOff", f"Back-off restarting failed container checkout in pod {p['metadata']['name']}_{ns}({p['metadata']['uid']})",
                at(ASOF, -1440), at(ASOF, -15), count=52, field="spec.containers{checkout}")
    # postgres from the Bitnami chart: its pods carry the chart's labels, the team's Service selects app=postgres.
    pg_labels = {"app.kubernetes.io/component": "primary", "app.kubernetes.io/instance": "postgres", "app.kubernetes.io/name": "postgresql"}
    pg = c.pod(ns, "postgres-postgresql-0", dict(pg_labels, **{"controller-revision-hash": "postgres-postgresql-6d9b7c8f5d",
                                                               "statefulset.kubernetes.io/pod-name": "postgres-postgresql-0"}),
               [container("postgresql", "docker.io/bitnami/postgresql:16.3.0-debian-12-r14", 5432)], [running("2025-06-01T09:12:40Z")],
               ("StatefulSet", "postgres-postgresql", "apps/v1"), "2025-06-01T09:12:31Z", "10.4.1.9")
    c.log(pg, "postgresql", ["postgresql 09:12:44.61 INFO  ==> ** Starting PostgreSQL **",
                             "2025-06-01 09:12:44.702 GMT [1] LOG:  database system is ready to accept connections"])
    c.service(ns, "postgres", {"app": "postgres"}, 5432, 5432, "10.96.0.12")
    cart = container("cart", "europe-docker.pkg.dev/acme-store/apps/cart:1.9.0", 3000, env={"REDIS_URL": "redis://redis-master:6379"},
                     readiness=("/healthz", 3000))
    [ct] = c.deployment(ns, "cart", {"app": "cart"}, [cart], [("r4t8n", [running(at(ASOF, -1200))], "10.4.1.22")], at(ASOF, -1210), "7c8d9e6f5")
    h, base = ct["metadata"]["name"], 1748959200000
    lines = [pino(base, 30, "cart-service listening on :3000", host=h),
             pino(base + 400, 40, "redis connection lost, retrying", host=h, attempt=1,
                  err={"type": "Error", "message": "connect ETIMEDOUT", "code": "ETIMEDOUT"}),
             pino(base + 1400, 30, "redis ready", host=h)]
    for i in range(24):
        lines.append(pino(base + 5000 + i * 1000, 30, "request completed", host=h, req={"method": "GET", "url": f"/cart/{4100 + i}"},
                          res={"statusCode": 200}, responseTime=4 + i % 7))
    lines.append(pino(base + 60000, 30, "cart sync finished", host=h, synced=24, errors=[]))
    c.log(ct, "cart", lines)
    c.event(ns, "Pod", h, "Unhealthy", 'Readiness probe failed: Get "http://10.4.1.22:3000/healthz": dial tcp 10.4.1.22:3000: connect: connection refused',
            at(ASOF, -1205), field="spec.containers{cart}")
    c.service(ns, "cart", {"app": "cart"}, 80, 3000, "10.96.7.41")
    c.pod(ns, "redis-master-0", {"app.kubernetes.io/name": "redis", "app.kubernetes.io/component": "master"},
          [container("redis", "docker.io/bitnami/redis:7.2.5", 6379)], [running("2025-06-01T09:10:20Z")],
          ("StatefulSet", "redis-master", "apps/v1"), "2025-06-01T09:10:10Z", "10.4.1.8")
    c.service(ns, "redis-master", {"app.kubernetes.io/name": "redis", "app.kubernetes.io/component": "master"}, 6379, 6379, "10.96.7.60")
    c.service(ns, "checkout", {"app": "checkout"}, 80, 3000, "10.96.7.52")
    c.write_cluster_info("node-pino-cluster-info")


def go_zap():
    """Go services logging with zap (production config), `kubectl get <kind> -n payments -o yaml > <kind>.yaml`."""
    c, ns = Cluster("aks-nodepool1-31718369-vmss000002", "10.224.0.6"), "payments"
    reg = "acmepay.azurecr.io/"
    led = container("ledger", reg + "ledger:v0.14.2", 8080, env={"DB_HOST": "ledger-db", "DB_NAME": "ledger"}, readiness=("/readyz", 8080))
    [p] = c.deployment(ns, "ledger", {"app.kubernetes.io/name": "ledger"}, [led], [("9kq2w", [crashing(11, 1, at(ASOF, -40), name="ledger")], "10.244.2.31")],
                       at(ASOF, -2400), "6c5d4b8f7")
    c.log(p, "ledger", [zap(1748960355.1183, "info", "ledger/main.go:38", "starting ledger", version="v0.14.2", commit="3f9a1c2"),
                        zap(1748960360.1291, "fatal", "ledger/main.go:57", "cannot open database",
                            error="failed to connect to `host=ledger-db user=ledger database=ledger`: hostname resolving error (lookup ledger-db on 10.96.0.10:53: no such host)",
                            stacktrace="main.main\n\t/src/cmd/ledger/main.go:57\nruntime.main\n\t/usr/local/go/src/runtime/proc.go:271")])
    c.pod(ns, "ledger-postgresql-0", {"app.kubernetes.io/name": "postgresql", "statefulset.kubernetes.io/pod-name": "ledger-postgresql-0"},
          [container("postgresql", "docker.io/bitnami/postgresql:16.3.0", 5432)], [running("2025-06-01T07:00:10Z")],
          ("StatefulSet", "ledger-postgresql", "apps/v1"), "2025-06-01T07:00:00Z", "10.244.2.8")
    c.service(ns, "ledger-postgresql", {"app.kubernetes.io/name": "postgresql"}, 5432, 5432, "10.0.118.20")
    c.service(ns, "ledger", {"app.kubernetes.io/name": "ledger"}, 80, 8080, "10.0.118.31")
    wk = container("payouts-worker", reg + "payouts-worker:v1.3.0", 9090, env={"AMQP_URL": "amqp://payouts:REDACTED@rabbitmq:5672/"})
    [w] = c.deployment(ns, "payouts-worker", {"app.kubernetes.io/name": "payouts-worker"}, [wk], [("t6p3d", [running(at(ASOF, -1800))], "10.244.2.40")],
                       at(ASOF, -1810), "84b7c9d5f")
    lines = [zap(1748958600.2, "info", "worker/main.go:44", "payouts worker started", queue="payouts")]
    for i in range(6):
        lines.append(zap(1748958605.3 + i * 5, "error", "queue/conn.go:88", "amqp dial failed, retrying in 5s",
                         error="dial tcp: lookup rabbitmq on 10.96.0.10:53: no such host", attempt=i + 1))
    c.log(w, "payouts-worker", lines)
    c.pod(ns, "rabbitmq-cluster-server-0", {"app.kubernetes.io/name": "rabbitmq", "app.kubernetes.io/component": "rabbitmq"},
          [container("rabbitmq", "rabbitmq:3.13-management", 5672)], [running("2025-06-01T07:01:10Z")],
          ("StatefulSet", "rabbitmq-cluster-server", "apps/v1"), "2025-06-01T07:01:00Z", "10.244.2.9")
    c.service(ns, "rabbitmq-cluster", {"app.kubernetes.io/name": "rabbitmq"}, 5672, 5672, "10.0.118.50")
    fx = container("fx-rates", reg + "fx-rates:v2.0.1", 8080, readiness=("/readyz", 8080))
    [f] = c.deployment(ns, "fx-rates", {"app.kubernetes.io/name": "fx-rates"}, [fx], [("b8n5v", [crashing(5, 2, at(ASOF, -200), name="fx-rates")], "10.244.2.44")],
                       at(ASOF, -1000), "7d6f9c8b4")
    c.log(f, "fx-rates", [zap(1748960215.2, "info", "fxrates/main.go:31", "loading rate providers", providers=2),
                          "panic: runtime error: invalid memory address or nil pointer dereference",
                          "[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x6f2d1c]", "",
                          "goroutine 1 [running]:",
                          "github.com/acmepay/fx-rates/internal/provider.(*ECB).Rates(0x0, {0x8c1e40, 0xc0000a6000})",
                          "\t/src/internal/provider/ecb.go:64 +0x3c",
                          "main.main()", "\t/src/cmd/fx-rates/main.go:48 +0x2a5"])
    c.service(ns, "fx-rates", {"app.kubernetes.io/name": "fx-rates"}, 80, 8080, "10.0.118.60")
    gw = container("api", reg + "payments-api:v3.1.0", 8080, readiness=("/readyz", 8080))
    [g] = c.deployment(ns, "payments-api", {"app.kubernetes.io/name": "payments-api"}, [gw], [("w2x7c", [running(at(ASOF, -3000))], "10.244.2.12")],
                       at(ASOF, -3010), "5b4c6d7e8")
    c.log(g, "api", [zap(1748957400.1, "info", "api/server.go:70", "listening", addr=":8080")]
          + [zap(1748957500.0 + i * 30, "info", "api/handler.go:112", "request", method="POST", path="/v1/payments", status=201, latency_ms=18 + i,
                 errors=[]) for i in range(12)]
          + [zap(1748958000.5, "info", "api/health.go:40", "dependency check", error_count=0, ledger="degraded")])
    c.event(ns, "Pod", g["metadata"]["name"], "Unhealthy", 'Readiness probe failed: HTTP probe failed with statuscode: 503',
            at(ASOF, -2995), at(ASOF, -2985), count=2, field="spec.containers{api}")
    c.service(ns, "payments-api", {"app.kubernetes.io/name": "payments-api"}, 80, 8080, "10.0.118.70")
    files = {f"{k.lower().rstrip('s')}s.yaml": kinds(k) for k in ("Pod", "Deployment", "ReplicaSet", "Service", "Endpoints", "Event")}
    c.write_list("go-zap", files)


def python_cluster_info():
    """A Python lab cluster (kind) handed over as `kubectl cluster-info dump --output-directory`."""
    c, ns = Cluster("lab-worker", "172.18.0.3"), "default"
    bill = container("billing", "ghcr.io/acme-lab/billing:0.9.3", 8000, env={"DJANGO_SETTINGS_MODULE": "billing.settings"}, readiness=("/healthz/", 8000))
    [b] = c.deployment(ns, "billing", {"app": "billing"}, [bill], [("k9m2x", [crashing(7, 3, at(ASOF, -110), name="billing")], "10.244.1.23")],
                       at(ASOF, -1300), "7b6c5d4e3")
    site = "/usr/local/lib/python3.11/site-packages"
    t = "[2025-06-03 14:18:09 +0000]"
    c.log(b, "billing", [f"{t} [1] [INFO] Starting gunicorn 21.2.0", f"{t} [1] [INFO] Listening at: http://0.0.0.0:8000 (1)",
                         f"{t} [1] [INFO] Using worker: sync", f"{t} [7] [INFO] Booting worker with pid: 7",
                         f"{t} [7] [ERROR] Exception in worker process", "Traceback (most recent call last):",
                         f'  File "{site}/gunicorn/arbiter.py", line 609, in spawn_worker', "    worker.init_process()",
                         f'  File "{site}/gunicorn/workers/base.py", line 134, in init_process', "    self.load_wsgi()",
                         f'  File "{site}/django/conf/__init__.py", line 185, in __init__', "    mod = importlib.import_module(self.SETTINGS_MODULE)",
                         '  File "/app/billing/settings.py", line 14, in <module>', '    DATABASE_URL = os.environ["DATABASE_URL"]',
                         "                   ~~~~~~~~~~^^^^^^^^^^^^^^^^", '  File "<frozen os>", line 679, in __getitem__',
                         "KeyError: 'DATABASE_URL'", f"{t} [7] [INFO] Worker exiting (pid: 7)",
                         f"{t} [1] [ERROR] Worker (pid:7) exited with code 3", f"{t} [1] [ERROR] Shutting down: Master",
                         f"{t} [1] [ERROR] Reason: Worker failed to boot."])
    c.service(ns, "billing", {"app": "billing"}, 80, 8000, "10.96.120.4")
    notif = container("notifications-api", "ghcr.io/acme-lab/notifications-api:0.4.0", 8000, readiness=("/health", 8000))
    [n] = c.deployment(ns, "notifications-api", {"app": "notifications-api"}, [notif],
                       [("p5c8j", [crashing(6, 1, at(ASOF, -150), name="notifications-api")], "10.244.1.24")], at(ASOF, -1250), "c8f7d9b6a")
    c.log(n, "notifications-api", ['ERROR:    Error loading ASGI app. Could not import module "main".'])
    c.service(ns, "notifications-api", {"app": "notifications-api"}, 80, 8000, "10.96.120.9")
    rep = container("reporting-worker", "ghcr.io/acme-lab/reporting-worker:1.2.0", env={"PGHOST": "pg-primary"})
    [r] = c.deployment(ns, "reporting-worker", {"app": "reporting-worker"}, [rep], [("z3v6b", [running(at(ASOF, -900))], "10.244.1.30")],
                       at(ASOF, -905), "6d7e8f9a1")
    lines = [structlog("2025-06-03T14:05:00.118Z", "info", "worker started", logger="reporting.main", queues=["reports"])]
    for i in range(4):
        lines.append(structlog(f"2025-06-03T14:0{5 + i}:10.204Z", "error", "db connect failed", logger="reporting.db", attempt=i + 1,
                               error='(psycopg2.OperationalError) could not translate host name "pg-primary" to address: Name or service not known\n'))
    c.log(r, "reporting-worker", lines)
    pgp = container("postgres", "postgres:15", 5432)
    [pp] = c.deployment(ns, "postgres-primary", {"app": "postgres-primary"}, [pgp], [("j4k8m", [running("2025-06-02T08:00:00Z")], "10.244.1.5")],
                        "2025-06-02T07:59:50Z", "5c6d7e8f9")
    c.service(ns, "postgres-primary", {"app": "postgres-primary"}, 5432, 5432, "10.96.50.2")
    job = "db-migrate"
    spec = [container(job, "ghcr.io/acme-lab/billing:0.9.2")]
    jp = c.pod(ns, f"{job}-x7k2p", {"job-name": job, "batch.kubernetes.io/job-name": job}, spec,
               [terminated(0, "Completed", "2025-06-02T08:01:00Z", "2025-06-02T08:01:09Z")], ("Job", job, "batch/v1"),
               "2025-06-02T08:00:58Z", "10.244.1.8", phase="Succeeded", restart="Never")
    c.log(jp, job, ["Operations to perform:", "  Apply all migrations: admin, auth, billing, contenttypes, sessions",
                    "Running migrations:", "  Applying billing.0007_invoice_due_date... OK", "System check identified no issues (0 silenced).",
                    structlog("2025-06-02T08:01:09.002Z", "info", "migrations done", logger="billing.migrate", errors=[], applied=1)])
    c.write_cluster_info("python-cluster-info")


def jvm_all_namespaces():
    """Two JVM teams on one cluster: `kubectl get all -A -o yaml > all.yaml` and
    `kubectl get events -A -o yaml > events.yaml` (get all has no events nor endpoints)."""
    c = Cluster("worker-2.k8s.internal", "192.168.10.22")
    search = container("search-api", "registry.internal:5000/search/search-api:5.2.0", 8080,
                       env={"JAVA_TOOL_OPTIONS": "-Xms1g -Xmx2g -XX:+UseG1GC", "ES_URL": "http://elasticsearch:9200"},
                       limits={"cpu": "2", "memory": "1536Mi"}, requests={"cpu": "500m", "memory": "1536Mi"}, readiness=("/actuator/health", 8080))
    oom = {"terminated": {"containerID": "containerd://" + "9" * 64, "exitCode": 137, "finishedAt": at(ASOF, -130), "reason": "OOMKilled",
                          "startedAt": at(ASOF, -610)}}
    [s] = c.deployment("search", "search-api", {"app": "search-api"}, [search],
                       [("n7w3q", [running(at(ASOF, -125), ready=True, restarts=4, last=oom)], "10.42.2.18")], at(ASOF, -7200), "6f4d8b9c7")
    c.log(s, "search-api", [logstash("2025-06-03T14:17:55.201Z", "INFO", "c.a.search.SearchApplication", "Started SearchApplication in 14.1 seconds"),
                            logstash("2025-06-03T14:18:40.008Z", "INFO", "c.a.search.index.Warmup", "warmed 3 indices, errors=0")])
    c.event("search", "Pod", s["metadata"]["name"], "BackOff", "Back-off restarting failed container search-api in pod "
            + s["metadata"]["name"], at(ASOF, -3000), at(ASOF, -140), count=4, field="spec.containers{search-api}")
    c.service("search", "search-api", {"app": "search-api"}, 80, 8080, "10.43.12.40")
    c.pod("search", "elasticsearch-master-0", {"app": "elasticsearch-master", "chart": "elasticsearch"},
          [container("elasticsearch", "docker.elastic.co/elasticsearch/elasticsearch:8.13.4", 9200)], [running("2025-06-02T10:00:30Z")],
          ("StatefulSet", "elasticsearch-master", "apps/v1"), "2025-06-02T10:00:00Z", "10.42.2.9")
    c.service("search", "elasticsearch", {"app": "elasticsearch-master"}, 9200, 9200, "10.43.12.9")
    admin = container("admin-console", "registry.internal:5000/ops/admin-console:1.0.4", 8080, readiness=("/actuator/health", 8080))
    exporter = container("jmx-exporter", "bitnami/jmx-exporter:0.20.0", 8080)
    [a] = c.deployment("ops", "admin-console", {"app": "admin-console"}, [admin, exporter],
                       [("d2f6h", [crashing(8, 1, at(ASOF, -90), name="admin-console"), running(at(ASOF, -1900))], "10.42.2.30")],
                       at(ASOF, -1900), "58c9d7b6f")
    t = "2025-06-03T14:18:3%d.%03dZ"
    c.log(a, "admin-console", SPRING_BANNER + [" :: Spring Boot ::                (v3.1.12)", "",
        spring(t % (0, 12), "INFO", "c.acme.admin.AdminConsoleApplication", "Starting AdminConsoleApplication v1.0.4 using Java 21.0.3 with PID 1"),
        spring(t % (4, 880), "INFO", "o.s.b.w.embedded.tomcat.TomcatWebServer", "Tomcat initialized with port 8080 (http)"),
        spring(t % (7, 301), "ERROR", "o.s.b.d.LoggingFailureAnalysisReporter", ""), "",
        "***************************", "APPLICATION FAILED TO START", "***************************", "", "Description:", "",
        "Web server failed to start. Port 8080 was already in use.", "", "Action:", "",
        "Identify and stop the process that's listening on port 8080 or configure this application to listen on another port.", ""])
    c.log(a, "jmx-exporter", ["INFO: Started Server@6d4b1c02{STARTING}[9.4.53.v20231009,sto=0] @1130ms",
                              "INFO: Started o.e.j.s.ServletContextHandler@1f7030a6{/,null,AVAILABLE} listening on 0.0.0.0:8080"])
    c.service("ops", "admin-console", {"app": "admin-console"}, 80, 8080, "10.43.30.8")
    cronjob_pods(c, "search", "index-compaction", "28630100", "2025-06-03T06:40:00Z",
                 ["curl: (7) Failed to connect to elasticsearch port 9200 after 3 ms: Couldn't connect to server"],
                 ['{"acknowledged":true,"shards_acknowledged":true}', "compaction done, errors: 0"], "curlimages/curl:8.7.1")
    c.write_list("jvm-get-all", {"all.yaml": kinds("Pod", "Service", "Deployment", "ReplicaSet", "Job"), "events.yaml": kinds("Event"),
                                 "endpoints.yaml": kinds("Endpoints")})


def events_v1_platform():
    """A media team on a Graviton-less cluster: events printed by `kubectl get events.events.k8s.io -o yaml`."""
    c, ns = Cluster("ip-10-0-7-19.ec2.internal", "10.0.7.19"), "media"
    th = container("thumbnailer", "ghcr.io/acme-media/thumbnailer:1.6.0", 8080, readiness=("/ready", 8080))
    [t] = c.deployment(ns, "thumbnailer", {"app": "thumbnailer"}, [th], [("s8d3f", [crashing(12, 255, at(ASOF, -50), name="thumbnailer")], "10.0.7.101")],
                       at(ASOF, -3300), "79d8c6b5f")
    c.log(t, "thumbnailer", ["exec /usr/local/bin/thumbnailer: exec format error"])
    c.service(ns, "thumbnailer", {"app": "thumbnailer"}, 80, 8080, "172.20.41.8")
    tr = container("transcoder", "ghcr.io/acme-media/transcoder:3.0.2", 8080,
                   env={"S3_ACCESS_KEY": {"secretKeyRef": {"key": "S3_ACCESS_KEY", "name": "s3-credentials"}},
                        "S3_SECRET_KEY": {"secretKeyRef": {"key": "S3_SECRET_KEY", "name": "s3-credentials"}}})
    [x] = c.deployment(ns, "transcoder", {"app": "transcoder"}, [tr],
                       [("g5h7j", [waiting("CreateContainerConfigError", "couldn't find key S3_SECRET_KEY in Secret media/s3-credentials")], "10.0.7.102")],
                       at(ASOF, -600), "6a5b4c3d2")
    up = container("uploader", "ghcr.io/acme-media/uploader:2.2.0", 8080)
    [u] = c.deployment(ns, "uploader", {"app": "uploader"}, [up], [("w9e2r", [crashing(9, 126, at(ASOF, -80), name="uploader")], "10.0.7.103")],
                       at(ASOF, -2000), "5d6e7f8a9")
    c.log(u, "uploader", ["/bin/sh: 1: /app/docker-entrypoint.sh: Permission denied"])
    api = container("media-api", "ghcr.io/acme-media/media-api:4.1.0", 8080, liveness=("/healthz", 8080), readiness=("/healthz", 8080))
    [m] = c.deployment(ns, "media-api", {"app": "media-api"}, [api],
                       [("c4v6b", [running(at(ASOF, -25), ready=False, restarts=7,
                                           last={"terminated": {"containerID": "containerd://" + "7" * 64, "exitCode": 137, "finishedAt": at(ASOF, -26),
                                                                "reason": "Error", "startedAt": at(ASOF, -215)}})], "10.0.7.104")],
                       at(ASOF, -2500), "8b7c6d5e4")
    c.log(m, "media-api", ['time="2025-06-03T14:19:36Z" level=info msg="media-api listening" addr=":8080"',
                           'time="2025-06-03T14:19:50Z" level=info msg="warming thumbnail cache" entries=120000'])
    c.service(ns, "media-api", {"app": "media-api"}, 80, 8080, "172.20.41.20")
    c.event(ns, "Pod", m["metadata"]["name"], "Unhealthy",
            'Liveness probe failed: Get "http://10.0.7.104:8080/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
            at(ASOF, -2400), at(ASOF, -5), count=63, field="spec.containers{media-api}")
    c.event(ns, "Pod", m["metadata"]["name"], "Killing", "Container media-api failed liveness probe, will be restarted",
            at(ASOF, -2380), at(ASOF, -26), count=7, typ="Normal", field="spec.containers{media-api}")
    c.event(ns, "Pod", t["metadata"]["name"], "BackOff", f"Back-off restarting failed container thumbnailer in pod {t['metadata']['name']}_{ns}({t['metadata']['uid']})",
            at(ASOF, -3200), at(ASOF, -10), count=61, field="spec.containers{thumbnailer}")
    c.event(ns, "Pod", x["metadata"]["name"], "Failed", "Error: couldn't find key S3_SECRET_KEY in Secret media/s3-credentials",
            at(ASOF, -598), at(ASOF, -12), count=48, field="spec.containers{transcoder}")
    c.event(ns, "Pod", u["metadata"]["name"], "BackOff", f"Back-off restarting failed container uploader in pod {u['metadata']['name']}_{ns}({u['metadata']['uid']})",
            at(ASOF, -1900), at(ASOF, -30), count=40, field="spec.containers{uploader}")
    d = c.write_list("events-v1-platform", {"pods.yaml": kinds("Pod"), "deployments.yaml": kinds("Deployment", "ReplicaSet"),
                                            "services.yaml": kinds("Service", "Endpoints"), "nodes.yaml": kinds("Node")})
    items = []
    for e in c.events:
        io = e["involvedObject"]
        v1 = {"apiVersion": "events.k8s.io/v1", "deprecatedCount": e["count"], "deprecatedFirstTimestamp": e["firstTimestamp"],
              "deprecatedLastTimestamp": e["lastTimestamp"], "deprecatedSource": e["source"], "eventTime": None, "kind": "Event",
              "metadata": e["metadata"], "note": e["message"], "reason": e["reason"], "regarding": io,
              "reportingController": e["reportingComponent"], "reportingInstance": e["reportingInstance"], "type": e["type"]}
        if e["count"] > 1 and e["reason"] != "Failed":
            # An event of the new API that repeats carries a series instead of a growing count.
            v1.update({"deprecatedCount": 0, "deprecatedFirstTimestamp": None, "deprecatedLastTimestamp": None,
                       "eventTime": e["firstTimestamp"].replace("Z", ".000000Z"), "action": "Restarting",
                       "series": {"count": e["count"], "lastObservedTime": e["lastTimestamp"].replace("Z", ".412907Z")}})
            v1 = {k: v for k, v in v1.items() if v is not None or k == "eventTime"}
        items.append(dict(sorted(v1.items())))
    with open(f"{d}/events.yaml", "w") as f:
        f.write(yaml.safe_dump({"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}}, sort_keys=False, width=10**6))


def edge_proxies():
    """nginx in front of a Node API and an Envoy edge in front of a catalog: `kubectl get all -n web -o yaml` plus events and endpoints."""
    c, ns = Cluster("node-03", "10.10.0.13"), "web"
    orders = container("orders", "harbor.acme.io/web/orders:4.0.0", 3000, readiness=("/healthz", 3000))
    c.deployment(ns, "orders", {"app": "orders"}, [orders], [("f6g8h", [running(at(ASOF, -2000))], "10.233.64.21")], at(ASOF, -2010), "7c6b5a4d3")
    c.service(ns, "orders", {"app": "orders"}, 8080, 8080, "10.233.12.41")
    fe = container("nginx", "nginx:1.25-alpine", 80, readiness=("/", 80))
    [f] = c.deployment(ns, "frontend", {"app": "frontend"}, [fe], [("q3w5e", [running(at(ASOF, -1800))], "10.233.64.30")], at(ASOF, -1810), "84d9c7b6e")
    lines = []
    for i in range(40):
        s = 14 * 60 + 10 + i * 2
        stamp = f"03/Jun/2025:14:{s // 60 % 60:02d}:{s % 60:02d} +0000"
        if i % 4 == 0:
            lines.append(f'10.233.64.1 - - [{stamp}] "GET /static/app.js HTTP/1.1" 200 48213 "https://shop.acme.io/" "Mozilla/5.0 (X11; Linux x86_64)" "-"')
        else:
            lines.append(f"2025/06/03 14:{s // 60 % 60:02d}:{s % 60:02d} [error] 29#29: *{1040 + i} connect() failed (111: Connection refused) while connecting to upstream, "
                         f'client: 10.233.64.1, server: _, request: "GET /api/orders HTTP/1.1", upstream: "http://10.233.12.41:8080/api/orders", host: "shop.acme.io"')
            lines.append(f'10.233.64.1 - - [{stamp}] "GET /api/orders HTTP/1.1" 502 157 "https://shop.acme.io/" "Mozilla/5.0 (X11; Linux x86_64)" "-"')
    c.log(f, "nginx", ["/docker-entrypoint.sh: Configuration complete; ready for start up"] + lines)
    c.service(ns, "frontend", {"app": "frontend"}, 80, 80, "10.233.12.50")
    cat = container("catalog", "harbor.acme.io/web/catalog:2.7.1", 8080, readiness=("/health/ready", 8080))
    cps = c.deployment(ns, "catalog", {"app": "catalog"}, [cat],
                       [("v2b4n", [running(at(ASOF, -1500), ready=False)], "10.233.64.40"), ("m8k1l", [running(at(ASOF, -1500), ready=False)], "10.233.64.41")],
                       at(ASOF, -1510), "9f8e7d6c5")
    for p in cps:
        c.log(p, "catalog", [json.dumps({"time": "2025-06-03T13:55:01.100Z", "level": "INFO", "msg": "catalog listening", "addr": ":8080"}),
                             json.dumps({"time": "2025-06-03T13:55:12.400Z", "level": "INFO", "msg": "GET /health/live 200"})])
        c.event(ns, "Pod", p["metadata"]["name"], "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 404",
                at(ASOF, -1495), at(ASOF, -5), count=150, field="spec.containers{catalog}")
    c.service(ns, "catalog", {"app": "catalog"}, 8080, 8080, "10.233.12.60")
    env = container("envoy", "envoyproxy/envoy:v1.30.1", 8080)
    [e] = c.deployment(ns, "edge", {"app": "edge"}, [env], [("a1s2d", [running(at(ASOF, -1700))], "10.233.64.50")], at(ASOF, -1710), "6e5d4c3b2")
    lines = ["[2025-06-03 13:51:40.112][1][info][main] [source/server/server.cc:932] starting main dispatch loop"]
    for i in range(30):
        s = 14 * 60 + 5 + i * 3
        stamp = f"2025-06-03T14:{s // 60 % 60:02d}:{s % 60:02d}.{211 + i:03d}Z"
        if i % 3 == 0:
            lines.append(f'[{stamp}] "GET /api/search?q=lamp HTTP/1.1" 200 - 0 2381 14 13 "10.233.64.1" "curl/8.5.0" "5b1c{i:04x}-9e2f" "search.web.svc.cluster.local:8080" "10.233.64.60:8080"')
        else:
            lines.append(f'[{stamp}] "GET /api/catalog/items HTTP/1.1" 503 UH 0 19 0 - "10.233.64.1" "curl/8.5.0" "7a2d{i:04x}-1c3b" "catalog.web.svc.cluster.local:8080" "-"')
    c.log(e, "envoy", lines)
    c.service(ns, "edge", {"app": "edge"}, 80, 8080, "10.233.12.70")
    c.write_list("edge-proxies", {"all.yaml": kinds("Pod", "Service", "Deployment", "ReplicaSet"), "events.yaml": kinds("Event"),
                                  "endpoints.yaml": kinds("Endpoints")})


def node_namespaces():
    """Node services across namespaces: `kubectl get pods,deploy,rs,svc,ep -A -o yaml` and `kubectl get events -A -o yaml`."""
    c = Cluster("k3s-agent-1", "192.168.1.41", arch="arm64")
    gw = container("gateway", "ghcr.io/homelab/gateway:0.3.0", 8080)
    [g] = c.deployment("api", "gateway", {"app": "gateway"}, [gw], [("s4d6f", [crashing(14, 1, at(ASOF, -30), name="gateway")], "10.42.1.12")],
                       at(ASOF, -4000), "5b8c9d7e6")
    c.log(g, "gateway", ["node:internal/modules/cjs/loader:1228", "  throw err;", "  ^", "", "Error: Cannot find module 'express'",
                         "Require stack:", "- /usr/src/app/server.js", "    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15)",
                         "    at Module._load (node:internal/modules/cjs/loader:1051:27)",
                         "    at Module.require (node:internal/modules/cjs/loader:1311:19)", "    at require (node:internal/modules/helpers:179:18)",
                         "    at Object.<anonymous> (/usr/src/app/server.js:1:17)", "{", "  code: 'MODULE_NOT_FOUND',",
                         "  requireStack: [ '/usr/src/app/server.js' ]", "}", "", "Node.js v20.12.2"])
    c.service("api", "gateway", {"app": "gateway"}, 80, 8080, "10.43.0.80")
    ss = container("session-svc", "ghcr.io/homelab/session-svc:1.1.0", 4000, env={"REDIS_HOST": "redis"})
    [s] = c.deployment("api", "session-svc", {"app": "session-svc"}, [ss], [("h8j2k", [crashing(10, 1, at(ASOF, -45), name="session-svc")], "10.42.1.13")],
                       at(ASOF, -3000), "6c7d8e9f1")
    c.log(s, "session-svc", ["session-svc listening on 4000",
                             "node:internal/process/promises:289", "            triggerUncaughtException(err, true /* fromPromise */);", "            ^", "",
                             "Error: getaddrinfo ENOTFOUND redis", "    at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:107:26) {",
                             "  errno: -3008,", "  code: 'ENOTFOUND',", "  syscall: 'getaddrinfo',", "  hostname: 'redis'", "}", "", "Node.js v20.12.2"])
    c.service("api", "session-svc", {"app": "session-svc"}, 80, 4000, "10.43.0.81")
    rd = container("redis", "redis:7.2-alpine", 6379)
    c.deployment("cache", "redis-master", {"app": "redis"}, [rd], [("p1o2i", [running("2025-06-01T10:00:00Z")], "10.42.1.5")], "2025-06-01T09:59:50Z", "7f8a9b1c2")
    c.service("cache", "redis-master", {"app": "redis"}, 6379, 6379, "10.43.0.20")
    wk = container("mailer", "ghcr.io/homelab/mailer:0.8.1", env={"AMQP_HOST": "10.43.0.33"})
    [w] = c.deployment("jobs", "mailer", {"app": "mailer"}, [wk], [("u7y6t", [running(at(ASOF, -600))], "10.42.1.20")], at(ASOF, -610), "8a9b1c2d3")
    c.log(w, "mailer", ["[2025-06-03T14:10:01.004Z] INFO  mailer starting",
                        "[2025-06-03T14:10:01.120Z] WARN  amqp connect failed, retrying in 2s: Error: connect ECONNREFUSED 10.43.0.33:5672",
                        "[2025-06-03T14:10:03.140Z] INFO  amqp connected to 10.43.0.33:5672",
                        "[2025-06-03T14:15:00.000Z] INFO  sent 14 mails, errors=0"])
    cronjob_pods(c, "jobs", "backup", "28630020", "2025-06-03T01:00:00Z",
                 ["Error: getaddrinfo EAI_AGAIN minio.storage.svc.cluster.local", "    at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:107:26)"],
                 ["backup written: s3://homelab-backups/2025-06-03.tar.gz (18.2 MiB)"], "ghcr.io/homelab/backup:1.0.0")
    c.write_list("node-namespaces", {"state.yaml": kinds("Pod", "Deployment", "ReplicaSet", "Service", "Endpoints", "Job"), "events.yaml": kinds("Event"),
                                     "nodes.yaml": kinds("Node")})


def logback_json():
    """Spring services logging JSON through logstash-logback-encoder, in a cluster-info dump."""
    c, ns = Cluster("gke-inventory-pool-2-9a8b7c6d-3f4g", "10.132.0.22"), "inventory"
    stock = container("stock-service", "eu.gcr.io/acme-inv/stock-service:4.2.0", 8080,
                      env={"SPRING_DATASOURCE_URL": "jdbc:postgresql://postgres:5432/stock"}, readiness=("/actuator/health/readiness", 8080))
    [s] = c.deployment(ns, "stock-service", {"app": "stock-service"}, [stock],
                       [("b3n5m", [crashing(8, 1, at(ASOF, -75), name="stock-service")], "10.8.2.14")], at(ASOF, -2000), "7e6d5c4b3")
    c.log(s, "stock-service", [
        logstash("2025-06-03T14:18:30.412Z", "INFO", "com.acme.stock.StockServiceApplication", "Starting StockServiceApplication v4.2.0 using Java 21.0.3 with PID 1"),
        logstash("2025-06-03T14:18:33.020Z", "INFO", "com.zaxxer.hikari.HikariDataSource", "HikariPool-1 - Starting..."),
        logstash("2025-06-03T14:18:33.241Z", "ERROR", "com.zaxxer.hikari.pool.HikariPool", "HikariPool-1 - Exception during pool initialization.",
                 stack_trace="org.postgresql.util.PSQLException: The connection attempt failed.\n\tat org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:354)\n\tat org.postgresql.jdbc.PgConnection.<init>(PgConnection.java:263)\n\t... 68 common frames omitted\nCaused by: java.net.UnknownHostException: postgres\n\tat java.base/sun.nio.ch.NioSocketImpl.connect(NioSocketImpl.java:567)\n\tat java.base/java.net.Socket.connect(Socket.java:751)\n"),
        logstash("2025-06-03T14:18:33.266Z", "ERROR", "org.springframework.boot.SpringApplication", "Application run failed",
                 stack_trace="org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'entityManagerFactory' defined in class path resource [org/springframework/boot/autoconfigure/orm/jpa/HibernateJpaConfiguration.class]: Unable to open JDBC Connection for DDL execution\n\tat org.springframework.beans.factory.support.AbstractAutowireCapableBeanFactory.initializeBean(AbstractAutowireCapableBeanFactory.java:1786)\n")])
    c.service(ns, "stock-service", {"app": "stock-service"}, 80, 8080, "10.12.4.10")
    db = container("postgres", "postgres:16.3", 5432)
    c.deployment(ns, "stock-db", {"app": "stock-db"}, [db], [("q2w3e", [running("2025-06-01T12:00:00Z")], "10.8.2.5")], "2025-06-01T11:59:40Z", "5f4e3d2c1")
    c.service(ns, "stock-db", {"app": "stock-db"}, 5432, 5432, "10.12.4.20")
    pr = container("pricing", "eu.gcr.io/acme-inv/pricing:1.5.0", 8080, readiness=("/actuator/health/readiness", 8080))
    [p] = c.deployment(ns, "pricing", {"app": "pricing"}, [pr], [("z9x8c", [crashing(7, 1, at(ASOF, -100), name="pricing")], "10.8.2.15")],
                       at(ASOF, -1800), "6d5c4b3a2")
    t = "2025-06-03T14:18:0%d.%03dZ"
    c.log(p, "pricing", SPRING_BANNER + [" :: Spring Boot ::                (v3.3.0)", "",
        spring(t % (1, 10), "INFO", "com.acme.pricing.PricingApplication", "Starting PricingApplication v1.5.0 using Java 21.0.3 with PID 1"),
        spring(t % (4, 777), "WARN", "ConfigServletWebServerApplicationContext", "Exception encountered during context initialization - cancelling refresh attempt: org.springframework.beans.factory.UnsatisfiedDependencyException: Error creating bean with name 'dataSourceScriptDatabaseInitializer'"),
        spring(t % (4, 812), "ERROR", "o.s.b.d.LoggingFailureAnalysisReporter", ""), "",
        "***************************", "APPLICATION FAILED TO START", "***************************", "", "Description:", "",
        "Failed to configure a DataSource: 'url' attribute is not specified and no embedded datasource could be configured.", "",
        "Reason: Failed to determine a suitable driver class", "", "", "Action:", "", "Consider the following:",
        "\tIf you want an embedded database (H2, HSQL or Derby), please put it on the classpath.",
        "\tIf you have database settings to be loaded from a particular profile you may need to activate it (no profiles are currently active).", ""])
    c.service(ns, "pricing", {"app": "pricing"}, 80, 8080, "10.12.4.30")
    sync = container("stock-sync", "eu.gcr.io/acme-inv/stock-sync:2.0.3")
    [y] = c.deployment(ns, "stock-sync", {"app": "stock-sync"}, [sync], [("l5k4j", [running(at(ASOF, -1000))], "10.8.2.16")], at(ASOF, -1005), "8c7b6a5d4")
    c.log(y, "stock-sync", [logstash("2025-06-03T14:10:00.100Z", "WARN", "com.acme.sync.SupplierClient",
                                     "Retrying fetch from supplier API (attempt 1/3): java.net.SocketTimeoutException: Read timed out"),
                            logstash("2025-06-03T14:10:02.300Z", "INFO", "com.acme.sync.SupplierClient", "Supplier sync completed: 340 items, 0 errors"),
                            logstash("2025-06-03T14:15:00.000Z", "INFO", "com.acme.sync.Metrics", "error handler stats: handled=0 failed=0")])
    c.write_cluster_info("logback-json-cluster-info")


def containerd_ip_logs():
    """A ledger platform on EKS (containerd), `kubectl get pods,deploy,rs,svc,ep,netpol,events -n ledger -o yaml`:
    clients configured with IPs, not names; two containers the runtime cannot start, so no log at all."""
    c, ns = Cluster("ip-10-42-3-117.eu-west-1.compute.internal", "10.42.3.117"), "ledger"
    reg = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/ledger/"
    api = container("ledger-api", reg + "ledger-api:1.8.3", 8080, env={"PGHOST": "10.100.0.12", "PGPORT": "5432", "PGDATABASE": "ledger"},
                    readiness=("/healthz", 8080))
    [a] = c.deployment(ns, "ledger-api", {"app": "ledger-api"}, [api], [("m4k8s", [running(at(ASOF, -1500))], "10.42.3.51")], at(ASOF, -1510), "6f8d9b7c5")
    lines = [zap(1748958300.41, "info", "cmd/ledger-api/main.go:52", "listening", addr=":8080", version="1.8.3")]
    for i in range(5):
        lines.append(zap(1748958900.2 + i * 40, "error", "store/pg.go:61", "ledger query failed",
                         error="failed to connect to `host=10.100.0.12 user=ledger database=ledger`: dial error (dial tcp 10.100.0.12:5432: i/o timeout)",
                         path="/v1/balances", stacktrace="github.com/acme-fin/ledger/internal/store.(*PG).Balance\n\t/src/internal/store/pg.go:61"))
        lines.append(zap(1748958900.3 + i * 40, "info", "api/handler.go:88", "request", method="GET", path="/v1/balances", status=503, latency_ms=10004))
    c.log(a, "ledger-api", lines)
    c.service(ns, "ledger-api", {"app": "ledger-api"}, 80, 8080, "10.100.7.20")
    # postgres admits only the worker: the policy predates ledger-api, which was added later.
    pg = c.pod(ns, "postgres-0", {"app": "postgres", "statefulset.kubernetes.io/pod-name": "postgres-0"},
               [container("postgres", "postgres:16.3", 5432)], [running("2025-06-01T07:00:10Z")],
               ("StatefulSet", "postgres", "apps/v1"), "2025-06-01T07:00:00Z", "10.42.3.12")
    c.log(pg, "postgres", ["2025-06-01 07:00:12.401 UTC [1] LOG:  database system is ready to accept connections"])
    c.service(ns, "postgres", {"app": "postgres"}, 5432, 5432, "10.100.0.12")
    c.objects.append({"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
                      "metadata": dict(meta("NetworkPolicy", ns, "postgres-ingress", "2025-04-02T09:00:00Z"), generation=1),
                      "spec": {"podSelector": {"matchLabels": {"app": "postgres"}}, "policyTypes": ["Ingress"],
                               "ingress": [{"from": [{"podSelector": {"matchLabels": {"app": "ledger-worker"}}}],
                                            "ports": [{"port": 5432, "protocol": "TCP"}]}]}})
    wk = container("ledger-worker", reg + "ledger-worker:1.8.3", env={"DATABASE_URL": "postgresql://ledger@10.100.0.12:5432/ledger"})
    [w] = c.deployment(ns, "ledger-worker", {"app": "ledger-worker"}, [wk], [("p2x9q", [running(at(ASOF, -1500))], "10.42.3.52")], at(ASOF, -1510), "5c7b8a9d4")
    c.log(w, "ledger-worker", ["2025-06-03 13:55:01,220 INFO [worker] settled 118 entries",
                               "2025-06-03 14:00:01,104 WARNING [worker] entry 88213 retried: deadlock detected, will retry",
                               "Traceback (most recent call last):",
                               '  File "/app/ledger/settle.py", line 74, in settle',
                               "    cur.execute(SETTLE_SQL, (entry.id,))",
                               '  File "/usr/local/lib/python3.12/site-packages/psycopg/cursor.py", line 732, in execute',
                               "    raise ex.with_traceback(None)",
                               "psycopg.errors.DeadlockDetected: deadlock detected",
                               "2025-06-03 14:00:02,310 INFO [worker] settled 97 entries"])
    # The runtime cannot start these: no log, the reason is in the status message.
    fx = container("fx-rates", reg + "fx-rates:2.0.0", 8080, readiness=("/readyz", 8080))
    start = crashing(6, 128, at(ASOF, -95), reason="StartError", name="fx-rates")
    start["lastState"]["terminated"]["message"] = (
        'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start '
        'container process: exec: "/app/fx-rates": stat /app/fx-rates: no such file or directory: unknown')
    [f] = c.deployment(ns, "fx-rates", {"app": "fx-rates"}, [fx], [("h7t2w", [start], "10.42.3.60")], at(ASOF, -700), "7d9c8b6f5")
    c.event(ns, "Pod", f["metadata"]["name"], "Failed", "Error: " + start["lastState"]["terminated"]["message"],
            at(ASOF, -690), at(ASOF, -95), count=7, field="spec.containers{fx-rates}")
    c.event(ns, "Pod", f["metadata"]["name"], "BackOff", f"Back-off restarting failed container fx-rates in pod {f['metadata']['name']}_{ns}({f['metadata']['uid']})",
            at(ASOF, -680), at(ASOF, -20), count=30, field="spec.containers{fx-rates}")
    c.service(ns, "fx-rates", {"app": "fx-rates"}, 80, 8080, "10.100.7.40")
    nt = container("notifier", reg + "notifier:0.9.1", 9000)
    denied = ('failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start '
              'container process: exec: "/entrypoint.sh": permission denied: unknown')
    run = waiting("RunContainerError", denied)
    run["restartCount"] = 3
    run["lastState"] = {"terminated": {"exitCode": 128, "reason": "StartError", "message": denied, "startedAt": "1970-01-01T00:00:00Z",
                                       "finishedAt": at(ASOF, -50), "containerID": "containerd://%064x" % zlib.crc32(b"notifier")}}
    [n] = c.deployment(ns, "notifier", {"app": "notifier"}, [nt], [("q8w3e", [run], "10.42.3.61")], at(ASOF, -300), "8e7d6c5b4")
    # Decoys: a managed database outside the cluster, and a pod IP from before a rollout.
    rc = container("reconciler", reg + "reconciler:3.2.0", env={"BANK_DB_ADDR": "10.20.30.40:5432"})
    [r] = c.deployment(ns, "reconciler", {"app": "reconciler"}, [rc], [("z5v6b", [running(at(ASOF, -1400))], "10.42.3.53")], at(ASOF, -1410), "9f8e7d6c5")
    c.log(r, "reconciler", [zap(1748958400.1, "info", "cmd/reconciler/main.go:30", "reconciler started", bank_db="10.20.30.40:5432")]
          + [zap(1748958460.0 + i * 60, "warn", "bank/conn.go:44", "bank replica unavailable, using primary",
                 error="dial tcp 10.20.30.40:5432: connect: connection refused") for i in range(4)])
    st = container("statements", reg + "statements:4.0.2", 3000, env={"LEDGER_API": "http://ledger-api"}, readiness=("/healthz", 3000))
    [t] = c.deployment(ns, "statements", {"app": "statements"}, [st], [("c3d4f", [running(at(ASOF, -1200))], "10.42.3.54")], at(ASOF, -1210), "4b5c6d7e8")
    h, base = t["metadata"]["name"], 1748959000000
    c.log(t, "statements", [pino(base, 30, "statements listening on :3000", host=h),
                            pino(base + 500, 40, "pdf renderer connection reset, reconnecting", host=h,
                                 err={"type": "Error", "message": "connect ECONNREFUSED 10.42.3.29:8080", "code": "ECONNREFUSED"}),
                            pino(base + 1500, 30, "pdf renderer ready", host=h)])
    c.service(ns, "statements", {"app": "statements"}, 80, 3000, "10.100.7.50")
    # A metrics relay scrapes pods by IP (its service discovery): fx-rates' pod refuses, it never started.
    mr = container("metrics-relay", "quay.io/prometheus/prometheus:v2.52.0", 9090)
    [m] = c.deployment(ns, "metrics-relay", {"app": "metrics-relay"}, [mr], [("j6k7l", [running(at(ASOF, -1300))], "10.42.3.55")], at(ASOF, -1310), "3a4b5c6d7")
    c.log(m, "metrics-relay", ['ts=2025-06-03T13:58:20.114Z caller=main.go:1372 level=info msg="Server is ready to receive web requests."']
          + [f'ts=2025-06-03T14:{10 + i}:05.{310 + i}Z caller=scrape.go:1292 level=error component="scrape manager" scrape_pool=ledger-pods '
             f'target=http://10.42.3.60:8080/metrics msg="Scrape failed" err="Get \\"http://10.42.3.60:8080/metrics\\": dial tcp 10.42.3.60:8080: connect: connection refused"'
             for i in range(5)])
    c.write_list("containerd-ip-logs", {"state.yaml": lambda o: o["kind"] != "Node", "nodes.yaml": kinds("Node")})


for build in (spring_placeholder, node_pino, go_zap, python_cluster_info, jvm_all_namespaces, events_v1_platform, edge_proxies,
              node_namespaces, logback_json, containerd_ip_logs):
    build()
print("ok")
