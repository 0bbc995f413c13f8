/**
 * The asynchronous writer and the outputs it writes JSON lines to.
 */
@NullMarked
package dev.cloudtelemetry.output;

import org.jspecify.annotations.NullMarked;
