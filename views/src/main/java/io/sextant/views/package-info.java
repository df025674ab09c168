/** JavaFX screens of the workbench, one package per screen; they depend on services, never the reverse. */
package io.sextant.views;
