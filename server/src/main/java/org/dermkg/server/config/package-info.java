/** Configuration: flags, environment, system properties, a properties file, defaults. */
package org.dermkg.server.config;
