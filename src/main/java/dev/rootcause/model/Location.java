package dev.rootcause.model;

/** Where a piece of evidence lives: a file, a live cluster object, or an HTTP exchange. */
public sealed interface Location permits SourceLocation, ClusterLocation, HttpLocation {

  /** A short human form: {@code k8s/api.yaml:14:9}, {@code Pod production/api-7f9 .spec}, a URL. */
  String display();
}
