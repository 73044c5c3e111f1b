package dev.rootcause.model;

/**
 * One location a finding rests on, with what it contributes ("EXPOSE 80", "app listens on 8080").
 */
public record Evidence(Location location, String note) implements java.io.Serializable {}
