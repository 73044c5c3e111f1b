package dev.rootcause.model.proxy;

import dev.rootcause.model.ImageSource;
import dev.rootcause.model.SystemModel;
import dev.rootcause.model.docker.BaseImage;
import dev.rootcause.model.docker.Dockerfile;
import dev.rootcause.model.docker.Stage;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.ObjectMeta;
import dev.rootcause.model.k8s.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The nginx locations a container serves, when the repository shows which configuration replaces
 * nginx's own: a ConfigMap key named {@code default.conf} or {@code nginx.conf} that the pod
 * mounts, or a file the container's Dockerfile copies over {@code /etc/nginx/conf.d/default.conf}
 * or {@code /etc/nginx/nginx.conf}. A config added beside the stock {@code default.conf} (another
 * name in {@code conf.d}) leaves nginx's own server in play, so it is not taken as the whole story.
 */
public final class NginxSites {
  private NginxSites() {}

  private static final Set<String> REPLACED =
      Set.of("/etc/nginx/conf.d/default.conf", "/etc/nginx/nginx.conf");

  /** Whether the container runs nginx: a stock nginx image, or one built from it. */
  public static boolean runsNginx(SystemModel model, Container c) {
    Optional<Dockerfile> built = model.imageSource(c).map(ImageSource::dockerfile);
    if (built.isPresent() && built.get() != null) {
      return built
          .get()
          .finalStage()
          .map(s -> s.baseImage() != null && isNginx(BaseImage.of(s.baseImage()).repository()))
          .orElse(false);
    }
    return c.image() != null && isNginx(c.image().repository());
  }

  private static boolean isNginx(String repository) {
    String name = repository.substring(repository.lastIndexOf('/') + 1);
    return name.equals("nginx") || name.equals("nginx-unprivileged");
  }

  /** The locations of the configuration that replaces nginx's own in this container, if known. */
  public static List<ProxyRoute> locations(SystemModel model, Workload w, Container c) {
    Dockerfile dockerfile = model.imageSource(c).map(ImageSource::dockerfile).orElse(null);
    List<ProxyRoute> out = new ArrayList<>();
    for (ProxyRoute r : model.proxyRoutes()) {
      if (r.proxy() != ProxyRoute.Proxy.NGINX) {
        continue;
      }
      Optional<ObjectMeta> configMap =
          model.objects().stream()
              .filter(o -> o.kind().equals("ConfigMap") && o.encloses(r.location()))
              .findFirst();
      if (configMap.isPresent()) {
        ObjectMeta cm = configMap.get();
        String file = r.location().path();
        boolean mounted = w.meta().sameNamespace(cm) && w.configMapVolumes().contains(cm.name());
        if (mounted
            && (r.scope().startsWith(file + " default.conf ")
                || r.scope().startsWith(file + " nginx.conf "))) {
          out.add(r);
        }
      } else if (dockerfile != null && copiedOverDefault(dockerfile, r.location().path())) {
        out.add(r);
      }
    }
    return out;
  }

  private static boolean copiedOverDefault(Dockerfile dockerfile, String path) {
    String dir = dockerfile.directory();
    if (!dir.isEmpty() && !path.startsWith(dir + "/")) {
      return false;
    }
    String relative = dir.isEmpty() ? path : path.substring(dir.length() + 1);
    String name = relative.substring(relative.lastIndexOf('/') + 1);
    for (Stage.Copy copy : dockerfile.finalStage().map(Stage::copies).orElse(List.of())) {
      String dest = copy.destinationPath();
      if (copy.from() != null || dest == null || !copy.copiesFile(relative)) {
        continue;
      }
      if (REPLACED.contains(dest) || copy.intoDirectory() && REPLACED.contains(dest + "/" + name)) {
        return true;
      }
    }
    return false;
  }
}
