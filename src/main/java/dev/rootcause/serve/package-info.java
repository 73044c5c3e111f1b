/**
 * {@code rootcause serve}: the incident room in a browser, over the same use cases as the CLI. It
 * sits beside {@code cli}, above {@code pipeline}, and reaches the store only through it.
 */
package dev.rootcause.serve;
