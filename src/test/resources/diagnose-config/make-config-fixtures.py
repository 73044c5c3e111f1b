"""Writes diagnose's ConfigMap, Ingress and PodDisruptionBudget cluster states: python3
make-config-fixtures.py (PyYAML needed). Pods are seed 002's order-service pod reshaped, so every
object keeps the fields kubectl prints; each case is written in the layout a different team uses."""
import base64, copy, gzip, json, os, sys, zlib
sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "../rules/runtime"))
from diagnose_fixtures import PODS, app, dump, lst, write_cluster_info_dump, write_get_yaml, deployment

BASE = next(p for p in PODS if app(p) == "order-service")
CREATED = "2025-03-04T08:12:40Z"

def uid(name, prefix="5d2e"):
    return "%s%04x-1b3c-4d5e-8f90-%012x" % (prefix, zlib.crc32(name.encode()) % 65536, zlib.crc32(name[::-1].encode()))

def meta(kind, name, ns, labels=None, **extra):
    m = {"creationTimestamp": CREATED, "name": name, "namespace": ns, "resourceVersion": str(30000 + zlib.crc32(name.encode()) % 9000),
         "uid": uid(kind + name)}
    if labels:
        m["labels"] = labels
    m.update(extra)
    return m

def container(name, image, ports, **extra):
    c = {"image": image, "imagePullPolicy": "IfNotPresent", "name": name,
         "ports": [{"containerPort": p, "name": n, "protocol": "TCP"} for n, p in ports],
         "resources": {"limits": {"cpu": "500m", "memory": "256Mi"}, "requests": {"cpu": "100m", "memory": "128Mi"}},
         "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File"}
    if not ports:
        del c["ports"]
    c.update(extra)
    return c

def workload(name, ns, labels, containers, replicas, rs_hash, volumes=()):
    """The Deployment as kubectl get deploy -o yaml prints it, its ReplicaSet and its running pods."""
    spec = {"containers": copy.deepcopy(containers), "dnsPolicy": "ClusterFirst", "restartPolicy": "Always",
            "schedulerName": "default-scheduler", "securityContext": {}, "terminationGracePeriodSeconds": 30}
    if volumes:
        spec["volumes"] = list(volumes)
    d = {"apiVersion": "apps/v1", "kind": "Deployment",
         "metadata": meta("Deployment", name, ns, labels, generation=3,
                          annotations={"deployment.kubernetes.io/revision": "3"}),
         "spec": {"progressDeadlineSeconds": 600, "replicas": replicas, "revisionHistoryLimit": 10,
                  "selector": {"matchLabels": labels},
                  "strategy": {"rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}, "type": "RollingUpdate"},
                  "template": {"metadata": {"creationTimestamp": None, "labels": labels}, "spec": spec}},
         "status": {"availableReplicas": replicas, "observedGeneration": 3, "readyReplicas": replicas,
                    "replicas": replicas, "updatedReplicas": replicas,
                    "conditions": [{"lastTransitionTime": CREATED, "lastUpdateTime": CREATED, "message": "Deployment has minimum availability.",
                                    "reason": "MinimumReplicasAvailable", "status": "True", "type": "Available"}]}}
    rs_name = f"{name}-{rs_hash}"
    rs_labels = dict(labels, **{"pod-template-hash": rs_hash})
    rs = {"apiVersion": "apps/v1", "kind": "ReplicaSet",
          "metadata": meta("ReplicaSet", rs_name, ns, rs_labels,
                           annotations={"deployment.kubernetes.io/desired-replicas": str(replicas), "deployment.kubernetes.io/max-replicas": str(replicas + 1), "deployment.kubernetes.io/revision": "3"},
                           ownerReferences=[{"apiVersion": "apps/v1", "blockOwnerDeletion": True, "controller": True, "kind": "Deployment", "name": name, "uid": d["metadata"]["uid"]}]),
          "spec": {"replicas": replicas, "selector": {"matchLabels": rs_labels},
                   "template": {"metadata": {"creationTimestamp": None, "labels": rs_labels}, "spec": copy.deepcopy(spec)}},
          "status": {"availableReplicas": replicas, "fullyLabeledReplicas": replicas, "observedGeneration": 1, "readyReplicas": replicas, "replicas": replicas}}
    pods = []
    for i in range(replicas):
        suffix = "%05x" % (zlib.crc32((rs_name + str(i)).encode()) % 0xfffff)
        suffix = "".join("bcdfghjklmnpqrstvwxz"[int(ch, 16) % 20] for ch in suffix)
        p = copy.deepcopy(BASE)
        pname = f"{rs_name}-{suffix}"
        p["metadata"] = meta("Pod", pname, ns, rs_labels, generateName=rs_name + "-",
                             ownerReferences=[{"apiVersion": "apps/v1", "blockOwnerDeletion": True, "controller": True, "kind": "ReplicaSet", "name": rs_name, "uid": rs["metadata"]["uid"]}])
        api = copy.deepcopy(BASE["spec"]["volumes"][0])
        api["name"] = "kube-api-access-" + suffix
        pspec = copy.deepcopy(spec)
        for c in pspec["containers"]:
            c.setdefault("volumeMounts", []).append({"mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "name": api["name"], "readOnly": True})
        pspec["volumes"] = pspec.get("volumes", []) + [api]
        for k in ("nodeName", "preemptionPolicy", "priority", "serviceAccount", "serviceAccountName", "tolerations", "enableServiceLinks"):
            pspec[k] = BASE["spec"][k]
        p["spec"] = pspec
        st = p["status"]
        template = st["containerStatuses"][0]
        st["containerStatuses"] = []
        for c in containers:
            cs = copy.deepcopy(template)
            cs.update({"name": c["name"], "image": c["image"], "restartCount": 0, "ready": True, "started": True,
                       "lastState": {}, "state": {"running": {"startedAt": "2025-03-04T08:12:44Z"}},
                       "containerID": "containerd://" + format(zlib.crc32((pname + c["name"]).encode()), "08x") * 8})
            st["containerStatuses"].append(cs)
        st["podIP"] = st["podIPs"][0]["ip"] = "10.42.0.%d" % (10 + zlib.crc32(pname.encode()) % 200)
        st["startTime"] = CREATED
        for cond in st["conditions"]:
            cond["lastTransitionTime"] = CREATED
            cond["status"] = "True"
        pods.append(p)
    return d, rs, pods

def service(name, ns, selector, port, target, port_name="http"):
    return {"apiVersion": "v1", "kind": "Service", "metadata": meta("Service", name, ns, {"app": name} if "app" in selector else None),
            "spec": {"clusterIP": "10.43.%d.%d" % (zlib.crc32(name.encode()) % 250, zlib.crc32(ns.encode()) % 250),
                     "clusterIPs": ["10.43.%d.%d" % (zlib.crc32(name.encode()) % 250, zlib.crc32(ns.encode()) % 250)],
                     "internalTrafficPolicy": "Cluster", "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack",
                     "ports": [{"name": port_name, "port": port, "protocol": "TCP", "targetPort": target}],
                     "selector": selector, "sessionAffinity": "None", "type": "ClusterIP"},
            "status": {"loadBalancer": {}}}

def config_map(name, ns, data, labels=None, annotations=None):
    m = meta("ConfigMap", name, ns, labels)
    if annotations:
        m["annotations"] = annotations
    return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": m, "data": data}

ROOT_CA = "-----BEGIN CERTIFICATE-----\nMIIBdzCCAR2gAwIBAgIBADAKBggqhkjOPQQDAjAjMSEwHwYDVQQDDBhrM3Mtc2Vy\ndmVyLWNhQDE3MDk1NDQ3NTcwHhcNMjQwMzA0MDkzMjM3WhcNMzQwMzAyMDkzMjM3\n-----END CERTIFICATE-----\n"

def root_ca(ns):
    return config_map("kube-root-ca.crt", ns, {"ca.crt": ROOT_CA},
                      annotations={"kubernetes.io/description": "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters."})

def helm_release(name, ns, version, manifest):
    """Helm 3 with HELM_DRIVER=configmap: the release record, its manifest gzipped and base64'd twice."""
    blob = base64.b64encode(base64.b64encode(gzip.compress(json.dumps({"name": name, "manifest": manifest}).encode(), mtime=0))).decode()
    return config_map(f"sh.helm.release.v1.{name}.v{version}", ns, {"release": blob},
                      labels={"modifiedAt": "1709540000", "name": name, "owner": "helm", "status": "deployed", "version": str(version)})

def write_cluster_info_dump_with(d, ns, objects, extra):
    """cluster-info dump plus the lists a team adds beside pods.json with `kubectl get ... -o json`."""
    write_cluster_info_dump(d, ns, objects, {})
    for kind, items in extra.items():
        with open(f"{d}/{ns}/{kind}.json", "w") as f:
            f.write(json.dumps({"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}}, indent=4) + "\n")

def envoy_yaml(local_port):
    return f"""admin:
  address:
    socket_address: {{ address: 0.0.0.0, port_value: 9901 }}
static_resources:
  listeners:
    - name: ingress
      address:
        socket_address: {{ address: 0.0.0.0, port_value: 10000 }}
      filter_chains:
        - filters:
            - name: envoy.filters.network.http_connection_manager
              typed_config:
                "@type": type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
                stat_prefix: ingress_http
                route_config:
                  virtual_hosts:
                    - name: checkout
                      domains: ["*"]
                      routes:
                        - match: {{ prefix: "/api/payments" }}
                          route: {{ cluster: payments, timeout: 10s }}
                        - match: {{ prefix: "/" }}
                          route: {{ cluster: local_checkout, timeout: 15s }}
                http_filters:
                  - name: envoy.filters.http.router
                    typed_config:
                      "@type": type.googleapis.com/envoy.extensions.filters.http.router.v3.Router
  clusters:
    - name: local_checkout
      connect_timeout: 0.5s
      type: STATIC
      load_assignment:
        cluster_name: local_checkout
        endpoints:
          - lb_endpoints:
              - endpoint:
                  address:
                    socket_address: {{ address: 127.0.0.1, port_value: {local_port} }}
    - name: payments
      connect_timeout: 1s
      type: STRICT_DNS
      load_assignment:
        cluster_name: payments
        endpoints:
          - lb_endpoints:
              - endpoint:
                  address:
                    socket_address: {{ address: payments.shop.svc.cluster.local, port_value: 8080 }}
"""

def envoy_case(d, local_port):
    """A shop team's Deployment with an Envoy sidecar configured by a ConfigMap, read with
    kubectl cluster-info dump; the ConfigMaps added beside it as configmaps.json."""
    ns = "shop"
    checkout = [container("checkout", "registry.example.com/shop/checkout:1.14.2", [("http", 8080)],
                          readinessProbe={"failureThreshold": 3, "httpGet": {"path": "/healthz", "port": "http", "scheme": "HTTP"},
                                          "periodSeconds": 10, "successThreshold": 1, "timeoutSeconds": 1}),
                container("envoy", "envoyproxy/envoy:v1.29.2", [("proxy", 10000), ("admin", 9901)],
                          args=["-c", "/etc/envoy/envoy.yaml", "--service-cluster", "checkout"],
                          volumeMounts=[{"mountPath": "/etc/envoy", "name": "envoy-config", "readOnly": True}])]
    d1, rs1, p1 = workload("checkout", ns, {"app": "checkout"}, checkout, 2, "6c9f7d8b54",
                           [{"configMap": {"defaultMode": 420, "name": "checkout-envoy"}, "name": "envoy-config"}])
    d2, rs2, p2 = workload("payments", ns, {"app": "payments"},
                           [container("payments", "registry.example.com/shop/payments:3.2.0", [("http", 8080)])], 1, "7f5b8c9d6e")
    objects = {"pods": p1 + p2, "deployments": [d1, d2], "replicasets": [rs1, rs2],
               "services": [service("checkout", ns, {"app": "checkout"}, 80, "proxy"), service("payments", ns, {"app": "payments"}, 8080, "http")]}
    cms = [config_map("checkout-envoy", ns, {"envoy.yaml": envoy_yaml(local_port)},
                      labels={"app": "checkout", "app.kubernetes.io/managed-by": "Helm"},
                      annotations={"meta.helm.sh/release-name": "checkout", "meta.helm.sh/release-namespace": ns}),
           root_ca(ns),
           helm_release("checkout", ns, 7, "---\n# Source: checkout/templates/configmap.yaml\napiVersion: v1\nkind: ConfigMap\n")]
    write_cluster_info_dump_with(d, ns, objects, {"configmaps": cms})

NGINX_CONF = """upstream portal {
  server 127.0.0.1:%d;
  keepalive 16;
}

server {
  listen 80 default_server;
  server_name _;
  client_max_body_size 20m;

  location = /nginx-health {
    access_log off;
    return 200 "ok";
  }

  location / {
    proxy_pass http://127.0.0.1:%d;
    proxy_http_version 1.1;
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    proxy_read_timeout 60s;
  }
}
"""

def nginx_case(d, app_port):
    """A finance team's legacy app behind an nginx sidecar, saved as one `kubectl get
    deploy,rs,pods,svc,cm -n finance -o yaml` file."""
    ns = "finance"
    labels = {"app.kubernetes.io/name": "billing-portal", "app.kubernetes.io/part-of": "finance"}
    cs = [container("portal", "ghcr.io/acme/billing-portal:2024.11.3", [("app", 9000)],
                    env=[{"name": "DB_HOST", "value": "billing.cluster-c9x2kq1jm4ab.eu-west-1.rds.amazonaws.com"}]),
          container("nginx", "nginx:1.27-alpine", [("http", 80)],
                    readinessProbe={"failureThreshold": 3, "httpGet": {"path": "/nginx-health", "port": 80, "scheme": "HTTP"},
                                    "periodSeconds": 10, "successThreshold": 1, "timeoutSeconds": 1},
                    volumeMounts=[{"mountPath": "/etc/nginx/conf.d", "name": "nginx-conf"}])]
    dep, rs, pods = workload("billing-portal", ns, labels, cs, 2, "58d7f6c4b9",
                             [{"configMap": {"defaultMode": 420, "name": "billing-portal-nginx"}, "name": "nginx-conf"}])
    svc = service("billing-portal", ns, labels, 80, "http")
    items = [dep, rs] + pods + [svc,
             config_map("billing-portal-nginx", ns, {"default.conf": NGINX_CONF % (app_port, app_port)}),
             root_ca(ns),
             helm_release("billing-portal", ns, 3, "---\n# Source: billing-portal/templates/deployment.yaml\n")]
    os.makedirs(d, exist_ok=True)
    for f in os.listdir(d):
        os.remove(os.path.join(d, f))
    with open(f"{d}/finance.yaml", "w") as f:
        f.write(dump(lst(items)))

def ingress(name, ns, rules=None, default=None, tls=None):
    spec = {"ingressClassName": "nginx"}
    if default:
        spec["defaultBackend"] = {"service": {"name": default[0], "port": {"number": default[1]}}}
    if rules:
        spec["rules"] = rules
    if tls:
        spec["tls"] = tls
    return {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
            "metadata": meta("Ingress", name, ns, None, generation=1, annotations={"nginx.ingress.kubernetes.io/proxy-body-size": "8m"}),
            "spec": spec, "status": {"loadBalancer": {"ingress": [{"ip": "172.18.0.3"}]}}}

def path(p, svc, port):
    return {"backend": {"service": {"name": svc, "port": {"number": port} if isinstance(port, int) else {"name": port}}},
            "path": p, "pathType": "Prefix"}

def pdb(name, ns, selector, min_available=None, max_unavailable=None, healthy=2):
    spec = {"selector": {"matchLabels": selector}}
    if min_available is not None:
        spec["minAvailable"] = min_available
    if max_unavailable is not None:
        spec["maxUnavailable"] = max_unavailable
    allowed = 0 if min_available is not None and min_available >= healthy or max_unavailable == 0 else 1
    return {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": meta("PodDisruptionBudget", name, ns, None, generation=1),
            "spec": spec,
            "status": {"conditions": [{"lastTransitionTime": CREATED, "message": "", "observedGeneration": 1,
                                       "reason": "InsufficientPods" if allowed == 0 else "SufficientPods",
                                       "status": "False" if allowed == 0 else "True", "type": "DisruptionAllowed"}],
                       "currentHealthy": healthy, "desiredHealthy": healthy if allowed == 0 else healthy - 1,
                       "disruptionsAllowed": allowed, "expectedPods": healthy, "observedGeneration": 1}}

def storefront_case(d, broken):
    """A platform team's storefront read with one `kubectl get <kind> -o yaml` file a kind."""
    ns = "storefront"
    web, web_rs, web_pods = workload("web", ns, {"app": "web"}, [container("web", "registry.example.com/storefront/web:4.2.0", [("http", 8080)])], 2, "5b8d9c7f6a")
    api, api_rs, api_pods = workload("api", ns, {"app": "api"}, [container("api", "registry.example.com/storefront/api:4.2.0", [("http", 8080)])], 3, "7c6f5d8b9e")
    services = [service("web", ns, {"app": "web"}, 80, "http"), service("api", ns, {"app": "api"}, 8080, "http")]
    rules = [{"host": "shop.example.com", "http": {"paths": [
                path("/api", "api", 80 if broken else 8080),
                path("/", "web-svc" if broken else "web", 80)]}}]
    ingresses = [ingress("storefront", ns, rules, tls=[{"hosts": ["shop.example.com"], "secretName": "shop-example-com-tls"}]),
                 # The trap: an Ingress with a default backend and no rules at all.
                 ingress("maintenance-page", ns, default=("web", 80))]
    budgets = [pdb("web", ns, {"app": "web"}, min_available=2 if broken else 1, healthy=2),
               # The trap: one of three may go.
               pdb("api", ns, {"app": "api"}, max_unavailable=1, healthy=3)]
    write_get_yaml(d, {"pods": web_pods + api_pods, "deployments": [web, api], "replicasets": [web_rs, api_rs],
                       "services": services, "ingresses": ingresses, "poddisruptionbudgets": budgets}, {})

envoy_case(os.path.join(HERE, "envoy-sidecar-broken"), 8000)
envoy_case(os.path.join(HERE, "envoy-sidecar-fixed"), 8080)
nginx_case(os.path.join(HERE, "nginx-sidecar-broken"), 9090)
nginx_case(os.path.join(HERE, "nginx-sidecar-fixed"), 9000)
storefront_case(os.path.join(HERE, "storefront-broken"), True)
storefront_case(os.path.join(HERE, "storefront-fixed"), False)
