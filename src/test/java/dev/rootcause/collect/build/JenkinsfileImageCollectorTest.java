package dev.rootcause.collect.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JenkinsfileImageCollectorTest {

  @Test
  void shStepsWithEnvironmentAndDir(@TempDir Path root) {
    BuildFacts.write(
        root,
        "Jenkinsfile",
        """
            pipeline {
              agent any
              parameters {
                string(name: 'CLUSTER', defaultValue: 'staging', description: 'k3d cluster')
              }
              environment {
                IMAGE = 'billing-api'
                TAG = "1.${BUILD_NUMBER}"
                REGISTRY_CREDS = credentials('registry')
              }
              stages {
                stage('Build') {
                  steps {
                    // docker build -t commented:out .
                    sh "docker build -t ${IMAGE}:latest -f build/Dockerfile ."
                    sh '''
                      docker build \\
                        -t $IMAGE:$TAG .
                    '''
                    dir('admin') {
                      sh(script: "docker build -t ${env.IMAGE}-admin:latest .", label: 'admin')
                    }
                    sh "k3d image import ${IMAGE}:latest -c \\${CLUSTER}"
                  }
                }
              }
            }
            """,
        "build/Dockerfile",
        "FROM golang:1.22\n",
        "admin/Dockerfile",
        "FROM node:20\n");
    assertThat(BuildFacts.of(root))
        .containsExactly(
            "BUILD billing-api:latest Jenkinsfile:15 build/Dockerfile .",
            "BUILD billing-api:1.${BUILD_NUMBER} Jenkinsfile:18 Dockerfile .",
            "BUILD billing-api-admin:latest Jenkinsfile:21 admin/Dockerfile admin",
            "IMPORT billing-api:latest Jenkinsfile:23 build/Dockerfile .");
  }

  @Test
  void dockerPipelineBuildAndPush(@TempDir Path root) {
    BuildFacts.write(
        root,
        "ci/Jenkinsfile",
        """
            node {
              checkout scm
              def app = docker.build("acme/portal:${env.BUILD_ID}", "-f portal/Dockerfile portal")
              def tools = docker.build 'acme/tools'
              docker.withRegistry('https://registry.acme.io', 'registry-creds') {
                app.push()
                app.push('latest')
              }
              docker.image('acme/tools').push()
            }
            """,
        "portal/Dockerfile",
        "FROM nginx\n",
        "Dockerfile",
        "FROM alpine\n");
    assertThat(BuildFacts.of(root))
        .containsExactly(
            "BUILD acme/portal:${env.BUILD_ID} ci/Jenkinsfile:3 portal/Dockerfile portal",
            "BUILD acme/tools ci/Jenkinsfile:4 Dockerfile .",
            "PUSH registry.acme.io/acme/portal:${env.BUILD_ID} ci/Jenkinsfile:6 portal/Dockerfile portal",
            "PUSH registry.acme.io/acme/portal:latest ci/Jenkinsfile:7 portal/Dockerfile portal",
            "PUSH acme/tools ci/Jenkinsfile:9 Dockerfile .");
  }

  @Test
  void seedFourJenkinsfileBuildsNoImage() {
    assertThat(BuildFacts.of(Path.of("examples/url-shortener"))).isEmpty();
  }
}
