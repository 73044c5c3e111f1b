package dev.rootcause.rules.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shell splitter on the RUN lines Dockerfiles are full of. */
class ShellCommandsTest {

  @Test
  void splitsOnOperatorsAndRemovesQuotes() {
    List<ShellCommands.Command> commands =
        ShellCommands.parse(
            "apt-get update && apt-get install -y curl; CGO_ENABLED=0 go build -ldflags=\"-s -w\""
                + " -o '/out/my app' ./cmd/app || echo failed | tee log");
    assertThat(commands)
        .extracting(ShellCommands.Command::name)
        .containsExactly("apt-get", "apt-get", "go", "echo", "tee");
    assertThat(commands.get(2).args())
        .containsExactly("build", "-ldflags=-s -w", "-o", "/out/my app", "./cmd/app");
    assertThat(commands).noneMatch(ShellCommands.Command::opaque);
  }

  @Test
  void redirectionsAreWritesButDescriptorsAreNot() {
    List<ShellCommands.Command> commands =
        ShellCommands.parse("echo ok > /tmp/ready 2>&1 && cat a >> logs/out.txt 2>/dev/null");
    assertThat(commands).hasSize(2);
    assertThat(commands.get(0).words()).containsExactly("echo", "ok");
    assertThat(commands.get(0).writes()).containsExactly("/tmp/ready");
    assertThat(commands.get(1).writes()).containsExactly("logs/out.txt", "/dev/null");
  }

  @Test
  void commentsAndExecAreSkipped() {
    List<ShellCommands.Command> commands =
        ShellCommands.parse("# build it\nexec ./server --port 80");
    assertThat(commands)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.name()).isEqualTo("./server");
              assertThat(c.args()).containsExactly("--port", "80");
            });
  }

  @Test
  void substitutionsAndCompoundCommandsAreOpaque() {
    assertThat(ShellCommands.parse("go build -o $(go env GOPATH)/bin/app"))
        .singleElement()
        .satisfies(c -> assertThat(c.opaque()).isTrue());
    assertThat(ShellCommands.parse("cp `which app` /usr/bin/"))
        .singleElement()
        .satisfies(c -> assertThat(c.opaque()).isTrue());
    assertThat(ShellCommands.parse("if [ -f x ]; then make; fi").get(0).opaque()).isTrue();
    assertThat(ShellCommands.parse("echo '$(not run)'").get(0).opaque()).isFalse();
  }

  @Test
  void heredocBodiesAreCommandsForAShellAndDataForAnythingElse() {
    List<ShellCommands.Command> script =
        ShellCommands.parse("<<EOF bash\nmkdir -p /out\ngo build -o /out/app .\nEOF\nls /out");
    assertThat(script)
        .extracting(ShellCommands.Command::name)
        .containsExactly("bash", "mkdir", "go", "ls");
    List<ShellCommands.Command> data =
        ShellCommands.parse(
            "cat <<'CONF' > /etc/app.conf\nlisten 8080;\nCONF\nchmod 600 /etc/app.conf");
    assertThat(data).extracting(ShellCommands.Command::name).containsExactly("cat", "chmod");
    assertThat(data.get(0).writes()).containsExactly("/etc/app.conf");
  }
}
