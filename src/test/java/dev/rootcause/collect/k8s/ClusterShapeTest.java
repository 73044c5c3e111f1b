package dev.rootcause.collect.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.collect.yaml.YamlDocument;
import dev.rootcause.collect.yaml.YamlNode.Mapping;
import dev.rootcause.collect.yaml.YamlReader;
import dev.rootcause.model.SystemModel;
import dev.rootcause.model.k8s.NodeShape;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterShapeTest {

  private static List<NodeShape> nodes(String yaml) {
    SystemModel.Builder builder = SystemModel.builder();
    for (YamlDocument doc : YamlReader.read("cluster.yaml", yaml).documents()) {
      Mapping object = (Mapping) doc.root();
      ObjectReader reader = new ObjectReader(object, doc.endLine());
      KubeFactReader.read(object, reader.meta(), builder);
    }
    return builder.build().kube().nodes();
  }

  private static String describe(NodeShape n) {
    return n.name() + " " + new java.util.TreeMap<>(n.labels()) + " " + n.taints();
  }

  @Test
  void kindNodesCarryConfigLabelsPatchLabelsAndTheControlPlaneTaint() {
    List<NodeShape> nodes =
        nodes(
            """
            kind: Cluster
            apiVersion: kind.x-k8s.io/v1alpha4
            name: lab
            nodes:
              - role: control-plane
                kubeadmConfigPatches:
                  - |
                    kind: InitConfiguration
                    nodeRegistration:
                      kubeletExtraArgs:
                        node-labels: "ingress-ready=true,zone=a"
              - role: worker
                labels:
                  tier: backend
              - role: worker
                kubeadmConfigPatches:
                  - |
                    kind: JoinConfiguration
                    nodeRegistration:
                      kubeletExtraArgs:
                        register-with-taints: "dedicated=db:NoSchedule"
            """);
    assertThat(nodes)
        .extracting(ClusterShapeTest::describe)
        .containsExactly(
            "lab-control-plane {ingress-ready=true, kubernetes.io/os=linux,"
                + " node-role.kubernetes.io/control-plane=, zone=a}"
                + " [{node-role.kubernetes.io/control-plane: }]",
            "lab-worker {kubernetes.io/os=linux, tier=backend} []",
            "lab-worker2 {kubernetes.io/os=linux} [{dedicated: db}]");
    assertThat(nodes).allMatch(NodeShape::labelsKnown);
  }

  @Test
  void aSingleNodeKindClusterRunsPodsOnItsControlPlane() {
    List<NodeShape> nodes = nodes("kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n");
    assertThat(nodes).hasSize(1);
    assertThat(nodes.get(0).name()).isEqualTo("kind-control-plane");
    assertThat(nodes.get(0).taints()).isEmpty();
  }

  @Test
  void kubeadmV1beta4ListFormLabelsAreRead() {
    List<NodeShape> nodes =
        nodes(
            """
            kind: Cluster
            apiVersion: kind.x-k8s.io/v1alpha4
            nodes:
              - role: control-plane
                kubeadmConfigPatches:
                  - |
                    kind: InitConfiguration
                    nodeRegistration:
                      kubeletExtraArgs:
                        - name: node-labels
                          value: "ingress-ready=true"
            """);
    assertThat(nodes.get(0).labels()).containsEntry("ingress-ready", "true");
  }

  @Test
  void k3dNodeFiltersPlaceLabelsAndTaints() {
    List<NodeShape> nodes =
        nodes(
            """
            apiVersion: k3d.io/v1alpha5
            kind: Simple
            metadata:
              name: dev
            servers: 1
            agents: 2
            options:
              k3s:
                extraArgs:
                  - arg: --node-taint=gpu=true:NoSchedule
                    nodeFilters:
                      - agent:0
                nodeLabels:
                  - label: disk=ssd
                    nodeFilters:
                      - agent:1
            """);
    assertThat(nodes)
        .extracting(n -> n.name() + " " + n.labels().get("disk") + " " + n.taints())
        .containsExactly(
            "k3d-dev-server-0 null []",
            "k3d-dev-agent-0 null [{gpu: true}]",
            "k3d-dev-agent-1 ssd []");
  }

  @Test
  void nodeObjectsGiveAllocatableCapacity() {
    List<NodeShape> nodes =
        nodes(
            """
            apiVersion: v1
            kind: Node
            metadata:
              name: worker-1
              labels: {kubernetes.io/hostname: worker-1}
            spec:
              taints:
                - {key: maintenance, effect: NoExecute}
            status:
              capacity: {cpu: "4", memory: 16Gi}
              allocatable: {cpu: 3800m, memory: 15Gi}
            """);
    assertThat(nodes.get(0).cpu().raw()).isEqualTo("3800m");
    assertThat(nodes.get(0).memory().raw()).isEqualTo("15Gi");
    assertThat(nodes.get(0).taints())
        .extracting(NodeShape.Taint::effect)
        .containsExactly("NoExecute");
  }
}
