package dev.rootcause.pipeline;

import dev.rootcause.collect.FileCollector;
import dev.rootcause.collect.YamlCollector;
import dev.rootcause.collect.build.ComposeCollector;
import dev.rootcause.collect.build.GitHubWorkflowCollector;
import dev.rootcause.collect.build.GitLabCiCollector;
import dev.rootcause.collect.build.JenkinsfileImageCollector;
import dev.rootcause.collect.build.MakefileCollector;
import dev.rootcause.collect.build.ShellScriptCollector;
import dev.rootcause.collect.code.CodeCollector;
import dev.rootcause.collect.docker.DockerfileCollector;
import dev.rootcause.collect.envoy.EnvoyConfigCollector;
import dev.rootcause.collect.k8s.ManifestCollector;
import dev.rootcause.collect.nginx.NginxCollector;
import dev.rootcause.collect.nginx.NginxConfigMapCollector;
import dev.rootcause.collect.pipeline.ComposeServicesCollector;
import dev.rootcause.collect.pipeline.JenkinsfileCollector;
import dev.rootcause.collect.pipeline.ScriptPipelineCollector;
import dev.rootcause.collect.pipeline.WorkflowCollector;
import java.util.List;

/** Every collector the scan uses: one place to add a new kind of input. */
final class Collectors {
  private Collectors() {}

  /** File collectors; CodeCollector last, as its finish() joins code to the Dockerfiles read. */
  static List<FileCollector> fileCollectors() {
    return List.of(
        new DockerfileCollector(),
        new JenkinsfileCollector(),
        new ScriptPipelineCollector(),
        new ShellScriptCollector(),
        new MakefileCollector(),
        new JenkinsfileImageCollector(),
        new NginxCollector(),
        new CodeCollector());
  }

  static List<YamlCollector> yamlCollectors() {
    return List.of(
        new ManifestCollector(),
        new WorkflowCollector(),
        new ComposeCollector(),
        new GitHubWorkflowCollector(),
        new GitLabCiCollector(),
        new NginxConfigMapCollector(),
        new EnvoyConfigCollector(),
        new ComposeServicesCollector());
  }
}
