package dev.rootcause.collect.pipeline;

import dev.rootcause.model.pipeline.Pipeline.StepKind;
import java.util.regex.Pattern;

/**
 * Decides what a pipeline command does to production. Deliberately conservative: a command is a
 * deploy only when it clearly changes what a server or cluster runs, and a check only when it fails
 * the pipeline on a bad release.
 */
final class StepClassifier {
  private static final Pattern ATOMIC =
      Pattern.compile("\\bhelm\\s+(upgrade|install)\\b.*--atomic\\b");
  private static final Pattern ROLLBACK =
      Pattern.compile(
          "\\b(kubectl\\b.*\\b(argo\\s+)?rollouts?\\s+undo|helm\\s+rollback"
              + "|aws\\s+deploy\\s+stop-deployment|argocd\\s+app\\s+rollback)\\b|\\brollback\\b");
  private static final Pattern DEPLOY =
      Pattern.compile(
          "\\bkubectl\\b.*\\b(apply|create|replace|set\\s+image|rollout\\s+restart|patch)\\b"
              + "|\\bhelm\\s+(upgrade|install)\\b"
              + "|\\b(scp|rsync)\\b.*\\S+@\\S+:"
              + "|\\bssh\\b.*\\b(gunicorn|uwsgi|systemctl\\s+(re)?start|service\\s+\\S+\\s+restart"
              + "|pm2\\s+(re)?start|docker(-compose|\\s+compose)?\\s+(run|up)|supervisorctl\\s+restart"
              + "|nohup|java\\s+-jar|npm\\s+start|node\\s+\\S+|python3?\\s+\\S+\\.py)"
              + "|\\bdocker\\s+stack\\s+deploy\\b|\\beb\\s+deploy\\b|\\baws\\s+ecs\\s+update-service\\b"
              + "|\\baws\\s+deploy\\s+create-deployment\\b|\\bgcloud\\s+(run|app)\\s+deploy\\b"
              + "|\\baz\\s+(webapp|functionapp)\\s+deploy\\b|\\baz\\s+containerapp\\s+update\\b"
              + "|\\bfly(ctl)?\\s+deploy\\b|\\bcf\\s+push\\b|\\bserverless\\s+deploy\\b"
              + "|\\bargocd\\s+app\\s+sync\\b|\\bansible-playbook\\b.*\\b(deploy|release|site)\\b"
              + "|\\bgunicorn\\b.*--daemon\\b");
  private static final Pattern VERIFY =
      Pattern.compile(
          "\\bkubectl\\b.*\\b(argo\\s+)?rollouts?\\s+status\\b"
              + "|\\bkubectl\\s+(-\\S+\\s+(\\w\\S*\\s+)?)*wait\\b|\\bhelm\\s+(upgrade|install)\\b.*--wait\\b|\\bhelm\\s+test\\b"
              + "|\\bargocd\\s+app\\s+wait\\b|\\baws\\s+ecs\\s+wait\\s+services-stable\\b"
              + "|\\brootcause\\s+(probe|verify)\\b|\\bsmoke|\\bhealth-?check\\b"
              + "|\\b(k6|newman|hey|locust)\\s+run\\b|\\b(pytest|py\\.test)\\b.*\\b(smoke|e2e)\\b"
              + "|\\bnpm\\s+run\\s+(smoke|e2e)\\b"
              + "|\\b(curl|wget)\\b.*(\\s(-f|-[a-zA-Z]*f[a-zA-Z]*|--fail(-with-body)?)\\b"
              + "|--spider|-w\\s*['\"]?%\\{http_code\\}|\\|\\s*grep)");

  private StepClassifier() {}

  static StepKind classify(String command) {
    String c = command.trim();
    if (c.isEmpty() || c.startsWith("#") || c.startsWith("echo ")) {
      return StepKind.OTHER;
    }
    if (ATOMIC.matcher(c).find()) {
      return StepKind.DEPLOY_WITH_ROLLBACK;
    }
    if (ROLLBACK.matcher(c).find()) {
      return StepKind.ROLLBACK;
    }
    if (VERIFY.matcher(c).find()) {
      return StepKind.VERIFY;
    }
    if (DEPLOY.matcher(c).find()) {
      return StepKind.DEPLOY;
    }
    return StepKind.OTHER;
  }
}
