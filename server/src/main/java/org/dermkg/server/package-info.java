/**
 * The composition root: the {@code derm} command line ({@link org.dermkg.server.Main}), and later
 * configuration, the embedded Fuseki server and the HTTP API. No domain logic lives here.
 */
package org.dermkg.server;
