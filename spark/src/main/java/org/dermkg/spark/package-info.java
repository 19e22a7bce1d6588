/**
 * An Apache Spark job that embeds image folders with the embeddings module's {@code ClipModel}: one
 * model per executor JVM, batched inside {@code mapPartitions}, written as Parquet and as the
 * project's vector files.
 */
package org.dermkg.spark;
