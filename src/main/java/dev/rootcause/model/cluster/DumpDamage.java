package dev.rootcause.model.cluster;

import java.io.Serializable;

/**
 * A file of a dump that could be read only in part (cut short, malformed from some line on): the
 * objects before the damage were read, the rest of the dump too, and the report says where.
 *
 * @param line the line where reading stopped; 0 when not known
 * @param why what was wrong there, and how much was read before it
 */
public record DumpDamage(String path, int line, String why) implements Serializable {}
