/**
 * The application: entry point and the one place where services and views are constructed and
 * wired together (constructor injection, no globals).
 */
package io.sextant.app;
