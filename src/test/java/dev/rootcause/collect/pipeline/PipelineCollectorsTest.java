package dev.rootcause.collect.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.collect.Facts;
import dev.rootcause.collect.FileKind;
import dev.rootcause.collect.SourceFile;
import dev.rootcause.collect.yaml.YamlReader;
import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.SystemModel;
import dev.rootcause.model.pipeline.Pipeline;
import dev.rootcause.model.pipeline.Pipeline.StepKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineCollectorsTest {

  private static SystemModel jenkins(String text) {
    Facts facts = new Facts();
    new JenkinsfileCollector()
        .collect(
            new SourceFile(
                Path.of("Jenkinsfile"), "Jenkinsfile", FileKind.JENKINSFILE, text.length()),
            text,
            facts);
    return facts.model().build();
  }

  private static SystemModel workflow(String path, String text) {
    Facts facts = new Facts();
    new WorkflowCollector()
        .collect(
            new SourceFile(Path.of(path), path, FileKind.YAML, text.length()),
            YamlReader.read(path, text).documents(),
            facts);
    return facts.model().build();
  }

  @Test
  void jenkinsStagesStepsAndLinesOfTripleQuotedShell() {
    String text =
        """
        pipeline {
          agent any
          stages {
            stage('Build') {
              steps {
                sh 'pip install -r requirements.txt'
              }
            }
            stage("Deploy") {
              steps {
                sh '''
                  # copy and restart
                  scp -r . ubuntu@10.0.1.25:/srv/app
                  ssh ubuntu@10.0.1.25 "sudo systemctl restart app"
                '''
              }
              post {
                failure {
                  sh(script: 'ssh ubuntu@10.0.1.25 /srv/rollback.sh', label: 'rollback')
                }
                success {
                  sh 'curl -s -X POST $HOOK'
                }
              }
            }
          }
        }
        """;
    Pipeline p = jenkins(text).pipelines().get(0);
    assertThat(p.stages()).extracting(Pipeline.Stage::name).containsExactly("Build", "Deploy");
    Pipeline.Stage deploy = p.stages().get(1);
    assertThat(deploy.steps())
        .extracting(s -> s.location().line(), Pipeline.Step::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(13, StepKind.DEPLOY),
            org.assertj.core.groups.Tuple.tuple(14, StepKind.DEPLOY),
            org.assertj.core.groups.Tuple.tuple(22, StepKind.OTHER));
    assertThat(deploy.onFailure())
        .extracting(Pipeline.Step::kind)
        .containsExactly(StepKind.ROLLBACK);
  }

  @Test
  void textThatLooksLikeAStageInsideStringsAndCommentsIsNotOne() {
    String text =
        """
        // stage('Commented') { steps { sh 'kubectl apply -f k8s/' } }
        pipeline {
          stages {
            stage('Echo') {
              steps {
                echo "stage('Fake') { sh 'kubectl apply -f x' }"
                sh 'make test'
              }
            }
          }
        }
        """;
    Pipeline p = jenkins(text).pipelines().get(0);
    assertThat(p.stages()).extracting(Pipeline.Stage::name).containsExactly("Echo");
    assertThat(p.stages().get(0).steps())
        .extracting(Pipeline.Step::command)
        .containsExactly("make test");
  }

  @Test
  void unterminatedStringIsAProblemNamingTheLine() {
    Facts facts = new Facts();
    String text = "pipeline {\n  stages {\n    stage('x') { steps { sh '''kubectl apply \n";
    new JenkinsfileCollector()
        .collect(
            new SourceFile(Path.of("Jenkinsfile"), "Jenkinsfile", FileKind.JENKINSFILE, 10),
            text,
            facts);
    assertThat(facts.problems())
        .extracting(CollectionProblem::display)
        .containsExactly("Jenkinsfile: skipped: unterminated string starting at line 3");
  }

  @Test
  void actionsJobsRunLinesAndFailureSteps() {
    String text =
        """
        name: deploy
        on: push
        jobs:
          deploy:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - run: |
                  kubectl apply -f k8s/
                  kubectl rollout status deploy/web
              - if: ${{ failure() }}
                run: kubectl rollout undo deploy/web
        """;
    Pipeline p = workflow(".github/workflows/deploy.yml", text).pipelines().get(0);
    assertThat(p.system()).isEqualTo("GitHub Actions");
    Pipeline.Stage job = p.stages().get(0);
    assertThat(job.steps())
        .extracting(s -> s.location().line(), Pipeline.Step::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(9, StepKind.DEPLOY),
            org.assertj.core.groups.Tuple.tuple(10, StepKind.VERIFY));
    assertThat(job.onFailure()).extracting(Pipeline.Step::kind).containsExactly(StepKind.ROLLBACK);
  }

  @Test
  void gitlabJobsButNotItsKeywordsOrTemplates() {
    String text =
        """
        stages: [test, deploy]
        variables:
          APP: web
        .deploy-template:
          script: [kubectl apply -f k8s/]
        deploy:
          stage: deploy
          script:
            - helm upgrade --install web ./chart --atomic
        rollback:
          stage: deploy
          when: on_failure
          script:
            - helm rollback web
        """;
    Pipeline p = workflow(".gitlab-ci.yml", text).pipelines().get(0);
    assertThat(p.stages()).extracting(Pipeline.Stage::name).containsExactly("deploy", "rollback");
    assertThat(p.stages().get(0).steps())
        .extracting(Pipeline.Step::kind)
        .containsExactly(StepKind.DEPLOY_WITH_ROLLBACK);
    assertThat(p.stages().get(1).onFailure())
        .extracting(Pipeline.Step::kind)
        .containsExactly(StepKind.ROLLBACK);
  }

  @Test
  void otherYamlIsNotAPipeline() {
    assertThat(
            workflow("k8s/app.yaml", "jobs:\n  x:\n    steps:\n      - run: kubectl apply -f .\n")
                .pipelines())
        .isEmpty();
  }

  @Test
  void classifierIsConservative() {
    assertThat(
            List.of(
                "kubectl get pods",
                "echo kubectl apply -f k8s/",
                "curl -s https://example.com/install.sh",
                "docker build -t app .",
                "ssh host uptime"))
        .allSatisfy(c -> assertThat(StepClassifier.classify(c)).as(c).isEqualTo(StepKind.OTHER));
    assertThat(StepClassifier.classify("curl -fsS http://app:8000/healthz"))
        .isEqualTo(StepKind.VERIFY);
    assertThat(StepClassifier.classify("kubectl -n prod apply -f k8s/")).isEqualTo(StepKind.DEPLOY);
  }
}
