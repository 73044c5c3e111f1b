package dev.rootcause.model;

import dev.rootcause.model.build.ImageBuild;
import dev.rootcause.model.docker.Dockerfile;
import java.util.List;

/**
 * How a container's image links to the repository: the builds that produce its name and the
 * Dockerfile it comes from. {@code basis} says how sure the link is, and rules pass that on.
 */
public record ImageSource(Dockerfile dockerfile, List<ImageBuild> builds, Basis basis)
    implements java.io.Serializable {

  public ImageSource {
    builds = List.copyOf(builds);
  }

  /** Why rootcause believes this Dockerfile makes this image. */
  public enum Basis {
    /** A build in the repository produces exactly this name and tag. */
    BUILT_AS_REFERENCED(Confidence.CERTAIN, "built under this name"),
    /** A build produces this repository under another tag: same code, tag differs. */
    SAME_REPOSITORY(Confidence.LIKELY, "the build of the same repository name"),
    /** The Dockerfile's folder is named like the image or the container. */
    FOLDER_NAME(Confidence.LIKELY, "the Dockerfile in the folder named like the image"),
    /** The only Dockerfile in the repository, and the only locally built image. */
    ONLY_DOCKERFILE(Confidence.LIKELY, "the only Dockerfile in the repository");

    private final Confidence confidence;
    private final String description;

    Basis(Confidence confidence, String description) {
      this.confidence = confidence;
      this.description = description;
    }

    public Confidence confidence() {
      return confidence;
    }

    public String description() {
      return description;
    }
  }

  public Confidence confidence() {
    return basis.confidence();
  }
}
