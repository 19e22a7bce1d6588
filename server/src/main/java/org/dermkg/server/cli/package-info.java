/** The picocli commands behind {@code derm <verb>}. */
package org.dermkg.server.cli;
