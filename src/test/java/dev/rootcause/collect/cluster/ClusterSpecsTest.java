package dev.rootcause.collect.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.collect.SourceFile;
import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.SourceLocation;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which of a cluster's objects are read as the team's specs, and how a line names its field. */
class ClusterSpecsTest {

  private static List<HasMetadata> cluster() {
    return List.of(
        new DeploymentBuilder()
            .withNewMetadata()
            .withName("checkout")
            .withNamespace("shop")
            .withUid("d-1")
            .addToAnnotations(
                "kubectl.kubernetes.io/last-applied-configuration", "{\"kind\":\"Deployment\"}")
            .endMetadata()
            .withNewSpec()
            .withNewTemplate()
            .withNewSpec()
            .addNewContainer()
            .withName("checkout")
            .withImage("registry.example.com/shop/checkout:2.3.0")
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build(),
        // Owned by the Deployment read beside it: the same template, reported once, on its owner.
        new ReplicaSetBuilder()
            .withNewMetadata()
            .withName("checkout-7b9d8c5f4")
            .withNamespace("shop")
            .addNewOwnerReference()
            .withKind("Deployment")
            .withName("checkout")
            .withUid("d-1")
            .withController(true)
            .endOwnerReference()
            .endMetadata()
            .build(),
        // The platform's own workload and a Secret's data are not the team's specs.
        new DeploymentBuilder()
            .withNewMetadata()
            .withName("coredns")
            .withNamespace("kube-system")
            .endMetadata()
            .build(),
        new SecretBuilder()
            .withNewMetadata()
            .withName("checkout-db")
            .withNamespace("shop")
            .endMetadata()
            .addToStringData("password", "hunter2")
            .build());
  }

  @Test
  void onlyTheObjectsAPersonFixesAreReadAndWhatKubectlAddsIsNot() throws Exception {
    try (ClusterSpecs specs = ClusterSpecs.of("kind-shop", cluster())) {
      List<SourceFile> files = specs.files();

      assertThat(files).extracting(SourceFile::path).containsExactly("<cluster>/shop");
      String text = Files.readString(files.get(0).absolute());
      assertThat(text)
          .contains("\"name\" : \"checkout\"")
          .doesNotContain("checkout-7b9d8c5f4", "coredns", "hunter2", "last-applied");
    }
  }

  @Test
  void aLineOfTheTextNamesTheObjectAndItsField() throws Exception {
    try (ClusterSpecs specs = ClusterSpecs.of("kind-shop", cluster())) {
      SourceFile file = specs.files().get(0);
      List<String> lines = Files.readAllLines(file.absolute());
      int image = 0;
      while (!lines.get(image).contains("\"image\"")) {
        image++;
      }

      ClusterLocation at = specs.locate(SourceLocation.of(file.path(), image + 1));

      assertThat(at.display())
          .isEqualTo("Deployment shop/checkout .spec.template.spec.containers[0].image");
      assertThat(specs.locate(SourceLocation.of("k8s/checkout.yaml", 3))).isNull();
    }
  }

  @Test
  void theTeamsConfigMapsAreSpecsButThePlatformsAndHelmsReleaseRecordsAreNot() throws Exception {
    List<HasMetadata> cluster =
        List.of(
            configMap("checkout-envoy", "envoy.yaml", "static_resources: {}").build(),
            // In every namespace: kept as its name and keys, so a pod mounting it finds it.
            configMap("kube-root-ca.crt", "ca.crt", "-----BEGIN CERTIFICATE-----MIIBdzCC").build(),
            // Helm 3 with HELM_DRIVER=configmap, and Helm 2's Tiller: release records.
            configMap("sh.helm.release.v1.checkout.v7", "release", "H4sIAAAAAAAC_helm3")
                .editMetadata()
                .addToLabels("owner", "helm")
                .endMetadata()
                .build(),
            configMap("checkout.v3", "release", "H4sIAAAAAAAC_tiller")
                .editMetadata()
                .addToLabels("OWNER", "TILLER")
                .endMetadata()
                .build(),
            // An old controller's leader-election lock.
            configMap("ingress-controller-leader", "x", "y")
                .editMetadata()
                .addToAnnotations("control-plane.alpha.kubernetes.io/leader", "{}")
                .endMetadata()
                .build());
    try (ClusterSpecs specs = ClusterSpecs.of("kind-shop", cluster)) {
      String text = Files.readString(specs.files().get(0).absolute());

      assertThat(text)
          .contains("checkout-envoy", "static_resources", "kube-root-ca.crt", "\"ca.crt\" : \"\"")
          .doesNotContain(
              "BEGIN CERTIFICATE",
              "sh.helm.release",
              "helm3",
              "tiller",
              "ingress-controller-leader");
    }
  }

  private static ConfigMapBuilder configMap(String name, String key, String value) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("shop")
        .endMetadata()
        .addToData(key, value);
  }
}
