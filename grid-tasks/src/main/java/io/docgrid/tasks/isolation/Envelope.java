package io.docgrid.tasks.isolation;

import java.io.Serializable;

/**
 * One message between a node and its child, numbered: a child works on several requests at once and
 * answers each under its request's number, in whatever order they finish.
 */
record Envelope(long id, Serializable body) implements Serializable {}
