package dev.rootcause.collect.docker;

import dev.rootcause.model.docker.ShellCommand;
import dev.rootcause.model.docker.UserAccount;
import java.util.List;
import java.util.Set;

/**
 * Recognises the users and groups a {@code RUN} creates: {@code useradd} and {@code groupadd}
 * (shadow-utils), {@code adduser} and {@code addgroup} (BusyBox and Debian), with the uid or gid
 * and the home folder each makes.
 */
final class UserAccounts {
  private static final Set<String> VALUE_OPTIONS =
      Set.of(
          "-u",
          "--uid",
          "-g",
          "--gid",
          "-G",
          "--groups",
          "-d",
          "--home-dir",
          "--home",
          "-h",
          "-s",
          "--shell",
          "-c",
          "--comment",
          "--gecos",
          "-k",
          "--skel",
          "-e",
          "-f",
          "-K",
          "-p",
          "-R",
          "-P",
          "-b",
          "--base-dir",
          "--ingroup",
          "--firstuid",
          "--lastuid");

  private UserAccounts() {}

  /** The account {@code c} creates, or null. */
  static UserAccount of(ShellCommand c) {
    String program = c.program();
    boolean group = program.equals("groupadd") || program.equals("addgroup");
    if (!group && !program.equals("useradd") && !program.equals("adduser")) {
      return null;
    }
    List<String> args = c.args();
    String name = null;
    for (int i = 0; i < args.size() && name == null; i++) {
      String a = args.get(i);
      if (VALUE_OPTIONS.contains(a)) {
        i++;
      } else if (!a.startsWith("-")) {
        name = a;
      }
    }
    if (name == null) {
      return null;
    }
    String id = value(args, group ? "-g" : "-u", group ? "--gid" : "--uid");
    return new UserAccount(name, group, id, group ? null : home(program, args, name), c.location());
  }

  /**
   * The home folder made: {@code useradd} only with {@code -m}; {@code adduser} unless told not to
   * ({@code -H}, {@code --no-create-home}) or making a system user.
   */
  private static String home(String program, List<String> args, String name) {
    String dir =
        value(
            args,
            program.equals("useradd") ? "-d" : "-h",
            program.equals("useradd") ? "--home-dir" : "--home");
    boolean creates =
        program.equals("useradd")
            ? args.contains("-m") || args.contains("--create-home")
            : !args.contains("-H")
                && !args.contains("--no-create-home")
                && !args.contains("-S")
                && !args.contains("--system");
    return !creates ? null : dir != null ? dir : "/home/" + name;
  }

  private static String value(List<String> args, String shortFlag, String longFlag) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if ((a.equals(shortFlag) || a.equals(longFlag)) && i + 1 < args.size()) {
        return args.get(i + 1);
      }
      if (a.startsWith(longFlag + "=")) {
        return a.substring(longFlag.length() + 1);
      }
    }
    return null;
  }
}
