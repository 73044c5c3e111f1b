package dev.rootcause.model.probe;

/**
 * How a probe offers load: closed (each connection sends its next request when the last answer
 * came) or open (requests are due at a fixed rate whether or not earlier ones have answered).
 */
public enum LoadModel {
  CLOSED,
  OPEN
}
